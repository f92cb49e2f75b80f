// The production driver: BullMQ on Redis. Redis only carries work; the jobs table is the truth.
import { randomUUID } from "node:crypto";
import { Queue, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { maxYieldMs, queueNames, retryPolicy, UnrecoverableJobError, urgencyPriority, urgentConcurrency, type JobQueue, type QueuedJob } from "./job-queue.ts";
import { queuePriority } from "./jobs.ts";
import { QueueUnavailableError, withTimeout } from "./with-timeout.ts";

export const queueName = queueNames.routine;
// Urgent work has its own queue and its own worker slots, so it never waits for a slot held by routine work.
export const urgentQueueName = queueNames.urgent;

export const redactRedisUrl = (url: string) => url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, "//$1@");

export type BullmqQueueOptions = {
  url: string;
  prefix: string;
  lockMs?: number;
  /** how long adding, re-queuing or a ping may wait for Redis (default 1 s): with Redis down, ioredis holds commands
   *  until it is back, and a request must not wait that long (the outbox row is kept; the reconciler queues it) */
  timeoutMs?: number;
  onError?: (error: unknown) => void;
};

export const defaultQueueTimeoutMs = 1_000;

export const createBullmqQueue = (options: BullmqQueueOptions): JobQueue => {
  const timeoutMs = options.timeoutMs ?? defaultQueueTimeoutMs;
  const connection = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: false });
  connection.on("error", (error) => options.onError?.(error));
  const queueOptions = {
    connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: retryPolicy.attempts,
      backoff: { type: "exponential" as const, delay: retryPolicy.backoffMs },
      removeOnComplete: true,
      removeOnFail: { count: 1_000 },
    },
  };
  const queues = { routine: new Queue(queueName, queueOptions), urgent: new Queue(urgentQueueName, queueOptions) };
  for (const queue of Object.values(queues)) queue.on("error", (error) => options.onError?.(error));
  const workers: Worker[] = [];
  const workerConnections: Redis[] = [];

  // Routine work yields to urgent work across all worker processes: a routine job does not start, and a running
  // one waits at its next step, while an urgent one is on its way, waits or runs anywhere, so the urgent job has the
  // machine (bounded, so routine work never starves). Urgent work on its way: members of a sorted set, scored by
  // when they lapse. One look per process every few milliseconds, shared by every waiting slot.
  const aheadKey = `${options.prefix}:urgent-ahead`;
  let lastLook: { at: number; answer: Promise<boolean> } | undefined;
  const urgentInFlight = () => {
    if (!lastLook || Date.now() - lastLook.at >= 5) {
      const answer = Promise.all([queues.urgent.getJobCounts("waiting", "prioritized", "active"), connection.zcount(aheadKey, Date.now(), "+inf")])
        .then(([counts, ahead]) => (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.active ?? 0) + ahead > 0)
        .catch(() => false);
      lastLook = { at: Date.now(), answer };
    }
    return lastLook.answer;
  };
  const urgentAhead = () => {
    const member = randomUUID();
    const now = Date.now();
    // not awaited: the approval goes on at once, and the workers see this within a few milliseconds
    const announced = connection
      .multi()
      .zremrangebyscore(aheadKey, "-inf", now)
      .zadd(aheadKey, now + maxYieldMs, member)
      .pexpire(aheadKey, maxYieldMs)
      .exec()
      .catch((error) => options.onError?.(error));
    return () => void announced.then(() => connection.zrem(aheadKey, member)).catch((error) => options.onError?.(error));
  };
  const yieldToUrgent = async () => {
    const deadline = Date.now() + maxYieldMs;
    while (Date.now() < deadline && (await urgentInFlight())) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  /** Known to be down (lost and reconnecting): fail at once rather than wait out the timeout. Still connecting at
   *  start counts as reachable: ioredis sends what it holds once connected. */
  const assertReachable = () => {
    if (["reconnecting", "close", "end"].includes(connection.status)) throw new QueueUnavailableError(`Redis is not reachable (${connection.status})`);
  };

  const queueOf = (job: QueuedJob) => (job.priority <= urgencyPriority.urgent ? queues.urgent : queues.routine);
  const addJobs = async (jobs: QueuedJob[]) => {
    // the outbox row id is the BullMQ job id: a job already waiting or running is not added twice
    const toBulk = (list: QueuedJob[]) =>
      list.map((job) => ({ name: job.name, data: { jobId: job.id, priority: job.priority }, opts: { jobId: job.id, priority: queuePriority(job) } }));
    const urgent = jobs.filter((job) => queueOf(job) === queues.urgent);
    const rest = jobs.filter((job) => queueOf(job) === queues.routine);
    await Promise.all([urgent.length ? queues.urgent.addBulk(toBulk(urgent)) : undefined, rest.length ? queues.routine.addBulk(toBulk(rest)) : undefined]);
  };
  /** The reconciler's add: it runs every few seconds in every worker process over every pending row, so BullMQ is
   *  asked about all of them in one round trip and the jobs it still holds (waiting, running, retrying) are left
   *  alone. A job BullMQ holds as finished (failed for good: a stalled job past its limit, a handler that threw
   *  before the outbox row was updated) would make a new job with the same id a no-op and leave the row pending for
   *  ever: it is cleared first. */
  const requeueJobs = async (jobs: QueuedJob[]) => {
    const pipeline = connection.pipeline();
    for (const job of jobs) pipeline.hmget(queueOf(job).toKey(job.id), "timestamp", "finishedOn");
    const answers = (await pipeline.exec()) ?? [];
    const held = jobs.map((job, index) => {
      const [created, finishedOn] = (answers[index]?.[1] as (string | null)[] | undefined) ?? [];
      return { job, state: finishedOn ? "finished" : created ? "queued" : "missing" };
    });
    await Promise.all(
      held
        .filter(({ state }) => state === "finished")
        .map(({ job }) =>
          queueOf(job)
            .remove(job.id)
            .catch(() => 0),
        ),
    );
    const lost = held.filter(({ state }) => state !== "queued").map(({ job }) => job);
    if (lost.length > 0) await addJobs(lost);
    return lost.length;
  };

  return {
    kind: "bullmq",
    description: `BullMQ on Redis ${redactRedisUrl(options.url)} (prefix ${options.prefix})`,
    add: async (jobs) => {
      if (jobs.length === 0) return;
      assertReachable();
      await withTimeout(addJobs(jobs), timeoutMs, "queueing jobs in Redis");
    },
    // the reconciler's pass over thousands of pending rows may take longer than one add; bounded all the same, so
    // that a Redis outage never stalls the reconciler's loop
    requeue: async (jobs) => {
      if (jobs.length === 0) return 0;
      assertReachable();
      return withTimeout(requeueJobs(jobs), timeoutMs * 10, "re-queueing jobs in Redis");
    },
    urgentAhead,
    process: (handler, processOptions) => {
      const lanes = [
        { name: queueName, concurrency: processOptions.concurrency },
        { name: urgentQueueName, concurrency: urgentConcurrency(processOptions.concurrency) },
      ];
      for (const lane of lanes) {
        const workerConnection = new Redis(options.url, { maxRetriesPerRequest: null });
        workerConnections.push(workerConnection);
        const worker = new Worker(
          lane.name,
          async (job) => {
            const control = { yieldToUrgent: lane.name === queueName ? yieldToUrgent : async () => {} };
            await control.yieldToUrgent();
            try {
              await handler({ id: String(job.data.jobId), name: job.name, priority: Number(job.data.priority ?? 0) }, control);
            } catch (error) {
              if (error instanceof UnrecoverableJobError) throw new UnrecoverableError(error.message);
              throw error;
            }
          },
          {
            connection: workerConnection,
            prefix: options.prefix,
            concurrency: lane.concurrency,
            // a worker killed mid-job: its lock lapses and the job is handed to another worker
            lockDuration: options.lockMs ?? 15_000,
            stalledInterval: Math.max(1_000, Math.round((options.lockMs ?? 15_000) / 3)),
          },
        );
        worker.on("error", (error) => options.onError?.(error));
        workers.push(worker);
      }
    },
    ping: async () => {
      assertReachable();
      await withTimeout(connection.ping(), timeoutMs, "Redis ping");
    },
    depth: async () =>
      Promise.all(
        Object.values(queues).map(async (queue) => {
          const counts = await queue.getJobCounts("waiting", "prioritized", "waiting-children", "active", "delayed");
          return {
            queue: queue.name === urgentQueueName ? urgentQueueName : queueName,
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts["waiting-children"] ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
          };
        }),
      ),
    bullmqQueues: Object.values(queues),
    close: async (timeoutMs = 10_000) => {
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(workers.map((worker) => worker.close())),
        new Promise<void>((resolve) => {
          // past the deadline, close without waiting: running jobs' locks lapse and they are handed back
          timeout = setTimeout(
            () =>
              void Promise.all(workers.map((worker) => worker.close(true))).then(
                () => resolve(),
                () => resolve(),
              ),
            timeoutMs,
          );
        }),
      ]);
      clearTimeout(timeout);
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      for (const workerConnection of workerConnections) workerConnection.disconnect();
      connection.disconnect();
    },
  };
};
