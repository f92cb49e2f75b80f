// A screen's event stream as Node serves it (src/http/screen/event-stream.ts: written straight to the response,
// not through hono's streamSSE, which app.request() still uses): the events, the headers, a closed connection
// leaving no subscription behind, and a shutdown ending the streams.
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import { readEvents } from "../helpers/sse.ts";

const waitFor = async (condition: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe.each(backends)("screen event stream over Node's http on $name", (backend) => {
  let pipeline: TestPipeline;
  let server: ServerType;
  let base: string;
  const token = () => pipeline.credentials.screens.find((screen) => screen.name.startsWith("Mộc Bài"))!.token;
  const open = (controller: AbortController) =>
    fetch(`${base}/screen/v1/events`, { headers: { authorization: `Bearer ${token()}` }, signal: controller.signal });

  beforeAll(async () => {
    pipeline = await startPipeline(backend);
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: pipeline.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await pipeline?.close();
  });

  it("sends the current feed, then each change, with the stream's headers and the request id", async () => {
    const controller = new AbortController();
    const response = await open(controller);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-request-id")).toMatch(/\S/);
    const events = readEvents(response);
    try {
      const first = await events.next();
      expect(first).toMatchObject({ event: "feed", data: { reason: "connected" } });
      expect(first.id).toBe(first.data.etag);
      const id = await pipeline.publishGateClosure({ gate: "VN-TN-MOCBAI", urgency: "urgent", channels: ["display"] });
      const changed = await events.next();
      expect(changed.data).toMatchObject({ reason: "changed", urgent: true, bulletinId: id, status: "published" });
      expect(changed.data.etag).not.toBe(first.data.etag);
    } finally {
      controller.abort();
      await events.cancel();
    }
  });

  it("forgets a screen's connection once it closes", async () => {
    // the previous test's stream, aborted, is gone too
    await waitFor(() => pipeline.feedEvents.connections() === 0);
    const before = 0;
    const controllers = [new AbortController(), new AbortController()];
    const streams = await Promise.all(controllers.map(async (controller) => readEvents(await open(controller))));
    for (const stream of streams) expect((await stream.next()).data.reason).toBe("connected");
    expect(pipeline.feedEvents.connections()).toBe(before + 2);
    controllers[0]!.abort();
    await waitFor(() => pipeline.feedEvents.connections() === before + 1);
    controllers[1]!.abort();
    await waitFor(() => pipeline.feedEvents.connections() === before);
  });

  it("ends every stream when the server shuts down, and refuses new ones with a problem", async () => {
    const controller = new AbortController();
    const events = readEvents(await open(controller));
    expect((await events.next()).data.reason).toBe("connected");
    await pipeline.feedEvents.close();
    await expect(events.next()).rejects.toThrow("stream ended");
    const refused = await fetch(`${base}/screen/v1/events`, { headers: { authorization: `Bearer ${token()}` } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
  });
});
