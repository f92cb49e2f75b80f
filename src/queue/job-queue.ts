// One job interface over two drivers: BullMQ on Redis, or in-process for the embedded default.
// The queue carries only the id of a row in the `jobs` table (the outbox) and its name; the row is the truth.
export type QueuedJob = { id: string; name: string; priority: number };

/** What a running job may ask of the queue that runs it. */
export type JobControl = {
  /** Routine work waits here while urgent work is announced (urgentAhead), waits or runs (at most maxYieldMs, so it
   *  never starves); urgent work goes straight on. Called between a job's steps, never inside a transaction. */
  yieldToUrgent: () => Promise<void>;
};

export type JobHandler = (job: QueuedJob, control: JobControl) => Promise<void>;

/** How long routine work waits for urgent work at one step before going on regardless. */
export const maxYieldMs = 2_000;

export type JobQueue = {
  kind: "bullmq" | "in-process";
  description: string;
  /** Queues jobs; a job whose id is already queued or running is not queued twice. */
  add: (jobs: QueuedJob[]) => Promise<void>;
  /** The reconciler's add: the database says these jobs are still pending. Queues those the queue has lost, and
   *  those it holds as finished or failed; returns how many that was. */
  requeue: (jobs: QueuedJob[]) => Promise<number>;
  /** Starts taking work. */
  process: (handler: JobHandler, options: { concurrency: number }) => void;
  /** Urgent work is on its way (an urgent bulletin is being approved): routine work yields from now on, as it does
   *  for a queued urgent job, until the returned function is called or maxYieldMs have passed. */
  urgentAhead: () => () => void;
  ping: () => Promise<void>;
  /** Stops taking work, lets running jobs finish (or hands them back after the timeout), closes connections. */
  close: (timeoutMs?: number) => Promise<void>;
};

/** Thrown by a processor for a job that can never succeed (bad payload): not retried. */
export class UnrecoverableJobError extends Error {}

export const retryPolicy = { attempts: 8, backoffMs: 250 } as const;

/** BullMQ priorities: a lower number runs first. */
export const urgencyPriority = { urgent: 1, priority: 2, routine: 3 } as const;

/** Slots kept for urgent jobs on top of the general ones, so urgent work never waits for routine work to finish. */
export const urgentConcurrency = (concurrency: number) => Math.max(2, Math.ceil(concurrency / 4));
