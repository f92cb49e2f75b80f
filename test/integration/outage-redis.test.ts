// Redis stops under a running bantin in BullMQ mode (serve and worker as processes): the API keeps accepting (the
// jobs wait in the outbox in PostgreSQL), /readyz says the queue is down at once, and once Redis is back (empty,
// as after a failover) every bulletin is published exactly once. The redis-server is the test's own, never 6379.
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { jobs } from "../../src/db/schema/index.ts";
import { seedDemo, type DemoCredentials } from "../../src/demo/seed-demo.ts";
import { createTestDatabase } from "../helpers/backends.ts";
import { buildBulletin } from "../helpers/builders.ts";
import { redisServerAvailable, startRedisServer, type RedisServer } from "../helpers/redis-server.ts";
import { expectEachPublishedOnce, publishedCount, remoteBantin, waitFor } from "../helpers/remote-bantin.ts";
import { spawnBantin, startServe, type WorkerProcess } from "../helpers/worker-process.ts";

describe.skipIf(!redisServerAvailable || !process.env.DATABASE_URL)("Redis outage in BullMQ mode", () => {
  let redis: RedisServer | undefined;
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let database: Database | undefined;
  let credentials: DemoCredentials;
  const processes: WorkerProcess[] = [];
  let bantin: ReturnType<typeof remoteBantin>;

  beforeAll(async () => {
    redis = await startRedisServer();
    testDatabase = await createTestDatabase();
    database = await openDatabase({ url: testDatabase.url });
    await database.migrate();
    credentials = await seedDemo(database.db, new Date());
    const env = { DATABASE_URL: testDatabase.url, REDIS_URL: redis.url, ESPEAK_NG: "off" };
    const { serve, port } = await startServe(env);
    processes.push(serve);
    const worker = spawnBantin("worker", { ...env, LOG_LEVEL: "info" });
    processes.push(worker);
    await worker.waitForOutput(/worker running/);
    bantin = remoteBantin(`http://127.0.0.1:${port}`);
    await bantin.logIn(credentials);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.splice(0).map((child) => child.stop("SIGKILL")));
    await database?.close().catch(() => undefined);
    await testDatabase?.drop();
    await redis?.destroy();
  }, 60_000);

  it("keeps accepting while Redis is down and publishes everything once it is back", async () => {
    const db = database!.db;
    const ids: string[] = [(await bantin.approveNew(buildBulletin({ targetLanguages: ["vi"] }))).id];
    await waitFor(async () => (await publishedCount(db, ids)) === 1, 30_000, "the first bulletin to publish");

    await redis!.stop();
    const ready = await bantin.request("GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(ready.json.checks).toMatchObject({ database: "ok", queue: expect.stringMatching(/^down/) });
    expect(ready.elapsedMs).toBeLessThan(2_500);

    // approvals go through while Redis is down, none waiting on it for long (without bounds they hung until it was back)
    const during: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const { id, slowestMs } = await bantin.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
      expect(slowestMs).toBeLessThan(2_500);
      during.push(id);
    }
    ids.push(...during);
    // nothing went out without the queue, and their work waits in the outbox
    expect(await publishedCount(db, during)).toBe(0);
    const [pending] = await db.select({ value: count() }).from(jobs).where(eq(jobs.status, "pending"));
    expect(pending!.value).toBeGreaterThanOrEqual(during.length);
    expect(
      (await db.select({ payload: jobs.payload }).from(jobs).where(eq(jobs.status, "pending"))).map(
        (job) => (job.payload as { bulletinId?: string }).bulletinId,
      ),
    ).toEqual(expect.arrayContaining(during));

    await redis!.start();
    await bantin.waitUntilReady(30_000);
    await waitFor(async () => (await publishedCount(db, ids)) === ids.length, 90_000, "every bulletin to publish once Redis is back").catch((error) => {
      throw new Error(`${error.message}\n${processes.map((child) => child.output().slice(-3_000)).join("\n---\n")}`);
    });
    await expectEachPublishedOnce(db, ids);
    expect(
      await db
        .select({ value: count() })
        .from(jobs)
        .where(inArray(jobs.status, ["failed"])),
    ).toEqual([{ value: 0 }]);
  }, 240_000);
});
