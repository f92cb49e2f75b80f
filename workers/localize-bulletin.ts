// localize-bulletin: checks every target language has approved text, then hands the bulletin to formatting.
import { getBulletinTexts, waitingLanguages } from "../src/db/queries/bulletins.ts";
import { loadBulletinForUpdate } from "../src/bulletins/load-bulletin.ts";
import { transitionBulletin } from "../src/bulletins/transition-bulletin.ts";
import { logDelivery } from "../src/db/queries/delivery-log.ts";
import { urgencyPriority } from "../src/queue/job-queue.ts";
import { dispatchJobs, recordJob } from "../src/queue/outbox.ts";
import type { Processor } from "./run-job.ts";

export const localizeBulletin: Processor<"localize-bulletin"> = async (deps, { bulletinId }) => {
  const now = deps.clock();
  const outcome = await deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, bulletinId).catch(() => undefined);
    if (!bulletin || bulletin.status !== "approved") return { result: "skipped" as const };
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
      return { result: "skipped" as const };
    }
    await transitionBulletin(tx, { bulletin, to: "localized", actorId: null, at: now });
    const job = await recordJob(tx, {
      name: "format-bulletin",
      key: `format-bulletin:${bulletinId}`,
      payload: { bulletinId },
      priority: urgencyPriority[bulletin.urgency],
    });
    return { result: "done" as const, job, urgent: bulletin.urgency === "urgent" };
  });
  // urgent bulletins jump every queue: this worker formats and publishes at once; should that fail, the job goes
  // to the queue like any other and is retried from there
  if (outcome.result === "done" && outcome.urgent && outcome.job && deps.runNow) {
    try {
      await deps.runNow(outcome.job);
      return outcome.result;
    } catch (error) {
      deps.logger.warn({ err: error, job: outcome.job.id }, "urgent format step failed in place; queueing it");
    }
  }
  await dispatchJobs(deps.queue, [outcome.job], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return outcome.result;
};
