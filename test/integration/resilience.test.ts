// Nothing is lost or doubled when a worker process is killed or Redis loses its keys mid-run.
import { and, count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, bulletins, deliveryLog, jobs, smsMessages } from "../../src/db/schema/index.ts";
import { deleteRedisPrefix, serverBackend, serverBackendsAvailable } from "../helpers/backends.ts";
import { buildBulletin } from "../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import { spawnWorker, type WorkerProcess } from "../helpers/worker-process.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!serverBackendsAvailable)("resilience on PostgreSQL + BullMQ with separate worker processes", () => {
  let pipeline: TestPipeline;
  const workers: WorkerProcess[] = [];
  const workerEnv = () => ({
    DATABASE_URL: pipeline.instance.databaseUrl!,
    REDIS_URL: pipeline.instance.redisUrl!,
    QUEUE_PREFIX: pipeline.instance.queuePrefix!,
  });

  beforeEach(async () => {
    pipeline = await startPipeline(serverBackend, { workers: false });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop("SIGKILL")));
    await pipeline?.close();
  });

  const publishedCount = async () => {
    const [row] = await pipeline.db.select({ value: count() }).from(bulletins).where(eq(bulletins.status, "published"));
    return row!.value;
  };

  const waitFor = async (predicate: () => Promise<boolean>, timeoutMs: number, what: string) => {
    const started = Date.now();
    while (!(await predicate())) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  };

  const assertEachPublishedOnce = async (ids: string[]) => {
    for (const id of ids) {
      const published = await pipeline.db
        .select({ value: count() })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.toStatus, "published")));
      expect(published[0]!.value).toBe(1);
    }
    // one vi message for each of the two demo partners, per bulletin; none missing, none twice
    const [messages] = await pipeline.db.select({ value: count() }).from(smsMessages);
    expect(messages!.value).toBe(ids.length * 2);
    const [queued] = await pipeline.db.select({ value: count() }).from(deliveryLog).where(eq(deliveryLog.event, "message.queued"));
    expect(queued!.value).toBe(ids.length * 2);
    // a step killed after its commit but before its job was marked done stays pending until the queue's stalled-job
    // check or the reconciler runs it again, which then skips it: wait for that, do not expect it at once
    const pendingJobs = async () => (await pipeline.db.select({ value: count() }).from(jobs).where(eq(jobs.status, "pending")))[0]!.value;
    await waitFor(async () => (await pendingJobs()) === 0, 90_000, "no job left pending");
  };

  it("publishes every bulletin exactly once when the worker is SIGKILLed mid-run and restarted", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 50; index += 1) ids.push(await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] })));
    const first = spawnWorker({ ...workerEnv(), WORKER_CONCURRENCY: "2" });
    workers.push(first);
    await waitFor(async () => (await publishedCount()) >= 3, 30_000, "the first bulletins to publish");
    await first.stop("SIGKILL");
    const atKill = await publishedCount();
    expect(atKill).toBeLessThan(50);
    const second = spawnWorker({ ...workerEnv(), WORKER_CONCURRENCY: "4" });
    workers.push(second);
    await waitFor(async () => (await publishedCount()) === 50, 60_000, "all 50 bulletins to publish");
    await assertEachPublishedOnce(ids);
  }, 200_000);

  it("completes the work through the reconciler when Redis loses the queue mid-run", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 30; index += 1) ids.push(await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] })));
    const worker = spawnWorker({ ...workerEnv(), WORKER_CONCURRENCY: "1", LOG_LEVEL: "info" });
    workers.push(worker);
    await waitFor(async () => (await publishedCount()) >= 2, 30_000, "the first bulletins to publish");
    // every key of this queue gone, as after a Redis flush or failover to an empty replica
    await deleteRedisPrefix(pipeline.instance.redisUrl!, pipeline.instance.queuePrefix!);
    expect(await publishedCount()).toBeLessThan(30);
    await waitFor(async () => (await publishedCount()) === 30, 90_000, "the reconciler to finish the work").catch(async (error) => {
      const pending = await pipeline.db.select().from(jobs).where(eq(jobs.status, "pending"));
      throw new Error(
        `${error.message}; ${await publishedCount()} published; pending jobs: ${JSON.stringify(pending.map((job) => [job.name, job.attempts, job.lastError]))}\nworker output:\n${worker.output().slice(-4_000)}`,
      );
    });
    await assertEachPublishedOnce(ids);
  }, 240_000);

  it("shuts down gracefully on SIGTERM", async () => {
    const worker = spawnWorker({ ...workerEnv(), LOG_LEVEL: "info" });
    workers.push(worker);
    await worker.waitForOutput(/worker running/);
    const code = await worker.stop("SIGTERM");
    expect(code).toBe(0);
    expect(worker.output()).toMatch(/shutting down[\s\S]*stopped/);
  }, 30_000);
});
