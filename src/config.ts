// The only reader of process.env: one schema, parsed once, frozen.
import { z } from "zod";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { languages, type Language } from "./domain/index.ts";
import type { ReportCutoff } from "./domain/reports.ts";

/** routine jobs per worker process unless WORKER_CONCURRENCY says otherwise */
export const defaultWorkerConcurrency = 1;

/** the settings shipped with bantin, found beside the code whatever the working directory */
export const defaultReportSettingsFile = fileURLToPath(new URL("../infra/report-settings.json", import.meta.url));

/** "15/6,15/12": the reporting cut-off days (day/month), each a day every year has (no 29/2), in any order. */
const ReportCutoffsSchema = z
  .string()
  .regex(/^\d{1,2}\/\d{1,2}(,\d{1,2}\/\d{1,2})*$/, "must be day/month pairs, e.g. 15/6,15/12")
  .transform((value, ctx): ReportCutoff[] => {
    const daysIn = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const cutoffs = value.split(",").map((pair) => {
      const [day, month] = pair.split("/").map(Number) as [number, number];
      return { day, month };
    });
    for (const { day, month } of cutoffs) {
      if (month < 1 || month > 12 || day < 1 || day > daysIn[month - 1]!)
        ctx.addIssue({ code: "custom", message: `${day}/${month} is not a day every year has` });
    }
    const sorted = cutoffs.sort((a, b) => a.month - b.month || a.day - b.day);
    if (sorted.some((cutoff, i) => i > 0 && cutoff.month === sorted[i - 1]!.month && cutoff.day === sorted[i - 1]!.day))
      ctx.addIssue({ code: "custom", message: "a cut-off day appears twice" });
    return sorted;
  });

const LogLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    BANTIN_DATA_DIR: z.string().min(1).default(".data"),
    // a database that does not answer is a 503 within about a second, not a request that hangs (docs/operations.md)
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(1_000),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    // who issues, signs and receives the report documents (src/delivery/reports/formats/report-settings.ts)
    REPORT_SETTINGS_FILE: z.string().min(1).default(defaultReportSettingsFile),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional(),
    LOG_LEVEL: LogLevelSchema.default("info"),
    PUBLIC_URL: z.url({ message: "must be an absolute URL" }).optional(),
    // routine jobs per worker process; one is enough to keep a core busy, and every further one is work an urgent
    // job competes with (docs/performance.md): scale out with worker processes
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(defaultWorkerConcurrency),
    // between jobs, with none running, a full garbage collection when the process holds more buffers than this
    // (speech, WAVs, slide blocks wait for one otherwise); 0: leave it to V8 (docs/performance.md)
    WORKER_RELEASE_BUFFERS_MB: z.coerce.number().int().min(0).default(16),
    // how long adding a job to Redis may take before the request goes on without it (the outbox keeps it)
    QUEUE_TIMEOUT_MS: z.coerce.number().int().min(50).default(1_000),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/i)
      .default("bantin"),
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
    // how long a worker holds a job before another may take it over (a killed worker's jobs wait this long)
    JOB_LOCK_MS: z.coerce.number().int().min(1_000).default(15_000),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    // machine translation (LibreTranslate API): unset means no machine proposals (but `bantin start` with the demo
    // data uses the offline demo phrasebook, labelled as such); "demo" asks for that demo translator anywhere
    MT_URL: z.union([z.literal("demo"), z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL, or demo" })]).optional(),
    MT_API_KEY: z.string().min(1).optional(),
    MT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    // speech: espeak-ng when installed (ESPEAK_NG names the binary; "off" disables it), and a cloud service
    // shaped like Azure's text-to-speech REST API when TTS_URL is set (tried first, for the languages it has voices for)
    ESPEAK_NG: z.string().min(1).default("espeak-ng"),
    TTS_URL: z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" }).optional(),
    TTS_KEY: z.string().min(1).optional(),
    TTS_VOICES: z
      .string()
      .regex(
        new RegExp(`^(${languages.join("|")}):[\\w-]+(,(${languages.join("|")}):[\\w-]+)*$`),
        "must be language:voice pairs, e.g. lo:lo-LA-KeomanyNeural,km:km-KH-SreymomNeural",
      )
      .optional(),
    TTS_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
    // Prometheus scrapes /metrics with this bearer token; unset, /metrics is off (404)
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").regex(/^\S+$/, "must not contain spaces").optional(),
    // sign-in throttling (counted in Redis with REDIS_URL, else in PostgreSQL with DATABASE_URL, else in memory)
    LOGIN_USERNAME_FREE_FAILURES: z.coerce.number().int().min(1).max(1_000).default(5),
    LOGIN_ADDRESS_FREE_FAILURES: z.coerce.number().int().min(1).max(100_000).default(50),
    LOGIN_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(3_600).default(1),
    LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    // how many reverse proxies of ours stand in front: X-Forwarded-For is read (from the right) only when > 0
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    // the reporting cut-off days: the half-year and annual report periods end the day before them
    REPORT_CUTOFFS: ReportCutoffsSchema.default([
      { day: 15, month: 6 },
      { day: 15, month: 12 },
    ]),
  })
  .transform((env) => ({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.BANTIN_DATA_DIR),
    databaseConnectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    databaseStatementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    reportSettingsFile: path.resolve(env.REPORT_SETTINGS_FILE),
    redisUrl: env.REDIS_URL,
    queueTimeoutMs: env.QUEUE_TIMEOUT_MS,
    logLevel: env.LOG_LEVEL,
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`).replace(/\/$/, ""),
    workerConcurrency: env.WORKER_CONCURRENCY,
    workerReleaseBuffersMb: env.WORKER_RELEASE_BUFFERS_MB,
    queuePrefix: env.QUEUE_PREFIX,
    reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
    jobLockMs: env.JOB_LOCK_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    mtUrl: env.MT_URL?.replace(/\/+$/, ""),
    mtApiKey: env.MT_API_KEY,
    mtTimeoutMs: env.MT_TIMEOUT_MS,
    espeakNg: env.ESPEAK_NG === "off" ? undefined : env.ESPEAK_NG,
    ttsUrl: env.TTS_URL,
    ttsKey: env.TTS_KEY,
    ttsVoices: env.TTS_VOICES
      ? (Object.fromEntries(env.TTS_VOICES.split(",").map((pair) => pair.split(":") as [string, string])) as Partial<Record<Language, string>>)
      : undefined,
    ttsTimeoutMs: env.TTS_TIMEOUT_MS,
    metricsToken: env.METRICS_TOKEN,
    login: {
      usernameFreeFailures: env.LOGIN_USERNAME_FREE_FAILURES,
      addressFreeFailures: env.LOGIN_ADDRESS_FREE_FAILURES,
      backoffSeconds: env.LOGIN_BACKOFF_SECONDS,
      backoffMaxSeconds: Math.max(env.LOGIN_BACKOFF_MAX_SECONDS, env.LOGIN_BACKOFF_SECONDS),
      windowSeconds: env.LOGIN_WINDOW_SECONDS,
    },
    trustProxy: env.TRUST_PROXY,
    reportCutoffs: env.REPORT_CUTOFFS,
  }));

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/** Parses an environment; throws ConfigError listing every problem. Empty strings count as unset. */
export const parseConfig = (env: Record<string, string | undefined>): Config => {
  const relevant = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = ConfigSchema.safeParse(relevant);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "env"}: ${issue.message}`));
  }
  return Object.freeze(result.data);
};

let loaded: Config | undefined;

/** The process configuration; on bad config prints every problem and exits 1. */
export const loadConfig = (): Config => {
  if (loaded) return loaded;
  try {
    loaded = parseConfig(process.env);
    return loaded;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`bantin: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
};
