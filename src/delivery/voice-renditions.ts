// The voice channel's rendition step. Formatting writes each language's SSML, script and estimated duration at
// once (status "synthesizing"); the synthesize-voice job then speaks it where an engine can (status "ready"), or
// marks it "needs_recording" with why; an admin's uploaded recording makes it "recorded". When audio arrives, the
// voice messages go to the partners that take voice and the radio scripts of that language get the audio link.
import { createHash } from "node:crypto";
import { buildSsml, estimateVoiceSeconds, voiceParts, voiceScriptText, type TelephoneAudio, type VoicePart } from "../channels/voice/index.ts";
import type { Db } from "../db/client.ts";
import { insertAudio } from "../db/queries/audio.ts";
import type { Bulletin, BulletinText } from "../db/queries/bulletins.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import { placeLookup } from "../db/queries/places.ts";
import { touchRadioScripts } from "../db/queries/radio-scripts.ts";
import { getRendition, insertRenditions, setRenditionContent } from "../db/queries/renditions.ts";
import type { Language } from "../domain/index.ts";
import { queueMessages, recipientPartners } from "./create-sms-messages.ts";
import { voiceStrings } from "./spoken-strings.ts";

export type VoiceAudio = { wav: string; mp3: string; durationSec: number; source: string };
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
    const parts = voiceParts({ language: text.language, headline: text.headline, summary: text.summary, body: text.body, urgency: bulletin.urgency, mode: bulletin.mode, strings: voiceStrings(bulletin, places, text.language) });
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

/** Stores audio (content-addressed: the same bytes are stored once) and returns the two file names. */
export const storeAudio = async (db: Db, encoded: TelephoneAudio, at: Date) => {
  const wav = audioFile(encoded.wav, "wav");
  const mp3 = audioFile(encoded.mp3, "mp3");
  await insertAudio(db, [
    { file: wav, mimeType: "audio/wav", sampleRate: encoded.sampleRate, durationSec: encoded.durationSec, bytes: encoded.wav, createdAt: at },
    { file: mp3, mimeType: "audio/mpeg", sampleRate: encoded.sampleRate, durationSec: encoded.durationSec, bytes: encoded.mp3, createdAt: at },
  ]);
  return { wav, mp3 };
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
      message: { kind: "voice", text: content.script, encoding: null, parts: 0, audio: voice.wav, audioMp3: voice.mp3, durationSec: voice.durationSec },
      detail: { durationSec: voice.durationSec, source: voice.source },
    })),
  });
};

/** Audio for a voice rendition (synthesised or recorded): stored, the rendition updated, the voice messages created
 *  if the bulletin is still published, and the language's radio scripts touched so stations see the audio. */
export const attachVoiceAudio = async (
  db: Db,
  options: { bulletin: Bulletin; language: Language; encoded: TelephoneAudio; source: string; status: "ready" | "recorded"; at: Date },
) => {
  const { bulletin, language, at } = options;
  const rendition = await voiceRendition(db, bulletin.id, language);
  if (!rendition) return { messages: 0 };
  const files = await storeAudio(db, options.encoded, at);
  const voice: VoiceAudio = { ...files, durationSec: options.encoded.durationSec, source: options.source };
  const content: VoiceRenditionContent = { ...rendition.content, status: options.status, audio: voice, note: undefined };
  await setRenditionContent(db, rendition.id, content);
  const messages = bulletin.status === "published" && bulletin.channels.includes("voice") ? await createVoiceMessages(db, { bulletin, language, content, voice, at }) : 0;
  await touchRadioScripts(db, { bulletinId: bulletin.id, language });
  return { messages, audio: voice };
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
