// One job interface over two drivers: BullMQ on Redis, or in-process for the embedded default.
import type { Queue } from "bullmq";

// The queue carries only the id of a row in the `jobs` table (the outbox) and its name; the row is the truth.
export type QueuedJob = { id: string; name: string; priority: number };

/** What a running job may ask of the queue that runs it. */
export type JobControl = {
  /** Routine work waits here while urgent work is announced (urgentAhead), waits or runs (at most maxYieldMs, so it
   *  never starves); urgent work goes straight on. Called between a job's steps, never inside a transaction. */
  yieldToUrgent: () => Promise<void>;
};

export type JobHandler = (job: QueuedJob, control: JobControl) => Promise<void>;

/** The two queues (lanes) of both drivers: urgent work has its own, so it never waits for a slot held by routine work. */
export const queueNames = { routine: "pipeline", urgent: "pipeline-urgent" } as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

/** How much work one queue holds now: waiting to start, running, and waiting out a retry's backoff. */
export type QueueDepth = { queue: QueueName; waiting: number; active: number; delayed: number };

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
  /** What each queue holds now (for the metrics). BullMQ: across every process sharing the queue; in-process: this
   *  process's queue, which in embedded mode is the only one. */
  depth: () => Promise<QueueDepth[]>;
  /** BullMQ's own queue handles, for the queue view (Bull Board); absent for the in-process driver. */
  bullmqQueues?: readonly Queue[];
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
