export { buildSsml, speechLanguage, ssmlNamespace, type SsmlOptions } from "./build-ssml.ts";
export { estimateVoiceSeconds, voiceParts, voiceScriptText, type VoiceInput, type VoicePart, type VoiceStrings } from "./voice-script.ts";
export {
  AudioDecodeError,
  decodeUploadedAudio,
  encodeMp3,
  encodeTelephoneAudio,
  encodeTelephoneWav,
  maxAudioSeconds,
  telephonePcm,
  type TelephoneAudio,
  type TelephoneWav,
} from "./encode-audio.ts";
export { speakWith, type SpeechEngine, type SpeechRequest, type SpeechResult, type SpeechUnavailable } from "./speech-engine.ts";
export { createEspeakNg } from "./espeak-ng.ts";
export { createCloudSpeech, defaultCloudVoices, type CloudSpeechOptions } from "./cloud-speech.ts";
