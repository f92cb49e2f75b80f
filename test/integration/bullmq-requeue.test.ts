// The reconciler's requeue on BullMQ: a job BullMQ holds as failed (a stalled job past its limit, a handler that
// threw before the outbox row was updated) would make every later add with the same id a no-op and leave the
// database's pending row waiting for ever. A requeue clears it and the job runs again; a plain add does not.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createBullmqQueue } from "../../src/queue/bullmq-queue.ts";
import { UnrecoverableJobError, urgencyPriority, type JobQueue } from "../../src/queue/job-queue.ts";
import { deleteRedisPrefix, serverBackendsAvailable } from "../helpers/backends.ts";

describe.skipIf(!serverBackendsAvailable)("BullMQ requeue of a job it failed", () => {
  const prefix = `bantin_requeue_${randomBytes(4).toString("hex")}`;
  let queue: JobQueue | undefined;
  let idle: JobQueue | undefined;
  afterAll(async () => {
    await queue?.close(1_000);
    await idle?.close(1_000);
    await deleteRedisPrefix(process.env.REDIS_URL!, prefix);
    await deleteRedisPrefix(process.env.REDIS_URL!, `${prefix}_idle`);
  });

  it("runs a failed job again when the reconciler requeues it", async () => {
    queue = createBullmqQueue({ url: process.env.REDIS_URL!, prefix });
    const runs: string[] = [];
    queue.process(
      async (job) => {
        runs.push(job.id);
        // the first run fails for good in BullMQ, without touching the database
        if (runs.length === 1) throw new UnrecoverableJobError("lost before the outbox row was updated");
      },
      { concurrency: 1 },
    );
    const waitForRuns = async (n: number) => {
      for (let i = 0; i < 200 && runs.length < n; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    for (const priority of [urgencyPriority.routine, urgencyPriority.urgent]) {
      runs.length = 0;
      const job = { id: randomUUID(), name: "format-bulletin", priority };
      await queue.add([job]);
      await waitForRuns(1);
      expect(runs).toEqual([job.id]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await queue.add([job]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs, "a plain add of a failed job's id is ignored").toHaveLength(1);
      expect(await queue.requeue([job])).toBe(1);
      await waitForRuns(2);
      expect(runs).toEqual([job.id, job.id]);
    }
  });

  it("leaves alone the jobs BullMQ still holds and queues only those it lost", async () => {
    // no worker takes jobs from this queue: what is added stays waiting
    idle = createBullmqQueue({ url: process.env.REDIS_URL!, prefix: `${prefix}_idle` });
    const held = [urgencyPriority.routine, urgencyPriority.urgent].map((priority) => ({ id: randomUUID(), name: "format-bulletin", priority }));
    await idle.add(held);
    expect(await idle.requeue(held), "both are still waiting").toBe(0);
    const lost = { id: randomUUID(), name: "localize-bulletin", priority: urgencyPriority.routine };
    expect(await idle.requeue([...held, lost])).toBe(1);
    expect(await idle.requeue([...held, lost]), "now it is held too").toBe(0);
  });

  it("holds routine jobs while urgent work is announced, in every process", async () => {
    const announcer = createBullmqQueue({ url: process.env.REDIS_URL!, prefix: `${prefix}_ahead` });
    const worker = createBullmqQueue({ url: process.env.REDIS_URL!, prefix: `${prefix}_ahead` });
    try {
      const runs: string[] = [];
      worker.process(async (job) => void runs.push(job.id), { concurrency: 1 });
      const urgentDone = announcer.urgentAhead();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const routine = { id: randomUUID(), name: "localize-bulletin", priority: urgencyPriority.routine };
      await announcer.add([routine]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs, "the routine job waits while urgent work is on its way").toEqual([]);
      urgentDone();
      for (let i = 0; i < 200 && runs.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(runs).toEqual([routine.id]);
    } finally {
      await worker.close(1_000);
      await announcer.close(1_000);
      await deleteRedisPrefix(process.env.REDIS_URL!, `${prefix}_ahead`);
    }
  });

  it("holds a running routine job at its next step while urgent work is announced", async () => {
    const aheadPrefix = `${prefix}_step`;
    const worker = createBullmqQueue({ url: process.env.REDIS_URL!, prefix: aheadPrefix });
    try {
      const steps: string[] = [];
      let releaseStep = () => {};
      const stepReleased = new Promise<void>((resolve) => (releaseStep = resolve));
      worker.process(
        async (_job, control) => {
          steps.push("step 1");
          await stepReleased;
          await control.yieldToUrgent();
          steps.push("step 2");
        },
        { concurrency: 1 },
      );
      await worker.add([{ id: randomUUID(), name: "format-bulletin", priority: urgencyPriority.routine }]);
      for (let i = 0; i < 200 && steps.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const urgentDone = worker.urgentAhead();
      await new Promise((resolve) => setTimeout(resolve, 50));
      releaseStep();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(steps, "the running job waits at its step").toEqual(["step 1"]);
      urgentDone();
      for (let i = 0; i < 200 && steps.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(steps).toEqual(["step 1", "step 2"]);
    } finally {
      await worker.close(1_000);
      await deleteRedisPrefix(process.env.REDIS_URL!, aheadPrefix);
    }
  });
});
