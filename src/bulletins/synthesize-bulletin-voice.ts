// The speech step: speaks each voice rendition still waiting for audio, outside any transaction (an engine takes
// a while), languages side by side (at most `speechConcurrency` at once), then stores each language's 8 kHz WAV and
// creates its voice messages in one short transaction, as soon as that language is spoken: partners and stations
// get the WAV at once. The MP3 is encoded after, by an encode-voice-mp3 job per language recorded in the same
// transaction (encodeVoiceMp3 below). A language no engine speaks is marked "needs recording" (an admin uploads a
// recording later); nothing fails for it.
import { encodeMp3, encodeTelephoneWav, telephonePcm } from "../channels/voice/index.ts";
import type { SpeechEngine } from "../channels/voice/speech-engine.ts";
import type { Db } from "../db/client.ts";
import { getAudioByFile } from "../db/queries/audio.ts";
import { getBulletin } from "../db/queries/bulletins.ts";
import { attachVoiceAudio, attachVoiceMp3, markNeedsRecording, voiceRendition } from "../delivery/voice-renditions.ts";
import type { Language } from "../domain/index.ts";
import type { Logger } from "../logger.ts";
import type { QueuedJob } from "../queue/job-queue.ts";
import { urgencyPriority } from "../queue/job-queue.ts";
import { recordJob, type StepOutcome } from "../queue/outbox.ts";
import { lockBulletin } from "./lock-bulletin.ts";

export type SynthesizeDeps = {
  db: Db;
  clock: () => Date;
  logger: Logger;
  /** speaks voice messages; absent: every voice message needs recording */
  speech?: SpeechEngine;
  /** encodes the MP3 of 8 kHz samples; absent: lamejs in a worker thread (encodeMp3) */
  encodeMp3?: (pcm: Int16Array) => Promise<Buffer>;
  lockTimeoutMs?: number;
};

/** Languages spoken at once: one engine process each, so about one per CPU core (espeak-ng takes one). */
export const speechConcurrency = 2;

/** `work` for every item, at most `limit` at a time; results in the items' order. */
const inParallel = async <Item, Result>(items: Item[], limit: number, work: (item: Item) => Promise<Result>) => {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
};

type Rendition = NonNullable<Awaited<ReturnType<typeof voiceRendition>>>;

/** One language: spoken, then stored with its voice messages (or marked for recording). Undefined when the
 *  bulletin is gone; else the MP3 job recorded, if any. */
const speakLanguage = async (deps: SynthesizeDeps, bulletinId: string, rendition: Rendition) => {
  const spoken = deps.speech
    ? await deps.speech.synthesize({ language: rendition.language, parts: rendition.content.parts })
    : ({ ok: false, reason: "engine_not_installed", detail: "no speech engine configured" } as const);
  const encoded = spoken.ok ? encodeTelephoneWav(spoken.wav) : undefined;
  const stored = await deps.db.transaction(async (tx) => {
    // locked: a withdrawal waits for this, and this sees the withdrawal
    const current = await lockBulletin(tx, { bulletinId, lockTimeoutMs: deps.lockTimeoutMs });
    if (!current) return undefined;
    const at = deps.clock();
    if (spoken.ok && encoded) {
      const { pcm: _samples, ...wav } = encoded;
      const attached = await attachVoiceAudio(tx, {
        bulletin: current,
        language: rendition.language,
        encoded: wav,
        source: spoken.engine,
        status: "ready",
        at,
      });
      if (!attached.audio) return { mp3: undefined };
      const mp3 = await recordJob(tx, {
        name: "encode-voice-mp3",
        key: `encode-voice-mp3:${bulletinId}:${rendition.language}:${attached.audio.wav}`,
        payload: { bulletinId, language: rendition.language },
        priority: urgencyPriority[current.urgency],
      });
      return { mp3 };
    }
    if (!spoken.ok) await markNeedsRecording(tx, { bulletin: current, language: rendition.language, note: spoken.detail, at });
    return { mp3: undefined };
  });
  if (stored && !spoken.ok) deps.logger.info({ bulletinId, language: rendition.language, note: spoken.detail }, "voice message needs recording");
  return stored;
};

/** Skipped when there is no such bulletin or no voice rendition waits for audio; any other failure is thrown, so
 *  that the step is retried (a language already stored is not spoken again). */
export const synthesizeBulletinVoice = async (deps: SynthesizeDeps, { bulletinId }: { bulletinId: string }): Promise<StepOutcome> => {
  const bulletin = await getBulletin(deps.db, bulletinId);
  if (!bulletin) return { result: "skipped", next: [] };
  // voice renditions are made per target language (the format step), so these are all of them
  const waiting: Rendition[] = [];
  for (const language of bulletin.targetLanguages) {
    const rendition = await voiceRendition(deps.db, bulletinId, language);
    if (rendition?.content.status === "synthesizing") waiting.push(rendition);
  }
  if (waiting.length === 0) return { result: "skipped", next: [] };
  const stored = await inParallel(waiting, speechConcurrency, (rendition) => speakLanguage(deps, bulletinId, rendition));
  if (stored.every((outcome) => outcome === undefined)) return { result: "skipped", next: [] };
  return { result: "done", next: stored.map((outcome) => outcome?.mp3).filter((job): job is QueuedJob => job !== undefined) };
};

/** The MP3 of one language's synthesised speech, from its stored WAV. Skipped when there is no WAV to encode, or it
 *  has its MP3 already, or a recording replaced it meanwhile. */
export const encodeVoiceMp3 = async (deps: SynthesizeDeps, { bulletinId, language }: { bulletinId: string; language: Language }): Promise<StepOutcome> => {
  const audio = (await voiceRendition(deps.db, bulletinId, language))?.content.audio;
  if (!audio || audio.mp3) return { result: "skipped", next: [] };
  const wav = await getAudioByFile(deps.db, audio.wav);
  if (!wav) return { result: "skipped", next: [] };
  const mp3 = await (deps.encodeMp3 ?? encodeMp3)(telephonePcm(wav.bytes));
  return deps.db.transaction(async (tx) => {
    const bulletin = await lockBulletin(tx, { bulletinId, lockTimeoutMs: deps.lockTimeoutMs });
    if (!bulletin) return { result: "skipped", next: [] };
    const attached = await attachVoiceMp3(tx, { bulletin, language, wav: audio.wav, mp3, at: deps.clock() });
    return { result: attached ? "done" : "skipped", next: [] };
  });
};
