// How the API answers when its database does not: 503 problem+json with Retry-After (never 500, never a hang), on
// both back ends; /readyz at once even when a dependency hangs.
import { createServer, type Server, type Socket } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import { openDatabase } from "../../../src/db/client.ts";
import { isDatabaseUnavailable } from "../../../src/db/database-unavailable.ts";
import { createInProcessQueue } from "../../../src/queue/in-process-queue.ts";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin } from "../../helpers/builders.ts";
import { silentLogger, startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

const expectUnavailable = (response: { status: number; headers: Headers; json: any }) => {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(response.json).toMatchObject({ status: 503, type: expect.stringMatching(/\/unavailable$/) });
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
};

describe.each(backends)("a database that is gone ($name)", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
  });
  afterAll(async () => {
    // the database is closed already: only the rest (a server back end's test database) is left to clean up
    await pipeline?.close().catch(() => undefined);
  });

  it("does not take a bad query for an outage", async () => {
    const error = await pipeline.db.execute(sql`select * from no_such_table`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("answers 503 problem+json with Retry-After on routes that need it, and /readyz says so", async () => {
    expect((await pipeline.request("GET", "/readyz")).status).toBe(200);
    const token = pipeline.tokens.editor;
    await pipeline.instance.database.close();
    expectUnavailable(await pipeline.request("GET", "/api/v1/bulletins", { token }));
    expectUnavailable(await pipeline.request("POST", "/api/v1/bulletins", { token, body: buildBulletin() }));
    expectUnavailable(await pipeline.request("POST", "/api/v1/auth/login", { body: { username: "editor", password: "x" } }));
    expectUnavailable(await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.credentials.partners[0]!.token, body: {} }));
    const ready = await pipeline.request("GET", "/readyz");
    expectUnavailable(ready);
    expect(ready.json.checks).toMatchObject({ database: expect.stringMatching(/^down/), queue: "ok" });
    // alive all the same: a restart would not help
    expect((await pipeline.request("GET", "/healthz")).status).toBe(200);
  });
});

describe("a PostgreSQL server that accepts connections and never answers", () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let port = 0;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterEach(async () => {
    // dropped connections let the clients close at once
    for (const socket of sockets) socket.destroy();
    for (const close of closers.splice(0)) await close().catch(() => undefined);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const appOn = async (connectTimeoutMs: number) => {
    const database = await openDatabase({ url: `postgres://nobody@127.0.0.1:${port}/nothing`, connectTimeoutMs });
    const queue = createInProcessQueue();
    closers.push(
      () => database.close(),
      () => queue.close(100),
    );
    return createApp({
      db: database.db,
      queue,
      clock: () => new Date(),
      logger: silentLogger,
      publicUrl: "http://bantin.test",
      checks: { database: database.ping, queue: queue.ping },
    });
  };

  it("answers /readyz 503 problem+json without waiting for it", async () => {
    // a connect timeout far longer than any test: /readyz must not wait for it
    const app = await appOn(600_000);
    const response = await app.request("/readyz");
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { checks: Record<string, string> }).checks.database).toMatch(/^down: .*no answer within 500 ms/);
  });

  it("gives up connecting after the connect timeout and answers 503", async () => {
    const app = await appOn(300);
    const response = await app.request("/api/v1/bulletins", { headers: { authorization: "Bearer bt_whatever" } });
    expectUnavailable({ status: response.status, headers: response.headers, json: await response.json() });
  });
});
