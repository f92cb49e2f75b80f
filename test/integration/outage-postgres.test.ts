// PostgreSQL stops under a running bantin (serve and worker as processes): every route that needs it answers 503
// problem+json with Retry-After at once, /readyz says so at once, and once it is back the work resumes by itself
// with nothing lost or doubled. The cluster is the test's own (initdb/pg_ctl on a spare port), never the shared one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { seedDemo, type DemoCredentials } from "../../src/demo/seed-demo.ts";
import { deleteRedisPrefix } from "../helpers/backends.ts";
import { buildBulletin } from "../helpers/builders.ts";
import { createPgCluster, pgClusterAvailable, type PgCluster } from "../helpers/pg-cluster.ts";
import { expectEachPublishedOnce, publishedCount, remoteBantin, waitFor, type RemoteResponse } from "../helpers/remote-bantin.ts";
import { spawnBantin, startServe, type WorkerProcess } from "../helpers/worker-process.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const expectUnavailable = (response: RemoteResponse) => {
  expect(response.status, response.text).toBe(503);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(response.json).toMatchObject({ status: 503, type: expect.stringMatching(/\/unavailable$/), title: expect.any(String) });
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  // about a second; the generous bound is for a loaded machine (without timeouts these took 10 to 18 s)
  expect(response.elapsedMs).toBeLessThan(2_500);
};

// with REDIS_URL: BullMQ and a worker process of its own, as in production; without: serve runs the workers
const modes = [
  { name: "in-process queue (serve runs the workers)", redisUrl: undefined },
  ...(process.env.REDIS_URL ? [{ name: "BullMQ on Redis with a separate worker process", redisUrl: process.env.REDIS_URL }] : []),
];

describe.skipIf(!pgClusterAvailable).each(modes)("PostgreSQL outage: $name", ({ redisUrl }) => {
  let cluster: PgCluster | undefined;
  let database: Database | undefined;
  let credentials: DemoCredentials;
  const processes: WorkerProcess[] = [];
  const queuePrefix = `bt_outage_${process.pid}_${Date.now().toString(36)}`;
  let bantin: ReturnType<typeof remoteBantin>;

  beforeAll(async () => {
    cluster = await createPgCluster();
    database = await openDatabase({ url: cluster.url });
    await database.migrate();
    credentials = await seedDemo(database.db, new Date());
    const env = {
      DATABASE_URL: cluster.url,
      ESPEAK_NG: "off",
      ...(redisUrl ? { REDIS_URL: redisUrl, QUEUE_PREFIX: queuePrefix } : { REDIS_URL: "" }),
    };
    const { serve, port } = await startServe(env);
    processes.push(serve);
    if (redisUrl) {
      const worker = spawnBantin("worker", { ...env, LOG_LEVEL: "info" });
      processes.push(worker);
      await worker.waitForOutput(/worker running/);
    }
    bantin = remoteBantin(`http://127.0.0.1:${port}`);
    await bantin.logIn(credentials);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.splice(0).map((child) => child.stop("SIGKILL")));
    await database?.close().catch(() => undefined);
    await cluster?.destroy();
    if (redisUrl) await deleteRedisPrefix(redisUrl, queuePrefix);
  }, 60_000);

  it("answers 503 problem+json with Retry-After at once while it is down, and resumes with nothing lost or doubled", async () => {
    const db = database!.db;
    const ids: string[] = [];
    // one published before the outage, three approved just before it (their pipelines cut short)
    ids.push((await bantin.approveNew(buildBulletin({ targetLanguages: ["vi"] }))).id);
    await waitFor(async () => (await publishedCount(db, ids)) === 1, 30_000, "the first bulletin to publish");
    for (let index = 0; index < 3; index += 1) ids.push((await bantin.approveNew(buildBulletin({ targetLanguages: ["vi"] }))).id);
    await cluster!.stop();

    const ready = await bantin.request("GET", "/readyz");
    expectUnavailable(ready);
    expect(ready.json.checks.database).toMatch(/^down/);
    expect((await bantin.request("GET", "/healthz")).status).toBe(200);

    const partnerToken = credentials.partners[0]!.token;
    const screenToken = credentials.screens[0]!.token;
    const calls: [string, () => Promise<RemoteResponse>][] = [
      ["the bulletin list", () => bantin.request("GET", "/api/v1/bulletins", { token: bantin.tokens.editor })],
      ["a bulletin", () => bantin.request("GET", `/api/v1/bulletins/${ids[0]}`, { token: bantin.tokens.editor })],
      ["creating a bulletin", () => bantin.request("POST", "/api/v1/bulletins", { token: bantin.tokens.editor, body: buildBulletin() })],
      ["logging in", () => bantin.request("POST", "/api/v1/auth/login", { body: { username: "editor", password: "not this one" } })],
      ["a partner's claim", () => bantin.request("POST", "/partner/v1/batches/claim", { token: partnerToken, body: { max: 10 } })],
      ["a screen's feed", () => bantin.request("GET", "/screen/v1/feed", { token: screenToken })],
    ];
    // over and over: the driver's reconnect backoff used to grow until requests hung for many seconds
    for (let round = 0; round < 4; round += 1) {
      for (const [name, call] of calls) {
        const response = await call();
        expect.soft(response.status, `${name}, round ${round}`).toBe(503);
        expectUnavailable(response);
      }
    }
    const together = await Promise.all(Array.from({ length: 12 }, (_, index) => calls[index % calls.length]![1]()));
    for (const response of together) expectUnavailable(response);
    expectUnavailable(await bantin.request("GET", "/readyz"));

    // down for a few seconds more: the worker meets it in its jobs and its reconciler
    await sleep(3_000);
    await cluster!.start();
    await bantin.waitUntilReady(15_000);
    // the API is whole again at once, and so is the work
    expect((await bantin.request("GET", "/api/v1/bulletins", { token: bantin.tokens.editor })).status).toBe(200);
    ids.push((await bantin.approveNew(buildBulletin({ targetLanguages: ["vi"] }))).id);
    await waitFor(async () => (await publishedCount(db, ids)) === ids.length, 90_000, "every bulletin to publish after the outage").catch((error) => {
      throw new Error(`${error.message}\n${processes.map((child) => child.output().slice(-3_000)).join("\n---\n")}`);
    });
    await expectEachPublishedOnce(db, ids);
    // nothing had to be restarted: serve and the worker lived through it
    for (const child of processes) expect(child.child.exitCode, child.output().slice(-2_000)).toBeNull();
  }, 240_000);
});
