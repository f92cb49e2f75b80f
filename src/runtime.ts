// Wires a process: database, queue, app server; and shuts them down in order (with the workers the entry started).
import { serve, type ServerType } from "@hono/node-server";
import { Redis } from "ioredis";
import { createLoginThrottle, memoryLimiter, redisLimiter, withMemoryInsurance, type MakeLimiter } from "./access/login-throttle.ts";
import { databaseRateLimiter } from "./db/queries/rate-limits.ts";
import { consoleListVersionDeps } from "./db/queries/console-list-version.ts";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/client.ts";
import type { Logger } from "./logger.ts";
import { createBullmqQueue } from "./queue/bullmq-queue.ts";
import { createInProcessQueue } from "./queue/in-process-queue.ts";
import type { JobQueue } from "./queue/job-queue.ts";
import { createFeedEvents, type FeedEvents } from "./http/screen/feed-events.ts";
import { createDemoTranslator } from "./localize/demo-translator.ts";
import { createLibreTranslate, type MachineTranslator } from "./localize/machine-translation.ts";
import { createDeliveryEvents, type DeliveryEvents } from "./http/console/delivery-events.ts";
import { createCloudSpeech, createEspeakNg, defaultCloudVoices, speakWith, type SpeechEngine } from "./channels/voice/index.ts";

/** The speech engines the configuration asks for, in the order they are tried: the cloud service, then espeak-ng. */
export const createSpeech = (config: Config): SpeechEngine =>
  speakWith([
    ...(config.ttsUrl
      ? [createCloudSpeech({ url: config.ttsUrl, apiKey: config.ttsKey, voices: config.ttsVoices ?? defaultCloudVoices, timeoutMs: config.ttsTimeoutMs })]
      : []),
    ...(config.espeakNg ? [createEspeakNg({ binary: config.espeakNg })] : []),
  ]);

/** The machine-translation provider the configuration names (MT_URL), or none: drafts and translators' proposals. */
export type Runtime = { database: Database; queue: JobQueue; config: Config; logger: Logger };

/** The machine translator the configuration asks for: LibreTranslate at MT_URL; the offline demo phrasebook with
 *  MT_URL=demo, or with MT_URL unset when the demo data is loaded (`bantin start`); else none. */
export const createMachineTranslator = (runtime: Runtime, options: { demoData?: boolean } = {}): MachineTranslator | undefined => {
  const { config } = runtime;
  if (config.mtUrl === "demo" || (!config.mtUrl && options.demoData)) return createDemoTranslator({ db: runtime.database.db });
  return config.mtUrl ? createLibreTranslate({ url: config.mtUrl, apiKey: config.mtApiKey, timeoutMs: config.mtTimeoutMs }) : undefined;
};

export const openRuntime = async (config: Config, logger: Logger): Promise<Runtime> => {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
  const queue = config.redisUrl
    ? createBullmqQueue({
        url: config.redisUrl,
        prefix: config.queuePrefix,
        lockMs: config.jobLockMs,
        timeoutMs: config.queueTimeoutMs,
        onError: (error) => logger.warn({ err: error }, "redis error"),
      })
    : createInProcessQueue({ onError: (job, error) => logger.warn({ job: job.id, err: error }, "job attempt failed") });
  const machineTranslation =
    config.mtUrl === "demo"
      ? "the offline demo phrasebook (MT_URL=demo)"
      : config.mtUrl
        ? `LibreTranslate at ${new URL(config.mtUrl).origin}`
        : "off (MT_URL unset)";
  const speech =
    [config.ttsUrl ? `cloud at ${new URL(config.ttsUrl).origin}` : "", config.espeakNg ? config.espeakNg : ""].filter(Boolean).join(", then ") || "none";
  logger.info(
    { database: database.description, queue: queue.description, machineTranslation, speech },
    `database: ${database.description}; queue: ${queue.description}; machine translation: ${machineTranslation}; speech: ${speech}`,
  );
  return { database, queue, config, logger };
};

export type Server = { http: ServerType; feedEvents: FeedEvents; deliveryEvents: DeliveryEvents; close: () => void };

/** Where sign-in failures are counted: Redis when there is one, else PostgreSQL (every API process sees the same
 *  counts), else this process's memory (embedded mode: one process). A shared store that fails falls back to memory. */
const loginLimiterStore = (runtime: Runtime): { make: MakeLimiter; close: () => void } => {
  if (runtime.config.redisUrl) {
    // fail fast while Redis is away (the memory insurance answers) instead of queueing commands
    const redis = new Redis(runtime.config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on("error", (error) => runtime.logger.debug({ err: error }, "sign-in throttle: redis error"));
    // under QUEUE_PREFIX, like the queues
    return { make: redisLimiter(redis, runtime.config.queuePrefix), close: () => redis.disconnect() };
  }
  if (runtime.config.databaseUrl) return { make: withMemoryInsurance((options) => databaseRateLimiter(runtime.database.db, options)), close: () => {} };
  return { make: memoryLimiter, close: () => {} };
};

export const startServer = async (runtime: Runtime, options: { machineTranslator?: MachineTranslator } = {}): Promise<Server> => {
  const clock = () => new Date();
  const feedEvents = await createFeedEvents({ db: runtime.database.db, clock, logger: runtime.logger, listen: runtime.database.listen });
  const deliveryEvents = await createDeliveryEvents({ db: runtime.database.db, clock, logger: runtime.logger, listen: runtime.database.listen });
  const limiterStore = loginLimiterStore(runtime);
  const app = createApp({
    loginThrottle: createLoginThrottle(runtime.config.login, limiterStore.make),
    trustProxy: runtime.config.trustProxy,
    db: runtime.database.db,
    queue: runtime.queue,
    clock,
    logger: runtime.logger,
    publicUrl: runtime.config.publicUrl,
    metricsToken: runtime.config.metricsToken,
    machineTranslator: options.machineTranslator ?? createMachineTranslator(runtime),
    reportCutoffs: runtime.config.reportCutoffs,
    reportSettingsFile: runtime.config.reportSettingsFile,
    feedEvents,
    deliveryEvents,
    ...(await consoleListVersionDeps(runtime.database)),
    checks: { database: runtime.database.ping, queue: runtime.queue.ping },
  });
  const http = await new Promise<ServerType>((resolve) => {
    const server = serve({ fetch: app.fetch, port: runtime.config.port, hostname: runtime.config.host }, () => resolve(server));
  });
  return { http, feedEvents, deliveryEvents, close: limiterStore.close };
};

/** On SIGTERM or SIGINT: stop accepting requests, finish or hand back running jobs, close the queue and the database. */
export const shutdownOnSignal = (runtime: Runtime, parts: { server?: Server; worker?: { stop: (timeoutMs?: number) => Promise<void> } }) => {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, "shutting down");
    const deadline = setTimeout(() => {
      runtime.logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, runtime.config.shutdownTimeoutMs + 5_000);
    deadline.unref();
    try {
      if (parts.server) {
        const server = parts.server;
        // event streams stay open until told to end: end them (new ones are refused from now on), stop accepting
        // connections, drop idle kept-alive ones, and give requests in flight a moment before cutting the rest
        await server.feedEvents.close();
        await server.deliveryEvents.close();
        const http = server.http as import("node:http").Server;
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections?.();
        const cut = setTimeout(() => http.closeAllConnections?.(), 2_000);
        await closed;
        clearTimeout(cut);
        server.close();
      }
      if (parts.worker) await parts.worker.stop(runtime.config.shutdownTimeoutMs);
      else await runtime.queue.close(runtime.config.shutdownTimeoutMs);
      await runtime.database.close();
      runtime.logger.info("stopped");
      process.exit(0);
    } catch (error) {
      runtime.logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
};
