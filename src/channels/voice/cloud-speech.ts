// A cloud speech service over HTTP, shaped like Azure's text-to-speech REST API (POST SSML with a <voice name>,
// key in Ocp-Apim-Subscription-Key, X-Microsoft-OutputFormat riff-8khz-16bit-mono-pcm, WAV back). Its voices
// cover lo and km as well as vi and en. Off unless TTS_URL is set; the key is never logged.
import type { Language } from "../../domain/index.ts";
import { buildSsml } from "./build-ssml.ts";
import type { SpeechEngine, SpeechResult } from "./speech-engine.ts";

export type CloudSpeechOptions = {
  /** the synthesis endpoint, e.g. https://southeastasia.tts.speech.microsoft.com/cognitiveservices/v1 */
  url: string;
  apiKey?: string;
  /** voice name per language; a language without one is not spoken by this engine */
  voices: Partial<Record<Language, string>>;
  timeoutMs: number;
  fetch?: typeof fetch;
};

/** Azure's neural voices for our four languages (as listed in its voice gallery); TTS_VOICES overrides them. */
export const defaultCloudVoices: Record<Language, string> = {
  vi: "vi-VN-HoaiMyNeural",
  lo: "lo-LA-KeomanyNeural",
  en: "en-GB-SoniaNeural",
  km: "km-KH-SreymomNeural",
};

export const createCloudSpeech = (options: CloudSpeechOptions): SpeechEngine => {
  const origin = new URL(options.url).origin;
  const name = `cloud speech at ${origin}`;
  return {
    name,
    synthesize: async ({ language, parts }): Promise<SpeechResult> => {
      const voice = options.voices[language];
      if (!voice) return { ok: false, reason: "no_voice", detail: `${name}: no ${language} voice configured (TTS_VOICES)` };
      const headers: Record<string, string> = {
        "content-type": "application/ssml+xml",
        "x-microsoft-outputformat": "riff-8khz-16bit-mono-pcm",
        "user-agent": "bantin",
      };
      if (options.apiKey) headers["ocp-apim-subscription-key"] = options.apiKey;
      try {
        const response = await (options.fetch ?? fetch)(options.url, {
          method: "POST",
          headers,
          body: buildSsml(language, parts, { voice, version: "1.0" }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (!response.ok) {
          const hint = response.status === 401 || response.status === 403 ? " (the key was refused)" : "";
          return { ok: false, reason: "engine_failed", detail: `${name}: HTTP ${response.status}${hint}` };
        }
        const wav = new Uint8Array(await response.arrayBuffer());
        if (wav.byteLength <= 44 || Buffer.from(wav.subarray(0, 4)).toString("latin1") !== "RIFF") {
          return { ok: false, reason: "engine_failed", detail: `${name}: the answer is not WAV audio` };
        }
        return { ok: true, wav, engine: name };
      } catch (error) {
        const timedOut = (error as Error).name === "TimeoutError";
        return { ok: false, reason: "engine_failed", detail: `${name}: ${timedOut ? `no answer within ${options.timeoutMs} ms` : (error as Error).message}` };
      }
    },
  };
};
