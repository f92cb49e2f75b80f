// synthesize-voice: speaks each voice rendition still waiting for audio, outside any transaction (an engine takes
// seconds), then stores the audio and creates the voice messages in one short transaction per language. A language
// no engine speaks is marked "needs recording" (an admin uploads a recording later); nothing fails for it.
import { and, eq } from "drizzle-orm";
import { encodeTelephoneAudio } from "../src/channels/voice/index.ts";
import { loadBulletinForUpdate } from "../src/bulletins/load-bulletin.ts";
import { getBulletin } from "../src/db/queries/bulletins.ts";
import { renditions } from "../src/db/schema/index.ts";
import { attachVoiceAudio, markNeedsRecording, type VoiceRenditionContent } from "../src/delivery/voice-renditions.ts";
import type { Processor } from "./run-job.ts";

export const synthesizeVoice: Processor<"synthesize-voice"> = async (deps, { bulletinId }) => {
  const bulletin = await getBulletin(deps.db, bulletinId);
  if (!bulletin) return "skipped";
  const waiting = (await deps.db.select().from(renditions).where(and(eq(renditions.bulletinId, bulletinId), eq(renditions.channel, "voice")))).filter(
    (row) => (row.content as VoiceRenditionContent).status === "synthesizing",
  );
  if (waiting.length === 0) return "skipped";
  for (const rendition of waiting) {
    const content = rendition.content as VoiceRenditionContent;
    const spoken = deps.speech
      ? await deps.speech.synthesize({ language: rendition.language, parts: content.parts })
      : ({ ok: false, reason: "engine_not_installed", detail: "no speech engine configured" } as const);
    const encoded = spoken.ok ? await encodeTelephoneAudio(spoken.wav) : undefined;
    await deps.db.transaction(async (tx) => {
      // locked: a withdrawal waits for this, and this sees the withdrawal
      const current = await loadBulletinForUpdate(tx, bulletinId);
      const at = deps.clock();
      if (spoken.ok && encoded) {
        await attachVoiceAudio(tx, { bulletin: current, language: rendition.language, encoded, source: spoken.engine, status: "ready", at });
      } else if (!spoken.ok) {
        await markNeedsRecording(tx, { bulletin: current, language: rendition.language, note: spoken.detail, at });
      }
    });
    if (!spoken.ok) deps.logger.info({ bulletinId, language: rendition.language, note: spoken.detail }, "voice message needs recording");
  }
  return "done";
};
