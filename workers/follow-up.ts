// What a worker does with a step's outcome once the step has committed.
import { dispatchJobs, type StepOutcome } from "../src/queue/outbox.ts";
import type { ProcessorDeps, ProcessorResult } from "./run-job.ts";

/** Queues the jobs a step recorded, once it has committed; urgent work's next step runs here and now instead (and
 *  goes to the queue like any other should that fail). Returns the step's result. */
export const followUp = async (deps: ProcessorDeps, outcome: StepOutcome): Promise<ProcessorResult> => {
  let queued = outcome.next;
  if (outcome.inPlace && deps.runNow) {
    const failed = [];
    for (const job of outcome.next) {
      try {
        await deps.runNow(job);
      } catch (error) {
        deps.logger.warn({ err: error, job: job.id, jobName: job.name }, "urgent step failed in place; queueing it");
        failed.push(job);
      }
    }
    queued = failed;
  }
  await dispatchJobs(deps.queue, queued, (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return outcome.result;
};
