// The format step: renders every (language x channel) of a localized bulletin and publishes it, in one transaction;
// a correction supersedes the bulletin it corrects. Slides are drawn before the transaction, speech after it (the
// synthesize-voice job it records).
import type { Db } from "../db/client.ts";
import { correctableStatuses } from "../domain/index.ts";
import { getBulletin, getBulletinTexts } from "../db/queries/bulletins.ts";
import { cancelMessages } from "../delivery/cancel-messages.ts";
import { createSmsMessages, recipientPartners } from "../delivery/create-sms-messages.ts";
import { prepareDisplay, writeDisplay } from "../delivery/display-renditions.ts";
import { writeRadioScripts } from "../delivery/radio-scripts.ts";
import { wantsVoice, writeVoiceRenditions } from "../delivery/voice-renditions.ts";
import { urgencyPriority } from "../queue/job-queue.ts";
import { recordJob, type StepOutcome } from "../queue/outbox.ts";
import { lockBulletin } from "./lock-bulletin.ts";
import { transitionBulletin } from "./transition-bulletin.ts";

export type PublishDeps = {
  db: Db;
  clock: () => Date;
  lockTimeoutMs?: number;
  /** routine work waits here while urgent work runs (see JobControl) */
  yieldToUrgent?: () => Promise<void>;
};

/** Skipped when there is no such bulletin or it is not localized; any other failure (a lock wait past its bound, a
 *  dropped connection) is thrown, so that the step is retried. */
export const publishBulletin = async (deps: PublishDeps, { bulletinId }: { bulletinId: string }): Promise<StepOutcome> => {
  const now = deps.clock();
  // slides are drawn before the transaction; it re-checks the bulletin and stores them
  const before = await getBulletin(deps.db, bulletinId);
  const display =
    before && before.status === "localized" && before.channels.includes("display")
      ? await prepareDisplay(
          deps.db,
          before,
          (await getBulletinTexts(deps.db, bulletinId)).filter((text) => text.state === "approved" && before.targetLanguages.includes(text.language)),
        )
      : undefined;
  await deps.yieldToUrgent?.();
  return deps.db.transaction(async (tx): Promise<StepOutcome> => {
    const bulletin = await lockBulletin(tx, { bulletinId, lockTimeoutMs: deps.lockTimeoutMs });
    if (bulletin?.status !== "localized") return { result: "skipped", next: [] };
    const texts = (await getBulletinTexts(tx, bulletinId)).filter((text) => text.state === "approved" && bulletin.targetLanguages.includes(text.language));
    // a corrected SMS goes to the partners that sent the old one
    if (bulletin.channels.includes("sms")) await createSmsMessages(tx, { bulletin, texts, partners: await recipientPartners(tx, bulletin), at: now });
    // voice: SSML and estimates now, audio from the synthesize-voice job (speaking takes seconds; SMS must not wait)
    const speak = wantsVoice(bulletin)
      ? (await writeVoiceRenditions(tx, { bulletin, texts, at: now }),
        await recordJob(tx, {
          name: "synthesize-voice",
          key: `synthesize-voice:${bulletinId}`,
          payload: { bulletinId },
          priority: urgencyPriority[bulletin.urgency],
        }))
      : undefined;
    if (bulletin.channels.includes("radio")) await writeRadioScripts(tx, { bulletin, texts, at: now });
    // approved texts do not change, so slides drawn from them before the transaction are still right
    if (display) await writeDisplay(tx, { bulletin, prepared: display, at: now });
    await transitionBulletin(tx, { bulletin, to: "published", actorId: null, at: now, set: { publishedAt: now } });
    if (bulletin.supersedesId) {
      const old = await getBulletin(tx, bulletin.supersedesId, { forUpdate: true });
      if (old && correctableStatuses.includes(old.status)) {
        await transitionBulletin(tx, { bulletin: old, to: "superseded", actorId: null, at: now, detail: { by: bulletin.id } });
      }
      if (old) await cancelMessages(tx, { bulletinId: old.id, reason: "superseded", at: now });
    }
    return { result: "done", next: speak ? [speak] : [] };
  });
};
