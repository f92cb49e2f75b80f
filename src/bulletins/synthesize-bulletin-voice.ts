// The speech step: speaks each voice rendition still waiting for audio, outside any transaction (an engine takes
// seconds), then stores the audio and creates the voice messages in one short transaction per language. A language
// no engine speaks is marked "needs recording" (an admin uploads a recording later); nothing fails for it.
import { encodeTelephoneAudio } from "../channels/voice/index.ts";
import type { SpeechEngine } from "../channels/voice/speech-engine.ts";
import type { Db } from "../db/client.ts";
import { getBulletin } from "../db/queries/bulletins.ts";
import { attachVoiceAudio, markNeedsRecording, voiceRendition } from "../delivery/voice-renditions.ts";
import type { Logger } from "../logger.ts";
import type { StepOutcome } from "../queue/outbox.ts";
import { lockBulletin } from "./lock-bulletin.ts";

export type SynthesizeDeps = {
  db: Db;
  clock: () => Date;
  logger: Logger;
  /** speaks voice messages; absent: every voice message needs recording */
  speech?: SpeechEngine;
  lockTimeoutMs?: number;
};

/** Skipped when there is no such bulletin or no voice rendition waits for audio; any other failure is thrown, so
 *  that the step is retried. */
export const synthesizeBulletinVoice = async (deps: SynthesizeDeps, { bulletinId }: { bulletinId: string }): Promise<StepOutcome> => {
  const bulletin = await getBulletin(deps.db, bulletinId);
  if (!bulletin) return { result: "skipped", next: [] };
  // voice renditions are made per target language (the format step), so these are all of them
  const waiting = [];
  for (const language of bulletin.targetLanguages) {
    const rendition = await voiceRendition(deps.db, bulletinId, language);
    if (rendition?.content.status === "synthesizing") waiting.push(rendition);
  }
  if (waiting.length === 0) return { result: "skipped", next: [] };
  for (const rendition of waiting) {
    const { content } = rendition;
    const spoken = deps.speech
      ? await deps.speech.synthesize({ language: rendition.language, parts: content.parts })
      : ({ ok: false, reason: "engine_not_installed", detail: "no speech engine configured" } as const);
    const encoded = spoken.ok ? await encodeTelephoneAudio(spoken.wav) : undefined;
    const stored = await deps.db.transaction(async (tx) => {
      // locked: a withdrawal waits for this, and this sees the withdrawal
      const current = await lockBulletin(tx, { bulletinId, lockTimeoutMs: deps.lockTimeoutMs });
      if (!current) return false;
      const at = deps.clock();
      if (spoken.ok && encoded) {
        await attachVoiceAudio(tx, { bulletin: current, language: rendition.language, encoded, source: spoken.engine, status: "ready", at });
      } else if (!spoken.ok) {
        await markNeedsRecording(tx, { bulletin: current, language: rendition.language, note: spoken.detail, at });
      }
      return true;
    });
    if (!stored) return { result: "skipped", next: [] };
    if (!spoken.ok) deps.logger.info({ bulletinId, language: rendition.language, note: spoken.detail }, "voice message needs recording");
  }
  return { result: "done", next: [] };
};
