// The embedded driver: jobs in memory, urgent first, retried with exponential backoff.
// Memory is fine to lose: the reconciler re-queues what the database says is pending.
import {
  maxYieldMs,
  queueNames,
  retryPolicy,
  UnrecoverableJobError,
  urgencyPriority,
  urgentConcurrency,
  type JobHandler,
  type JobQueue,
  type QueuedJob,
} from "./job-queue.ts";
import { queuePriority } from "./jobs.ts";

type Entry = QueuedJob & { attempt: number; sequence: number };

export const createInProcessQueue = (options: { onError?: (job: QueuedJob, error: unknown) => void } = {}): JobQueue => {
  const waiting: Entry[] = [];
  const known = new Set<string>();
  // retries waiting out their backoff, with the job each will queue again
  const timers = new Map<NodeJS.Timeout, Entry>();
  const running = new Set<Promise<void>>();
  let handler: JobHandler | undefined;
  let concurrency = 1;
  let active = 0;
  // extra slots only urgent jobs may take, as in the BullMQ driver's urgent lane
  let urgentActive = 0;
  let urgentRunning = 0;
  // urgent work on its way (see JobQueue.urgentAhead)
  let urgentComing = 0;
  const urgentInFlight = () => urgentRunning + urgentComing > 0;
  let closed = false;
  let sequence = 0;

  const insert = (entry: Entry) => {
    // stable: by priority, then first come first served
    let index = waiting.findIndex(
      (other) => queuePriority(other) > queuePriority(entry) || (queuePriority(other) === queuePriority(entry) && other.sequence > entry.sequence),
    );
    if (index === -1) index = waiting.length;
    waiting.splice(index, 0, entry);
  };

  // routine jobs waiting at a step for urgent work to finish
  const yielding = new Set<() => void>();
  const yieldToUrgent = () =>
    !urgentInFlight()
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            yielding.delete(done);
            resolve();
          };
          const timer = setTimeout(done, maxYieldMs);
          yielding.add(done);
        });
  const goOn = async () => {};
  const wakeYielding = () => {
    if (!urgentInFlight()) for (const done of [...yielding]) done();
  };

  const pump = () => {
    while (handler && !closed && waiting.length > 0) {
      const next = waiting[0]!;
      const isUrgent = (job: QueuedJob) => job.priority <= urgencyPriority.urgent;
      // routine work yields to urgent work (as in the BullMQ driver)
      if (!isUrgent(next) && urgentInFlight()) return;
      const lane = active < concurrency ? "general" : isUrgent(next) && urgentActive < urgentConcurrency(concurrency) ? "urgent" : undefined;
      if (!lane) return;
      const entry = waiting.shift()!;
      if (lane === "general") active += 1;
      else urgentActive += 1;
      if (isUrgent(entry)) urgentRunning += 1;
      const run = handler(entry, { yieldToUrgent: isUrgent(entry) ? goOn : yieldToUrgent })
        .then(() => {
          known.delete(entry.id);
        })
        .catch((error: unknown) => {
          options.onError?.(entry, error);
          if (error instanceof UnrecoverableJobError || entry.attempt + 1 >= retryPolicy.attempts || closed) {
            known.delete(entry.id);
            return;
          }
          const timer = setTimeout(
            () => {
              timers.delete(timer);
              insert({ ...entry, attempt: entry.attempt + 1, sequence: sequence++ });
              pump();
            },
            retryPolicy.backoffMs * 2 ** entry.attempt,
          );
          timers.set(timer, entry);
        })
        .finally(() => {
          if (lane === "general") active -= 1;
          else urgentActive -= 1;
          if (isUrgent(entry)) urgentRunning -= 1;
          wakeYielding();
          running.delete(run);
          pump();
        });
      running.add(run);
    }
  };

  /** queues the jobs not already waiting or running; returns how many */
  const add = (jobs: QueuedJob[]) => {
    if (closed) return 0;
    const fresh = jobs.filter((job) => !known.has(job.id));
    for (const job of fresh) {
      known.add(job.id);
      insert({ ...job, attempt: 0, sequence: sequence++ });
    }
    queueMicrotask(pump);
    return fresh.length;
  };

  return {
    kind: "in-process",
    description: "in-process queue (embedded)",
    add: async (jobs) => {
      add(jobs);
    },
    // jobs this queue has finished are forgotten, so anything the database still calls pending is queued again
    requeue: async (jobs) => add(jobs),
    urgentAhead: () => {
      urgentComing += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        clearTimeout(lapse);
        urgentComing -= 1;
        wakeYielding();
        pump();
      };
      const lapse = setTimeout(release, maxYieldMs);
      lapse.unref();
      return release;
    },
    process: (nextHandler, processOptions) => {
      handler = nextHandler;
      concurrency = processOptions.concurrency;
      queueMicrotask(pump);
    },
    ping: async () => {},
    depth: async () => {
      const isUrgent = (job: QueuedJob) => job.priority <= urgencyPriority.urgent;
      const delayed = [...timers.values()];
      return [
        {
          queue: queueNames.routine,
          waiting: waiting.filter((job) => !isUrgent(job)).length,
          active: running.size - urgentRunning,
          delayed: delayed.filter((job) => !isUrgent(job)).length,
        },
        { queue: queueNames.urgent, waiting: waiting.filter(isUrgent).length, active: urgentRunning, delayed: delayed.filter(isUrgent).length },
      ];
    },
    close: async (timeoutMs = 10_000) => {
      closed = true;
      for (const timer of timers.keys()) clearTimeout(timer);
      timers.clear();
      waiting.length = 0;
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => {
          timeout = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timeout);
    },
  };
};
