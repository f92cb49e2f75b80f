import { requireRole, type Actor } from "../access/actor.ts";
import { getBulletinTexts, waitingLanguages } from "../db/queries/bulletins.ts";
import { AppError, refusalIssue } from "../errors.ts";
import { urgencyPriority } from "../queue/job-queue.ts";
import { dispatchJobs, recordJob } from "../queue/outbox.ts";
import { assertSmsFits } from "../delivery/fit-checks.ts";
import type { CommandDeps } from "./command-deps.ts";
import { assertFourEyes, refusedInStatus } from "./lifecycle.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";
import { transitionBulletin } from "./transition-bulletin.ts";

/** An approver (never one who wrote or edited it) approves; the workers take it from there. */
export const approveBulletin = async (deps: CommandDeps, actor: Actor, id: string) => {
  requireRole(actor, "approver");
  const now = deps.clock();
  let urgentDone: (() => void) | undefined;
  try {
    const { bulletin, job } = await deps.db.transaction(async (tx) => {
      const current = await loadBulletinForUpdate(tx, id);
      assertFourEyes(actor.id, current.contributors);
      if (current.status !== "submitted") {
        throw refusedInStatus(current.status, `only a submitted bulletin can be approved; this one is ${current.status}`);
      }
      // approving an urgent bulletin starts urgent work: routine work in the workers steps aside from here on
      if (current.urgency === "urgent") urgentDone ??= deps.queue.urgentAhead();
      const texts = await getBulletinTexts(tx, id);
      const waiting = waitingLanguages(current, texts);
      if (waiting.length > 0) {
        throw new AppError(
          "languages_not_approved",
          `no approved text yet in: ${waiting.join(", ")}`,
          { waitingLanguages: waiting },
          { issues: [refusalIssue("", "no approved text yet", "languages_not_approved", { languages: waiting })] },
        );
      }
      if (current.validUntil <= now)
        throw new AppError("validation_failed", "validUntil is already past", {}, { issues: [refusalIssue("validUntil", "is already past", "past")] });
      await assertSmsFits(tx, current, texts);
      const approved = await transitionBulletin(tx, {
        bulletin: current,
        to: "approved",
        actorId: actor.id,
        at: now,
        set: { approvedBy: actor.id, approvedAt: now },
      });
      const recorded = await recordJob(tx, {
        name: "localize-bulletin",
        key: `localize-bulletin:${id}`,
        payload: { bulletinId: id },
        priority: urgencyPriority[current.urgency],
      });
      return { bulletin: approved, job: recorded };
    });
    await dispatchJobs(deps.queue, [job], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
    return bulletin;
  } finally {
    urgentDone?.();
  }
};
