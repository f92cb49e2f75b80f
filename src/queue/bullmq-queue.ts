// The production driver: BullMQ on Redis. Redis only carries work; the jobs table is the truth.
import { Queue, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { retryPolicy, UnrecoverableJobError, type JobQueue } from "./job-queue.ts";

export const queueName = "pipeline";

export const redactRedisUrl = (url: string) => url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, "//$1@");

export type BullmqQueueOptions = { url: string; prefix: string; lockMs?: number; onError?: (error: unknown) => void };

export const createBullmqQueue = (options: BullmqQueueOptions): JobQueue => {
  const connection = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: false });
  connection.on("error", (error) => options.onError?.(error));
  const queue = new Queue(queueName, {
    connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: retryPolicy.attempts,
      backoff: { type: "exponential", delay: retryPolicy.backoffMs },
      removeOnComplete: true,
      removeOnFail: { count: 1_000 },
    },
  });
  queue.on("error", (error) => options.onError?.(error));
  let worker: Worker | undefined;
  let workerConnection: Redis | undefined;

  return {
    kind: "bullmq",
    description: `BullMQ on Redis ${redactRedisUrl(options.url)} (prefix ${options.prefix})`,
    add: async (jobs) => {
      if (jobs.length === 0) return;
      // the outbox row id is the BullMQ job id: a job already waiting or running is not added twice
      await queue.addBulk(
        jobs.map((job) => ({ name: job.name, data: { jobId: job.id }, opts: { jobId: job.id, priority: job.priority } })),
      );
    },
    process: (handler, processOptions) => {
      worker = new Worker(
        queueName,
        async (job) => {
          try {
            await handler({ id: String(job.data.jobId), name: job.name, priority: job.opts.priority ?? 0 });
          } catch (error) {
            if (error instanceof UnrecoverableJobError) throw new UnrecoverableError(error.message);
            throw error;
          }
        },
        {
          connection: (workerConnection = new Redis(options.url, { maxRetriesPerRequest: null })),
          prefix: options.prefix,
          concurrency: processOptions.concurrency,
          // a worker killed mid-job: its lock lapses and the job is handed to another worker
          lockDuration: options.lockMs ?? 15_000,
          stalledInterval: Math.max(1_000, Math.round((options.lockMs ?? 15_000) / 3)),
        },
      );
      worker.on("error", (error) => options.onError?.(error));
    },
    ping: async () => {
      await connection.ping();
    },
    close: async (timeoutMs = 10_000) => {
      let timeout: NodeJS.Timeout | undefined;
      const closing = worker
        ? Promise.race([
            worker.close(),
            new Promise<void>((resolve) => {
              // past the deadline, close without waiting: running jobs' locks lapse and they are handed back
              timeout = setTimeout(() => void worker!.close(true).then(resolve, resolve), timeoutMs);
            }),
          ])
        : Promise.resolve();
      await closing;
      clearTimeout(timeout);
      await queue.close();
      workerConnection?.disconnect();
      connection.disconnect();
    },
  };
};
