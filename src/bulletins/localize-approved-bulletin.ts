// The localize step: an approved bulletin whose every target language has approved text becomes "localized", and
// its format step is recorded in the same transaction.
import type { Db } from "../db/client.ts";
import { getBulletinTexts, waitingLanguages } from "../db/queries/bulletins.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import { urgencyPriority } from "../queue/job-queue.ts";
import { recordJob, type StepOutcome } from "../queue/outbox.ts";
import { lockBulletin } from "./lock-bulletin.ts";
import { transitionBulletin } from "./transition-bulletin.ts";

export type LocalizeDeps = { db: Db; clock: () => Date; lockTimeoutMs?: number };

/** Skipped when there is no such bulletin or it is no longer approved; any other failure (a lock wait past its
 *  bound, a dropped connection) is thrown, so that the step is retried. */
export const localizeApprovedBulletin = async (deps: LocalizeDeps, { bulletinId }: { bulletinId: string }): Promise<StepOutcome> => {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const bulletin = await lockBulletin(tx, { bulletinId, lockTimeoutMs: deps.lockTimeoutMs });
    if (bulletin?.status !== "approved") return { result: "skipped", next: [] };
    const waiting = waitingLanguages(bulletin, await getBulletinTexts(tx, bulletinId));
    if (waiting.length > 0) {
      // cannot happen through the commands (approval checks it); kept so that no unapproved text ever goes out
      await logDelivery(
        tx,
        waiting.map((language) => ({
          at: now,
          bulletinId,
          channel: "all",
          language,
          event: "message.skipped",
          reason: "language_not_approved",
          dedupeKey: `skip:${bulletinId}:${language}:language_not_approved`,
        })),
      );
      return { result: "skipped", next: [] };
    }
    await transitionBulletin(tx, { bulletin, to: "localized", actorId: null, at: now });
    const job = await recordJob(tx, {
      name: "format-bulletin",
      key: `format-bulletin:${bulletinId}`,
      payload: { bulletinId },
      priority: urgencyPriority[bulletin.urgency],
    });
    // urgent bulletins jump every queue: the worker formats and publishes at once
    return { result: "done", next: job ? [job] : [], inPlace: bulletin.urgency === "urgent" };
  });
};
