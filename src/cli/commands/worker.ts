import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import { fail } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";

export const worker = defineCommand({
  synopsis: "bantin worker",
  about: [
    "Runs the job workers (WORKER_CONCURRENCY routine jobs at once) until SIGTERM, beside `bantin serve` on a shared",
    "PostgreSQL and Redis: DATABASE_URL and REDIS_URL must be set. Embedded mode has no separate workers: use `bantin start`.",
  ].join("\n"),
  options: {},
  run: async () => {
    const config = loadConfig();
    if (!config.redisUrl || !config.databaseUrl) {
      fail("`bantin worker` runs beside `bantin serve` on a shared PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (embedded mode: use `bantin start`)");
    }
    // loaded when it runs, so that --help answers at once
    const [{ openRuntime, shutdownOnSignal }, { startWorkers }] = await Promise.all([import("../../runtime.ts"), import("../start-workers.ts")]);
    const logger = createLogger(config.logLevel);
    const runtime = await openRuntime(config, logger);
    await runtime.database.migrate();
    const worker = startWorkers(runtime);
    shutdownOnSignal(runtime, { worker });
    logger.info({ concurrency: config.workerConcurrency }, "worker running");
  },
});
