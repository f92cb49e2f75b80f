// Jobs are recorded in the database in the same transaction as the change that calls for them,
// and queued after commit. What fails to reach the queue is picked up by the reconciler.
import type { Db } from "../db/client.ts";
import { insertJob, listPendingJobs, reviveFailedSteps } from "../db/queries/jobs.ts";
import type { JobQueue, QueuedJob } from "./job-queue.ts";
import { jobDefinitions, pipelineSteps, type JobName, type JobPayload } from "./jobs.ts";

export type JobRequest<Name extends JobName = JobName> = {
  name: Name;
  payload: JobPayload<Name>;
  /** business key: recording the same work twice records it once */
  key: string;
  priority: number;
};

/** Records a job; returns it for dispatch, or undefined when that key was already recorded. */
export const recordJob = async <Name extends JobName>(db: Db, request: JobRequest<Name>): Promise<QueuedJob | undefined> => {
  const payload = jobDefinitions[request.name].parse(request.payload);
  return insertJob(db, { name: request.name, key: request.key, payload, priority: request.priority });
};

/** Queues recorded jobs. A queue that is down loses nothing: the rows stay pending for the reconciler. */
export const dispatchJobs = async (queue: JobQueue, recorded: (QueuedJob | undefined)[], onError?: (error: unknown) => void) => {
  const ready = recorded.filter((job): job is QueuedJob => job !== undefined);
  if (ready.length === 0) return;
  try {
    await queue.add(ready);
  } catch (error) {
    onError?.(error);
  }
};

/** Re-queues the jobs the database says are still pending, older than `olderThanMs`, that the queue has lost;
 *  returns how many it had lost. */
export const requeuePendingJobs = async (db: Db, queue: JobQueue, options: { olderThanMs: number; now: Date; limit?: number }) => {
  const cutoff = new Date(options.now.getTime() - options.olderThanMs);
  const pending = await listPendingJobs(db, { createdBefore: cutoff, limit: options.limit ?? 5_000 });
  return pending.length > 0 ? queue.requeue(pending) : 0;
};

/** A pipeline step that failed for good (every attempt spent, e.g. through an outage longer than its retries) while
 *  its bulletin still waits for it is put back to pending once `afterMs` have passed, at most `maxRevivals` times:
 *  the next requeue queues it, and the bulletin goes out once the fault has cleared. Returns the steps revived. */
export const reviveStuckSteps = (db: Db, options: { now: Date; afterMs: number; maxRevivals: number }) =>
  reviveFailedSteps(db, { steps: [...pipelineSteps], failedBefore: new Date(options.now.getTime() - options.afterMs), maxRevivals: options.maxRevivals });

/** What a pipeline step did: "done" when it did its work now, "skipped" when there was nothing (left) to do (no such
 *  bulletin, or not in the state the step expects); and the jobs it recorded, to queue once it has committed. */
export type StepOutcome = {
  result: "done" | "skipped";
  next: QueuedJob[];
  /** urgent work: run `next` here and now, ahead of every queue (the queue is the fallback) */
  inPlace?: boolean;
};
