// Request logs: every request has an id (a sane incoming X-Request-Id is kept), every log line of the request carries
// it, problem+json names it as `instance`, and each request ends with one access-log line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import { createLogger } from "../../../src/logger.ts";
import { embeddedBackend } from "../../helpers/backends.ts";
import { buildBulletin } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

type LogLine = Record<string, any> & { msg: string };
const lines: LogLine[] = [];
const logger = createLogger("info", "bantin", { write: (line: string) => void lines.push(JSON.parse(line)) });

let pipeline: TestPipeline;
beforeAll(async () => {
  pipeline = await startPipeline(embeddedBackend, { workers: false, logger });
});
afterAll(async () => {
  await pipeline?.close();
});

const logsOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);

describe("request ids and access logs", () => {
  it("keeps a sane incoming X-Request-Id, answers with it, and logs one access line by route template", async () => {
    const id = (await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin() })).json.id as string;
    lines.length = 0;
    const response = await pipeline.request("GET", `/api/v1/bulletins/${id}`, {
      token: pipeline.tokens.editor,
      headers: { "x-request-id": "nginx-5f2b9c01aa" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("nginx-5f2b9c01aa");
    const access = logsOf("nginx-5f2b9c01aa").filter((line) => line.msg === "request");
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ method: "GET", route: "/api/v1/bulletins/:id", path: `/api/v1/bulletins/${id}`, status: 200, level: 30 });
    expect(access[0]!.durationMs).toEqual(expect.any(Number));
    // the raw id is never the route
    expect(lines.filter((line) => line.msg === "request" && line.route.includes(id))).toEqual([]);
  });

  it.each([
    ["markup", "<script>alert(1)</script>"],
    ["a space and a newline", "a b\nforged-line"],
    ["200 characters", "x".repeat(200)],
  ])("replaces an incoming id with %s by one of its own", async (_name, incoming) => {
    lines.length = 0;
    const response = await pipeline.app.request("/healthz", { headers: { "x-request-id": incoming.replace("\n", "") } });
    const answered = response.headers.get("x-request-id")!;
    expect(answered).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.filter((line) => line.msg === "request").map((line) => line.requestId)).toEqual([answered]);
  });

  it("names the request as the problem's instance, the same id as the header and the log lines", async () => {
    lines.length = 0;
    const response = await pipeline.request("GET", "/api/v1/bulletins/00000000-0000-4000-8000-000000000000", { token: pipeline.tokens.editor });
    expect(response.status).toBe(404);
    const requestId = response.headers.get("x-request-id")!;
    expect(response.json.instance).toBe(`urn:bantin:request:${requestId}`);
    expect(logsOf(requestId).filter((line) => line.msg === "request")).toMatchObject([{ route: "/api/v1/bulletins/:id", status: 404 }]);
    // a path no route has is counted as "unmatched", never by its raw path
    const unknown = await pipeline.request("GET", "/no/such/thing/42");
    expect(unknown.json.instance).toBe(`urn:bantin:request:${unknown.headers.get("x-request-id")}`);
    expect(logsOf(unknown.headers.get("x-request-id")!)).toMatchObject([{ msg: "request", route: "unmatched", path: "/no/such/thing/42", status: 404 }]);
  });

  it("puts the id on every log line a request writes, a command's warning included", async () => {
    // the queue is down for this app: approving logs a warning (the reconciler will queue the job) inside the request
    const failingQueue = { ...pipeline.queue, add: async () => Promise.reject(new Error("queue is down")) };
    const app = createApp({
      db: pipeline.db,
      queue: failingQueue,
      clock: () => new Date(),
      logger,
      publicUrl: "http://bantin.test",
      checks: { database: async () => {}, queue: async () => {} },
    });
    const id = (await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin({ targetLanguages: ["vi"] }) })).json
      .id as string;
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor })).status).toBe(200);
    lines.length = 0;
    const response = await app.request(`/api/v1/bulletins/${id}/approve`, { method: "POST", headers: { authorization: `Bearer ${pipeline.tokens.approver}` } });
    expect(response.status, await response.clone().text()).toBe(200);
    const requestId = response.headers.get("x-request-id")!;
    expect(lines.map((line) => line.msg)).toEqual(["queue unavailable; the reconciler will queue the job", "request"]);
    expect(lines.every((line) => line.requestId === requestId)).toBe(true);
  });
});
