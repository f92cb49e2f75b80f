// A running bantin for tests: a back end, the app, the workers and the demo data, with helpers to call it.
import type { Db } from "../../src/db/client.ts";
import { consoleListVersionDeps } from "../../src/db/queries/console-list-version.ts";
import { createApp } from "../../src/app.ts";
import { createFeedEvents } from "../../src/http/screen/feed-events.ts";
import { createDeliveryEvents } from "../../src/http/console/delivery-events.ts";
import { seedDemo, type DemoCredentials } from "../../src/demo/seed-demo.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import type { MachineTranslator } from "../../src/localize/machine-translation.ts";
import { createEspeakNg, type SpeechEngine } from "../../src/channels/voice/index.ts";
import type { JobQueue } from "../../src/queue/job-queue.ts";
import { startWorker, type WorkerRuntime } from "../../workers/main.ts";
import type { Backend, BackendInstance } from "./backends.ts";

export type TestPipeline = Awaited<ReturnType<typeof startPipeline>>;

export const silentLogger = createLogger("silent");

export const startPipeline = async (
  backend: Backend,
  options: {
    workers?: boolean;
    clock?: () => Date;
    /** for the workers and the app's previews; a function gets the suite's database (the demo translator reads it) */
    machineTranslator?: MachineTranslator | ((db: Db) => MachineTranslator);
    speech?: SpeechEngine;
    /** the workers' voice MP3 encoder (a test holds it back); absent: the real one */
    encodeMp3?: (pcm: Int16Array) => Promise<Buffer>;
    /** the app's logger (the workers stay silent) */
    logger?: Logger;
    /** the token /metrics answers to; absent, /metrics is off */
    metricsToken?: string;
  } = {},
) => {
  const instance: BackendInstance = await backend.open();
  const clock = options.clock ?? (() => new Date());
  const queue: JobQueue = instance.newQueue();
  const db = instance.database.db;
  const credentials: DemoCredentials = await seedDemo(db, clock());
  const machineTranslator = typeof options.machineTranslator === "function" ? options.machineTranslator(db) : options.machineTranslator;
  const feedEvents = await createFeedEvents({ db, clock, logger: silentLogger, listen: instance.database.listen, refreshMs: 1_000 });
  const deliveryEvents = await createDeliveryEvents({ db, clock, logger: silentLogger, listen: instance.database.listen, pingMs: 1_000 });
  const app = createApp({
    feedEvents,
    deliveryEvents,
    db,
    queue,
    clock,
    logger: options.logger ?? silentLogger,
    publicUrl: "http://bantin.test",
    metricsToken: options.metricsToken,
    ...(machineTranslator ? { machineTranslator } : {}),
    // as bantin runs: on embedded PGlite the console list's version is kept from notifications (src/runtime.ts)
    ...(await consoleListVersionDeps(instance.database)),
    checks: { database: instance.database.ping, queue: queue.ping },
  });
  let worker: WorkerRuntime | undefined =
    options.workers === false
      ? undefined
      : startWorker({
          db,
          queue,
          logger: silentLogger,
          clock,
          concurrency: 4,
          reconcileIntervalMs: 60_000,
          machineTranslator,
          speech: options.speech ?? createEspeakNg(),
          encodeMp3: options.encodeMp3,
        });

  const request = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  };

  const tokens: Record<string, string> = {};
  for (const user of credentials.users) {
    const response = await request("POST", "/api/v1/auth/login", { body: { username: user.username, password: user.password } });
    tokens[user.username] = response.json.token;
  }
  const partnerToken = (name: string) => credentials.partners.find((partner) => partner.name === name)!.token;

  /** Waits until the bulletin reaches `status` (the workers run in the background). */
  const waitForStatus = async (id: string, status: string, timeoutMs = 20_000) => {
    const started = Date.now();
    for (;;) {
      const response = await request("GET", `/api/v1/bulletins/${id}`, { token: tokens.editor });
      if (response.json?.status === status) return response.json;
      if (Date.now() - started > timeoutMs) throw new Error(`bulletin ${id} is ${response.json?.status}, not ${status}, after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  /** Drives a bulletin through the editors' side: create, texts, translator approval, submit, approve. */
  const approveNew = async (input: Record<string, any>, texts: Record<string, { headline: string; summary: string; body: string }> = {}) => {
    const created = await request("POST", "/api/v1/bulletins", { token: tokens.editor, body: input });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
    const id = created.json.id as string;
    for (const [language, text] of Object.entries(texts)) {
      const put = await request("PUT", `/api/v1/bulletins/${id}/texts/${language}`, { token: tokens.translator, body: text });
      if (put.status !== 200) throw new Error(`text ${language}: ${put.status} ${put.text}`);
      const approved = await request("POST", `/api/v1/bulletins/${id}/texts/${language}/approve`, { token: tokens.translator });
      if (approved.status !== 200) throw new Error(`approve text ${language}: ${approved.status} ${approved.text}`);
    }
    const submitted = await request("POST", `/api/v1/bulletins/${id}/submit`, { token: tokens.editor });
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
    const approved = await request("POST", `/api/v1/bulletins/${id}/approve`, { token: tokens.approver });
    if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${approved.text}`);
    return id;
  };

  /** Publishes a gate closure made from the template (every language rendered, no translator) and waits for it. */
  const publishGateClosure = async (options: { gate: string; urgency: string; channels: string[]; validUntil?: string }) => {
    const created = await request("POST", "/api/v1/bulletins", {
      token: tokens.editor,
      body: {
        sourceLanguage: "vi",
        channels: options.channels,
        urgency: options.urgency,
        validUntil: options.validUntil ?? new Date(Date.now() + 48 * 3_600_000).toISOString(),
        template: { name: "gate-closure", fields: { gate: options.gate, from: "2026-12-01T18:00:00+07:00", reason: "flooding" } },
      },
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
    const id = created.json.id as string;
    const submitted = await request("POST", `/api/v1/bulletins/${id}/submit`, { token: tokens.editor });
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
    const approved = await request("POST", `/api/v1/bulletins/${id}/approve`, { token: tokens.approver });
    if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${approved.text}`);
    await waitForStatus(id, "published");
    return id;
  };

  return {
    approveNew,
    publishGateClosure,
    instance,
    db,
    queue,
    app,
    credentials,
    tokens,
    partnerToken,
    request,
    waitForStatus,
    get worker() {
      return worker;
    },
    stopWorker: async () => {
      await worker?.stop(2_000);
      worker = undefined;
    },
    feedEvents,
    deliveryEvents,
    close: async () => {
      await feedEvents.close();
      await deliveryEvents.close();
      if (worker) await worker.stop(2_000);
      else await queue.close(1_000);
      await instance.cleanup();
    },
  };
};
