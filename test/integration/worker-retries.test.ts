// A worker step that cannot load or lock its bulletin is retried with backoff and logged, never skipped: the fault is
// injected (a dropped connection on every back end, a lock held by another session on PostgreSQL), and the
// bulletin is published, once, when the fault clears.
import { randomUUID } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import { pino } from "pino";
import postgres from "postgres";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { auditLog, bulletins, deliveryLog, jobs, smsMessages } from "../../src/db/schema/index.ts";
import { retryPolicy, urgencyPriority } from "../../src/queue/job-queue.ts";
import { recordJob } from "../../src/queue/outbox.ts";
import { startWorker, type WorkerRuntime } from "../../workers/main.ts";
import { processors } from "../../workers/processors.ts";
import { runJob } from "../../workers/run-job.ts";
import { backends, serverBackend } from "../helpers/backends.ts";
import { buildBulletin } from "../helpers/builders.ts";
import { dropConnectionsInTransactions } from "../helpers/dropping-db.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

type LogLine = { level: number; msg: string; job?: string; jobName?: string; bulletinId?: string; attempts?: number; err?: { message: string } };

/** A logger that keeps its warnings and errors for the test to read. */
const capturingLogger = () => {
  const lines: LogLine[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` answers something, or fails after the deadline. */
const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
};

describe.each(backends)("a failing worker step on $name", (backend) => {
  let pipeline: TestPipeline;
  let worker: WorkerRuntime | undefined;
  beforeEach(async () => {
    pipeline = await startPipeline(backend, { workers: false });
  });
  afterEach(async () => {
    await worker?.stop(2_000);
    worker = undefined;
    await pipeline?.close();
  });

  /** A worker on `db` (perhaps a faulty one) whose lock waits are short, logging to the test. */
  const startTestWorker = (db: Db) => {
    const log = capturingLogger();
    worker = startWorker({ db, queue: pipeline.instance.newQueue(), logger: log.logger, concurrency: 2, reconcileIntervalMs: 60_000, lockTimeoutMs: 200 });
    return log;
  };

  const jobRow = async (key: string) => {
    const [row] = await pipeline.db.select().from(jobs).where(eq(jobs.key, key));
    return row;
  };
  const statusOf = async (id: string) => {
    const [row] = await pipeline.db.select({ status: bulletins.status }).from(bulletins).where(eq(bulletins.id, id));
    return row?.status;
  };
  /** Waits until the localize step has failed `attempts` times; meanwhile the bulletin stays approved. */
  const waitForFailedAttempts = async (id: string, attempts: number) => {
    const row = await waitFor(async () => {
      const current = await jobRow(`localize-bulletin:${id}`);
      return current && current.attempts >= attempts ? current : undefined;
    }, `${attempts} failed attempts of the localize step`);
    expect(row.status, "the failed step waits for its retry").toBe("pending");
    expect(await statusOf(id)).toBe("approved");
  };

  /** Published once: one transition, one SMS per demo partner (both take Vietnamese), each queued once. */
  const expectPublishedOnce = async (id: string) => {
    await pipeline.waitForStatus(id, "published", 30_000);
    const [published] = await pipeline.db
      .select({ value: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.toStatus, "published")));
    expect(published!.value).toBe(1);
    const [messages] = await pipeline.db.select({ value: count() }).from(smsMessages).where(eq(smsMessages.bulletinId, id));
    expect(messages!.value).toBe(2);
    const [queued] = await pipeline.db
      .select({ value: count() })
      .from(deliveryLog)
      .where(and(eq(deliveryLog.bulletinId, id), eq(deliveryLog.event, "message.queued")));
    expect(queued!.value).toBe(2);
  };

  /** Published once, and the localize step's outbox row keeps its failed attempts, its last error, and the warnings
   *  that were logged. */
  const expectPublishedOnceAfterRetries = async (id: string, expected: { error: RegExp; lines: LogLine[] }) => {
    await expectPublishedOnce(id);

    const localize = (await jobRow(`localize-bulletin:${id}`))!;
    expect(localize.status).toBe("done");
    expect(localize.attempts).toBeGreaterThan(0);
    expect(localize.lastError).toMatch(expected.error);
    expect((await jobRow(`format-bulletin:${id}`))?.status).toBe("done");

    const warnings = expected.lines.filter((line) => line.level === 40 && line.job === localize.id);
    expect(warnings.length).toBeGreaterThanOrEqual(localize.attempts);
    expect(warnings[0]).toMatchObject({ msg: "job failed; it will be retried", jobName: "localize-bulletin", bulletinId: id, attempts: 1 });
    expect(warnings[0]!.err?.message).toMatch(expected.error);
  };

  it("retries a step whose connection dropped, and publishes the bulletin once when the connection is back", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    const fault = dropConnectionsInTransactions(pipeline.db);
    const log = startTestWorker(fault.db);
    await waitForFailedAttempts(id, 2);
    expect(fault.dropped()).toBeGreaterThanOrEqual(2);
    fault.heal();
    await expectPublishedOnceAfterRetries(id, { error: /terminating connection/, lines: log.lines });
  });

  it.skipIf(backend !== serverBackend)(
    "retries a step that waited past its lock timeout, and publishes the bulletin once when the lock is released",
    async () => {
      const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
      // Another session holds a lock the step's SELECT ... FOR UPDATE must wait for. A table lock, not a row lock:
      // a row lock gives its transaction an id, and a running transaction id holds back, on the whole server, every
      // reader that waits for older transactions to finish (the radio feed's cursor in test files running alongside).
      // The step waits the same way for either.
      const other = postgres(pipeline.instance.databaseUrl!, { max: 1, onnotice: () => {} });
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked = () => {};
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holder = other.begin(async (sql) => {
        await sql`lock table bulletins in exclusive mode`;
        locked();
        await released;
      });
      try {
        await lockTaken;
        const log = startTestWorker(pipeline.db);
        await waitForFailedAttempts(id, 2);
        release();
        await holder;
        await expectPublishedOnceAfterRetries(id, { error: /lock timeout/, lines: log.lines });
      } finally {
        release();
        await holder.catch(() => {});
        await other.end({ timeout: 5 });
      }
    },
  );

  it("skips a step whose bulletin does not exist or is not in the state the step expects, and marks its job done", async () => {
    const deps = { db: pipeline.db, queue: pipeline.queue, clock: () => new Date(), logger: capturingLogger().logger };
    const missing = await recordJob(pipeline.db, {
      name: "localize-bulletin",
      key: `localize-bulletin:missing`,
      payload: { bulletinId: randomUUID() },
      priority: urgencyPriority.routine,
    });
    expect(await runJob(deps, { processors, job: missing! })).toBe("skipped");
    const created = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin({ targetLanguages: ["vi"] }) });
    const draft = await recordJob(pipeline.db, {
      name: "format-bulletin",
      key: `format-bulletin:draft`,
      payload: { bulletinId: created.json.id },
      priority: urgencyPriority.routine,
    });
    expect(await runJob(deps, { processors, job: draft! })).toBe("skipped");
    for (const key of ["localize-bulletin:missing", "format-bulletin:draft"]) {
      expect(await jobRow(key)).toMatchObject({ status: "done", attempts: 0, lastError: null });
    }
  });

  /** Both steps' jobs failed for good at `at`, after every attempt (an outage longer than all the retries). */
  const failForGood = async (keys: string[], options: { at: Date; revivals?: number }) => {
    await pipeline.db
      .update(jobs)
      .set({ status: "failed", attempts: retryPolicy.attempts, lastError: "connection refused", finishedAt: options.at, revivals: options.revivals ?? 0 })
      .where(inArray(jobs.key, keys));
  };

  it("tries again a step that failed for good while its bulletin waits for it, and publishes the bulletin; not one whose bulletin moved on", async () => {
    const waiting = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    const withdrawn = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await failForGood([`localize-bulletin:${waiting}`, `localize-bulletin:${withdrawn}`], { at: new Date(Date.now() - 120_000) });
    expect(
      (await pipeline.request("POST", `/api/v1/bulletins/${withdrawn}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "test: taken off again" } }))
        .status,
    ).toBe(200);

    const log = startTestWorker(pipeline.db);
    await expectPublishedOnce(waiting);
    expect(await jobRow(`localize-bulletin:${waiting}`)).toMatchObject({ status: "done", revivals: 1 });
    expect(await jobRow(`localize-bulletin:${withdrawn}`)).toMatchObject({ status: "failed", revivals: 0 });
    expect(await statusOf(withdrawn)).toBe("withdrawn");
    expect(log.lines.filter((line) => line.level === 50)).toMatchObject([
      { msg: "a pipeline step that had failed for good is tried again: its bulletin still waits for it", jobName: "localize-bulletin", bulletinId: waiting },
    ]);
  });

  it("waits before trying a failed step again, and gives up after the last revival", async () => {
    const recent = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    const revivedOften = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await failForGood([`localize-bulletin:${recent}`], { at: new Date() });
    await failForGood([`localize-bulletin:${revivedOften}`], { at: new Date(Date.now() - 120_000), revivals: 10 });
    startTestWorker(pipeline.db);
    expect(await worker!.reconcile(0)).toMatchObject({ revived: 0 });
    expect(await jobRow(`localize-bulletin:${recent}`)).toMatchObject({ status: "failed", revivals: 0 });
    expect(await jobRow(`localize-bulletin:${revivedOften}`)).toMatchObject({ status: "failed", revivals: 10 });
    expect(await statusOf(recent)).toBe("approved");
  });

  it("fails the job for good with its last error once every attempt has failed", async () => {
    const { logger, lines } = capturingLogger();
    const deps = { db: pipeline.db, queue: pipeline.queue, clock: () => new Date(), logger };
    const bulletinId = randomUUID();
    const job = await recordJob(pipeline.db, {
      name: "localize-bulletin",
      key: `localize-bulletin:${bulletinId}`,
      payload: { bulletinId },
      priority: urgencyPriority.routine,
    });
    let attempt = 0;
    const failing = {
      ...processors,
      "localize-bulletin": async () => {
        attempt += 1;
        throw new Error(`connection lost (attempt ${attempt})`);
      },
    };
    // what both queue drivers do: run it again after each failure, up to retryPolicy.attempts runs
    for (let run = 0; run < retryPolicy.attempts; run += 1) {
      await expect(runJob(deps, { processors: failing, job: job! })).rejects.toThrow(/connection lost/);
    }
    expect(await jobRow(`localize-bulletin:${bulletinId}`)).toMatchObject({
      status: "failed",
      attempts: retryPolicy.attempts,
      lastError: `connection lost (attempt ${retryPolicy.attempts})`,
      finishedAt: expect.any(Date),
    });
    expect(lines.filter((line) => line.level === 40)).toHaveLength(retryPolicy.attempts - 1);
    expect(lines.filter((line) => line.level === 50)).toMatchObject([
      { msg: "job failed for good; it is not retried", jobName: "localize-bulletin", bulletinId },
    ]);
    // a failed job is not run again
    expect(await runJob(deps, { processors: failing, job: job! })).toBe("skipped");
    expect(attempt).toBe(retryPolicy.attempts);
  });
});
