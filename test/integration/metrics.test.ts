// Prometheus metrics on every back end: /metrics answers only to METRICS_TOKEN, its text parses, and its values
// move with what really happens: a bulletin approved, published, claimed, acknowledged, served; jobs run; requests
// answered; screens listening or silent; voice messages waiting for a recording; jobs waiting in each queue.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createBullmqQueue } from "../../src/queue/bullmq-queue.ts";
import { createInProcessQueue } from "../../src/queue/in-process-queue.ts";
import type { JobQueue } from "../../src/queue/job-queue.ts";
import { backends, deleteRedisPrefix } from "../helpers/backends.ts";
import { startPipeline, silentLogger, type TestPipeline } from "../helpers/pipeline.ts";
import { buildBulletin } from "../helpers/builders.ts";
import { parseScrape } from "../helpers/prometheus.ts";
import { readEvents } from "../helpers/sse.ts";

const metricsToken = "metrics-test-token-0123456789";
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000) => {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe.each(backends)("metrics on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { metricsToken });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const scrape = async () => {
    const response = await pipeline.app.request("/metrics", { headers: { authorization: `Bearer ${metricsToken}` } });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    return parseScrape(text);
  };
  const appWith = (overrides: { metricsToken?: string; queue?: JobQueue }) =>
    createApp({
      db: pipeline.db,
      queue: overrides.queue ?? pipeline.queue,
      clock: () => new Date(),
      logger: silentLogger,
      publicUrl: "http://bantin.test",
      metricsToken: overrides.metricsToken,
      checks: { database: async () => {}, queue: async () => {} },
    });

  it("is off without METRICS_TOKEN (404) and answers only to that token (401 otherwise)", async () => {
    const off = await appWith({}).request("/metrics", { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(off.status).toBe(404);
    expect(off.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", `Basic ${metricsToken}`, `Bearer ${metricsToken}x`]) {
      const refused = await pipeline.app.request("/metrics", { headers: authorization ? { authorization } : {} });
      expect(refused.status, authorization).toBe(401);
      expect(((await refused.json()) as any).type).toMatch(/unauthenticated$/);
    }
    // a user's token is not the metrics token either
    expect((await pipeline.request("GET", "/metrics", { token: pipeline.tokens.admin })).status).toBe(401);
    await scrape();
  });

  it("follows a bulletin from approval to publication and to its first hand-over on each channel", { timeout: 60_000 }, async () => {
    const before = await scrape();
    const id = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["sms", "display"] });
    // the last step marks its job done just after the bulletin is published
    const published = await until(scrape, (now) =>
      ["localize-bulletin", "format-bulletin"].every(
        (name) =>
          now.histogram("bantin_job_duration_seconds", { queue: "pipeline-urgent", name }).count >
          before.histogram("bantin_job_duration_seconds", { queue: "pipeline-urgent", name }).count,
      ),
    );
    expect(published.value("bantin_bulletins", { status: "published" })).toBe(before.value("bantin_bulletins", { status: "published" }) + 1);
    for (const channel of ["sms", "display"]) {
      const labels = { channel, urgency: "urgent" };
      expect(published.histogram("bantin_approve_to_published_seconds", labels).count).toBe(
        before.histogram("bantin_approve_to_published_seconds", labels).count + 1,
      );
    }
    expect(published.histogram("bantin_approve_to_published_seconds", { channel: "radio", urgency: "urgent" }).count).toBe(
      before.histogram("bantin_approve_to_published_seconds", { channel: "radio", urgency: "urgent" }).count,
    );
    // its jobs ran in the urgent queue, none in the routine one
    expect(published.histogram("bantin_job_duration_seconds", { queue: "pipeline", name: "format-bulletin" }).count).toBe(
      before.histogram("bantin_job_duration_seconds", { queue: "pipeline", name: "format-bulletin" }).count,
    );
    expect(published.value("bantin_outbox_jobs", { name: "format-bulletin", status: "done" })).toBeGreaterThan(0);

    // a partner claims it: its first SMS hand-over, and a batch claimed
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 100 } });
    expect(claim.status).toBe(201);
    const messages = claim.json.batch.messages as any[];
    expect(messages.some((message) => message.bulletinId === id)).toBe(true);
    const claimed = await scrape();
    // the first claim on this back end: every urgent bulletin in it is handed over for the first time
    const urgentInBatch = new Set(messages.filter((message) => message.urgency === "urgent" && message.kind === "sms").map((message) => message.bulletinId))
      .size;
    const sms = { channel: "sms", urgency: "urgent" };
    expect(claimed.histogram("bantin_approve_to_first_hand_over_seconds", sms).count).toBe(
      before.histogram("bantin_approve_to_first_hand_over_seconds", sms).count + urgentInBatch,
    );
    expect(claimed.value("bantin_batches_total", { state: "claimed" })).toBe(before.value("bantin_batches_total", { state: "claimed" }) + 1);
    expect(claimed.value("bantin_batches_total", { state: "acknowledged" })).toBe(before.value("bantin_batches_total", { state: "acknowledged" }));

    const ack = await pipeline.request("POST", `/partner/v1/batches/${claim.json.batch.id}/ack`, {
      token: pipeline.partnerToken("VinaTel"),
      body: { results: messages.map((message) => ({ messageId: message.id, status: "sent", submitted: 10, delivered: 9, failed: 1 })) },
    });
    expect(ack.status).toBe(200);
    const acknowledged = await scrape();
    expect(acknowledged.value("bantin_batches_total", { state: "acknowledged" })).toBe(claimed.value("bantin_batches_total", { state: "acknowledged" }) + 1);
    expect(acknowledged.value("bantin_batches_total", { state: "expired" })).toBe(claimed.value("bantin_batches_total", { state: "expired" }));

    // the Cầu Treo screen reads its feed: the first display hand-over, and the screen is no longer silent
    const screen = pipeline.credentials.screens.find((candidate) => candidate.name.startsWith("Cầu Treo"))!;
    const feed = await pipeline.request("GET", "/screen/v1/feed", { token: screen.token });
    expect(feed.json.items.some((item: any) => item.bulletinId === id)).toBe(true);
    const served = await scrape();
    const display = { channel: "display", urgency: "urgent" };
    expect(served.histogram("bantin_approve_to_first_hand_over_seconds", display).count).toBeGreaterThan(
      acknowledged.histogram("bantin_approve_to_first_hand_over_seconds", display).count,
    );
    expect(served.value("bantin_screens_silent")).toBe(acknowledged.value("bantin_screens_silent") - 1);
  });

  it("counts requests by route template and status, never by raw path", async () => {
    const id = randomUUID();
    await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor });
    await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor });
    await pipeline.request("GET", `/nothing/here/${id}`);
    const after = await scrape();
    const labels = { method: "GET", route: "/api/v1/bulletins/:id", status: "404" };
    expect(after.histogram("bantin_http_request_duration_seconds", labels).count).toBe(2);
    expect(after.histogram("bantin_http_request_duration_seconds", { method: "GET", route: "unmatched", status: "404" }).count).toBe(1);
    expect(
      after.histogram("bantin_http_request_duration_seconds", { method: "POST", route: "/api/v1/bulletins/:id/approve", status: "200" }).count,
    ).toBeGreaterThan(0);
    const routes = after.labelSets("bantin_http_request_duration_seconds").map((set) => set.route);
    expect(routes.filter((route) => route?.includes(id))).toEqual([]);
  });

  it("counts open event streams", async () => {
    const screen = pipeline.credentials.screens.find((candidate) => candidate.name.startsWith("Cầu Treo"))!;
    const before = (await scrape()).value("bantin_screen_event_streams");
    const response = await pipeline.app.request("/screen/v1/events", { headers: { authorization: `Bearer ${screen.token}` } });
    const events = readEvents(response);
    try {
      await events.next();
      // the stream counts once its first event is written
      await until(
        async () => (await scrape()).value("bantin_screen_event_streams"),
        (open) => open === before + 1,
      );
    } finally {
      await events.cancel();
    }
    await until(
      async () => (await scrape()).value("bantin_screen_event_streams"),
      (open) => open === before,
    );
  });

  it("counts the console's open delivery streams beside the screens'", async () => {
    const user = pipeline.credentials.users.find((candidate) => candidate.username === "reporter")!;
    const login = await pipeline.app.request("http://bantin.test/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://bantin.test", "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({ username: user.username, password: user.password, next: "/" }).toString(),
      redirect: "manual",
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const id = (await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin() })).json.id as string;
    const before = (await scrape()).value("bantin_console_event_streams");
    const events = readEvents(await pipeline.app.request(`/bulletins/${id}/delivery/events`, { headers: { cookie } }));
    try {
      await events.next();
      await until(
        async () => (await scrape()).value("bantin_console_event_streams"),
        (open) => open === before + 1,
      );
    } finally {
      await events.cancel();
    }
    await until(
      async () => (await scrape()).value("bantin_console_event_streams"),
      (open) => open === before,
    );
  });

  it("counts voice messages that wait for a recording, per language", { timeout: 60_000 }, async () => {
    const before = await scrape();
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: {
        sourceLanguage: "vi",
        channels: ["voice"],
        urgency: "priority",
        validUntil: inHours(24),
        template: { name: "gate-closure", fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01T18:00:00+07:00", reason: "flooding" } },
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor });
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver })).status).toBe(200);
    await pipeline.waitForStatus(id, "published");
    const voice = await until(
      async () => (await pipeline.request("GET", `/api/v1/bulletins/${id}/voice`, { token: pipeline.tokens.editor })).json.items as any[],
      (items) => items.length > 0 && items.every((item) => item.status !== "synthesizing"),
    );
    const after = await scrape();
    // no engine speaks Lao here: the lo message always waits for a recording (vi and en too where espeak-ng is missing)
    expect(voice.find((item) => item.language === "lo")?.status).toBe("needs_recording");
    for (const item of voice) {
      const waiting = item.status === "needs_recording" ? 1 : 0;
      const labels = { language: item.language as string };
      expect(after.value("bantin_voice_messages_needing_recording", labels)).toBe(before.value("bantin_voice_messages_needing_recording", labels) + waiting);
    }
    // withdrawn, it no longer waits for anyone
    const withdrawn = await pipeline.request("POST", `/api/v1/bulletins/${id}/withdraw`, {
      token: pipeline.tokens.approver,
      body: { reason: "issued in error" },
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect((await scrape()).value("bantin_voice_messages_needing_recording", { language: "lo" })).toBe(
      before.value("bantin_voice_messages_needing_recording", { language: "lo" }),
    );
  });

  it("shows what each queue holds: waiting, then running", async () => {
    // a queue of its own, so the pipeline's workers do not take these jobs
    const prefix = `bt_depth_${randomUUID().slice(0, 8)}`;
    const queue = pipeline.instance.redisUrl ? createBullmqQueue({ url: pipeline.instance.redisUrl, prefix }) : createInProcessQueue();
    const app = appWith({ metricsToken, queue });
    const depth = async () => {
      const response = await app.request("/metrics", { headers: { authorization: `Bearer ${metricsToken}` } });
      const scraped = parseScrape(await response.text());
      const of = (queueName: string) => {
        const state = (name: string) => scraped.value("bantin_queue_depth", { queue: queueName, state: name });
        return { waiting: state("waiting"), active: state("active"), delayed: state("delayed") };
      };
      return { routine: of("pipeline"), urgent: of("pipeline-urgent") };
    };
    try {
      expect(await depth()).toEqual({ routine: { waiting: 0, active: 0, delayed: 0 }, urgent: { waiting: 0, active: 0, delayed: 0 } });
      const urgentJob = { id: randomUUID(), name: "localize-bulletin", priority: 1 };
      await queue.add([urgentJob, { id: randomUUID(), name: "localize-bulletin", priority: 3 }, { id: randomUUID(), name: "format-bulletin", priority: 3 }]);
      await until(depth, (now) => now.routine.waiting === 2 && now.urgent.waiting === 1);
      // each job runs until the test lets it finish
      const holds = new Map<string, () => void>();
      const release = (id: string) => holds.get(id)?.();
      queue.process((job) => new Promise<void>((resolve) => holds.set(job.id, resolve)), { concurrency: 4 });
      // routine work waits for urgent work (in-process: it does not start; BullMQ: it is taken and waits at its first step)
      await until(depth, (now) => now.urgent.active === 1 && now.urgent.waiting === 0 && now.routine.active + now.routine.waiting === 2);
      release(urgentJob.id);
      await until(depth, (now) => now.urgent.active === 0 && now.routine.active === 2 && now.routine.waiting === 0);
      await until(
        async () => holds.size,
        (size) => size === 3,
      );
      for (const id of holds.keys()) release(id);
      await until(depth, (now) => now.routine.active === 0 && now.routine.waiting === 0);
    } finally {
      await queue.close(1_000);
      if (pipeline.instance.redisUrl) await deleteRedisPrefix(pipeline.instance.redisUrl, prefix);
    }
  });
});
