// The worker runtime: takes jobs from the queue and, on a timer, reconciles the queue with the database.
import { expireBulletins } from "../src/bulletins/expire-bulletins.ts";
import type { Db } from "../src/db/client.ts";
import { isDatabaseUnavailable } from "../src/db/database-unavailable.ts";
import type { SpeechEngine } from "../src/channels/voice/speech-engine.ts";
import type { MachineTranslator } from "../src/localize/machine-translation.ts";
import type { Logger } from "../src/logger.ts";
import { urgencyPriority, type JobQueue } from "../src/queue/job-queue.ts";
import { requeuePendingJobs, reviveStuckSteps } from "../src/queue/outbox.ts";
import { isQueueUnavailable } from "../src/queue/with-timeout.ts";
import { createMemoryRelease } from "./release-memory.ts";
import { runJob, type ProcessorDeps } from "./run-job.ts";
import { processors } from "./processors.ts";

export type WorkerOptions = {
  db: Db;
  queue: JobQueue;
  logger: Logger;
  clock?: () => Date;
  concurrency: number;
  reconcileIntervalMs: number;
  /** drafts translations where the memory has none; off unless MT_URL is set */
  machineTranslator?: MachineTranslator;
  speech?: SpeechEngine;
  encodeMp3?: (pcm: Int16Array) => Promise<Buffer>;
  /** how long a step waits for a row lock before it fails and is retried (default 5 s) */
  lockTimeoutMs?: number;
  /** how long after a pipeline step failed for good the reconciler tries it again (default 60 s) */
  reviveAfterMs?: number;
  /** how many times at most (default 10) */
  maxRevivals?: number;
  /** between jobs, with none running, a full garbage collection when buffers over this many MB are held (default
   *  16; 0: never) */
  releaseBuffersAboveMb?: number;
};

export type WorkerRuntime = {
  /** One reconciliation pass: try again the pipeline steps that failed for good while their bulletin waits for them,
   *  re-queue pending jobs older than `olderThanMs`, expire what is past its window. */
  reconcile: (olderThanMs?: number) => Promise<{ revived: number; requeued: number; expired: number }>;
  stop: (timeoutMs?: number) => Promise<void>;
};

export const startWorker = (options: WorkerOptions): WorkerRuntime => {
  const clock = options.clock ?? (() => new Date());
  const deps: ProcessorDeps = {
    db: options.db,
    queue: options.queue,
    logger: options.logger,
    clock,
    machineTranslator: options.machineTranslator,
    speech: options.speech,
    encodeMp3: options.encodeMp3,
    lockTimeoutMs: options.lockTimeoutMs,
  };
  deps.runNow = (job) => runJob(deps, { processors, job });
  const release = createMemoryRelease({ aboveMb: options.releaseBuffersAboveMb ?? 16, logger: options.logger });
  let running = 0;
  options.queue.process(
    async (job, control) => {
      running += 1;
      try {
        await runJob(deps, { processors, job, control });
      } finally {
        running -= 1;
        // a full collection stops the process for 30-60 ms: only when no other job would wait for it, and not
        // between an urgent bulletin's steps (its buffers go with the next routine job's collection, or V8's)
        if (running === 0 && job.priority > urgencyPriority.urgent) release();
      }
    },
    { concurrency: options.concurrency },
  );

  let reconciling: Promise<unknown> = Promise.resolve();
  const reconcile = async (olderThanMs = options.reconcileIntervalMs) => {
    const now = clock();
    const revived = await reviveStuckSteps(options.db, { now, afterMs: options.reviveAfterMs ?? 60_000, maxRevivals: options.maxRevivals ?? 10 });
    for (const job of revived) {
      options.logger.error(
        { job: job.id, jobName: job.name, bulletinId: job.payload.bulletinId, revivals: job.revivals, lastError: job.lastError },
        "a pipeline step that had failed for good is tried again: its bulletin still waits for it",
      );
    }
    // revived steps were recorded long ago: they are queued in this pass
    const requeued = await requeuePendingJobs(options.db, options.queue, { olderThanMs, now });
    const expired = await expireBulletins(options.db, now);
    if (revived.length > 0 || requeued > 0 || expired > 0) options.logger.info({ revived: revived.length, requeued, expired }, "reconciled");
    return { revived: revived.length, requeued, expired };
  };
  // Through a database or Redis outage every pass fails, and so does every job (the queue retries them with
  // backoff, and what runs out of attempts is re-queued by the first pass after the outage): said once when it
  // starts and once when it ends, not at every pass.
  let outage = false;
  const reconcileLogged = async (olderThanMs?: number) => {
    try {
      await reconcile(olderThanMs);
      if (outage) options.logger.warn("the database and the queue answer again; the worker goes on with what is pending");
      outage = false;
    } catch (error) {
      if (!isDatabaseUnavailable(error) && !isQueueUnavailable(error)) {
        options.logger.error({ err: error }, "reconcile failed");
      } else if (!outage) {
        outage = true;
        options.logger.error({ err: error }, "the database or the queue does not answer; the worker waits and goes on by itself once it is back");
      }
    }
  };
  // at start, everything still pending is re-queued: a crash or a lost Redis loses nothing
  reconciling = reconcileLogged(0);
  const timer = setInterval(() => {
    reconciling = reconciling.then(() => reconcileLogged());
  }, options.reconcileIntervalMs);
  timer.unref();

  return {
    reconcile,
    stop: async (timeoutMs) => {
      clearInterval(timer);
      await reconciling.catch(() => {});
      await options.queue.close(timeoutMs);
    },
  };
};
