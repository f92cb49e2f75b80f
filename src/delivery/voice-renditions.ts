// The voice channel's rendition step. Formatting writes each language's SSML, script and estimated duration at
// once (status "synthesizing"); the synthesize-voice job then speaks it where an engine can (status "ready"), or
// marks it "needs_recording" with why; an admin's uploaded recording makes it "recorded". When audio arrives (the
// 8 kHz WAV first), the voice messages go to the partners that take voice and the radio scripts of that language get
// the audio link; the MP3 of synthesised speech follows from the encode-voice-mp3 job (attachVoiceMp3).
import { createHash } from "node:crypto";
import { buildSsml, estimateVoiceSeconds, voiceParts, voiceScriptText, type TelephoneAudio, type VoicePart } from "../channels/voice/index.ts";
import type { Db } from "../db/client.ts";
import { getAudioByFile, insertAudio } from "../db/queries/audio.ts";
import type { Bulletin, BulletinText } from "../db/queries/bulletins.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import { setVoiceMessagesMp3 } from "../db/queries/messages.ts";
import { placeLookup } from "../db/queries/places.ts";
import { touchRadioScripts } from "../db/queries/radio-scripts.ts";
import { getRendition, insertRenditions, setRenditionContent } from "../db/queries/renditions.ts";
import type { Language } from "../domain/index.ts";
import { queueMessages, recipientPartners } from "./create-sms-messages.ts";
import { voiceStrings } from "./spoken-strings.ts";

/** The stored files: the WAV as soon as there is speech; the MP3 once encoded (absent until then). */
export type VoiceAudio = { wav: string; mp3?: string; durationSec: number; source: string };
/** Audio to store: telephone WAV, with or without its MP3 yet. */
export type AudioToStore = Omit<TelephoneAudio, "mp3"> & { mp3?: Buffer };
export type VoiceRenditionContent = {
  status: "synthesizing" | "ready" | "needs_recording" | "recorded";
  ssml: string;
  /** what a voice artist reads */
  script: string;
  parts: VoicePart[];
  estimatedSec: number;
  audio?: VoiceAudio;
  /** why it needs recording: "espeak-ng: no lo voice", "espeak-ng: speech engine not installed" */
  note?: string;
};

/** Voice renditions are made when the bulletin goes out by voice or by radio (radio scripts carry the audio). */
export const wantsVoice = (bulletin: Pick<Bulletin, "channels">) => bulletin.channels.includes("voice") || bulletin.channels.includes("radio");

/** SSML, script and estimate per language, without audio yet. */
export const voiceRenditionsFor = async (db: Db, bulletin: Bulletin, texts: BulletinText[]) => {
  const places = await placeLookup(db);
  return texts.map((text) => {
    const parts = voiceParts({
      language: text.language,
      headline: text.headline,
      summary: text.summary,
      body: text.body,
      urgency: bulletin.urgency,
      mode: bulletin.mode,
      strings: voiceStrings(bulletin, places, text.language),
    });
    const content: VoiceRenditionContent = {
      status: "synthesizing",
      ssml: buildSsml(text.language, parts),
      script: voiceScriptText(parts),
      parts,
      estimatedSec: estimateVoiceSeconds(text.language, parts),
    };
    return { language: text.language, content };
  });
};

/** In the format transaction: one voice rendition per language, waiting for the speech step. */
export const writeVoiceRenditions = async (db: Db, options: { bulletin: Bulletin; texts: BulletinText[]; at: Date }) => {
  const { bulletin, at } = options;
  for (const { language, content } of await voiceRenditionsFor(db, bulletin, options.texts)) {
    await insertRenditions(db, { bulletinId: bulletin.id, language, channel: "voice", target: "", content, createdAt: at });
  }
};

export const voiceRendition = async (db: Db, bulletinId: string, language: Language) => {
  const row = await getRendition(db, { bulletinId, language, channel: "voice", target: "" });
  return row ? { ...row, content: row.content as VoiceRenditionContent } : undefined;
};

const audioFile = (bytes: Buffer, extension: string) => `${createHash("sha256").update(bytes).digest("hex")}.${extension}`;

/** Stores audio (content-addressed: the same bytes are stored once) and returns the file names. */
export const storeAudio = async (db: Db, encoded: AudioToStore, at: Date): Promise<{ wav: string; mp3?: string }> => {
  const wav = audioFile(encoded.wav, "wav");
  const mp3 = encoded.mp3 ? audioFile(encoded.mp3, "mp3") : undefined;
  await insertAudio(db, [
    { file: wav, mimeType: "audio/wav", sampleRate: encoded.sampleRate, durationSec: encoded.durationSec, bytes: encoded.wav, createdAt: at },
    ...(mp3 && encoded.mp3
      ? [{ file: mp3, mimeType: "audio/mpeg", sampleRate: encoded.sampleRate, durationSec: encoded.durationSec, bytes: encoded.mp3, createdAt: at }]
      : []),
  ]);
  return mp3 ? { wav, mp3 } : { wav };
};

/** Voice messages for the partners that take voice in this language: the same claim/ack batches as SMS. */
const createVoiceMessages = async (
  db: Db,
  options: { bulletin: Bulletin; language: Language; content: VoiceRenditionContent; voice: VoiceAudio; at: Date },
) => {
  const { bulletin, language, content, voice, at } = options;
  const partners = (await recipientPartners(db, bulletin)).filter((partner) => partner.kinds.includes("voice") && partner.languages.includes(language));
  return queueMessages(db, {
    bulletin,
    at,
    messages: partners.map((partner) => ({
      partner,
      language,
      message: { kind: "voice", text: content.script, encoding: null, parts: 0, audio: voice.wav, audioMp3: voice.mp3 ?? null, durationSec: voice.durationSec },
      detail: { durationSec: voice.durationSec, source: voice.source },
    })),
  });
};

/** Audio for a voice rendition (synthesised or recorded): stored, the rendition updated, the voice messages created
 *  if the bulletin is still published, and the language's radio scripts touched so stations see the audio. */
export const attachVoiceAudio = async (
  db: Db,
  options: { bulletin: Bulletin; language: Language; encoded: AudioToStore; source: string; status: "ready" | "recorded"; at: Date },
) => {
  const { bulletin, language, at } = options;
  const rendition = await voiceRendition(db, bulletin.id, language);
  if (!rendition) return { messages: 0 };
  const files = await storeAudio(db, options.encoded, at);
  const voice: VoiceAudio = { ...files, durationSec: options.encoded.durationSec, source: options.source };
  const content: VoiceRenditionContent = { ...rendition.content, status: options.status, audio: voice, note: undefined };
  await setRenditionContent(db, rendition.id, content);
  const messages =
    bulletin.status === "published" && bulletin.channels.includes("voice") ? await createVoiceMessages(db, { bulletin, language, content, voice, at }) : 0;
  await touchRadioScripts(db, { bulletinId: bulletin.id, language });
  return { messages, audio: voice };
};

/** The MP3 of the language's speech, encoded after its WAV went out: stored, added to the rendition and to the
 *  voice messages that carry that WAV (claimed ones too: a batch read again shows it), and the radio scripts come
 *  round again with it. False when the rendition's audio is no longer that WAV (a recording replaced it). */
export const attachVoiceMp3 = async (db: Db, options: { bulletin: Bulletin; language: Language; wav: string; mp3: Buffer; at: Date }) => {
  const { bulletin, language } = options;
  const rendition = await voiceRendition(db, bulletin.id, language);
  const audio = rendition?.content.audio;
  if (!rendition || !audio || audio.wav !== options.wav) return false;
  const mp3 = audioFile(options.mp3, "mp3");
  const wav = await getAudioByFile(db, audio.wav);
  await insertAudio(db, [
    { file: mp3, mimeType: "audio/mpeg", sampleRate: wav?.sampleRate ?? 8_000, durationSec: audio.durationSec, bytes: options.mp3, createdAt: options.at },
  ]);
  await setRenditionContent(db, rendition.id, { ...rendition.content, audio: { ...audio, mp3 } });
  await setVoiceMessagesMp3(db, { bulletinId: bulletin.id, language, wav: audio.wav, mp3 });
  await touchRadioScripts(db, { bulletinId: bulletin.id, language });
  return true;
};

/** No engine speaks the language: the rendition waits for a recording, and the log says so (once). */
export const markNeedsRecording = async (db: Db, options: { bulletin: Bulletin; language: Language; note: string; at: Date }) => {
  const rendition = await voiceRendition(db, options.bulletin.id, options.language);
  if (!rendition) return;
  await setRenditionContent(db, rendition.id, { ...rendition.content, status: "needs_recording", note: options.note });
  await logDelivery(db, {
    at: options.at,
    bulletinId: options.bulletin.id,
    channel: "voice",
    language: options.language,
    event: "voice.needs_recording",
    reason: "needs_recording",
    dedupeKey: `needs-recording:${options.bulletin.id}:${options.language}`,
    detail: { note: options.note },
  });
};
