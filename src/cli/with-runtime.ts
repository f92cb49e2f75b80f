import { loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import type { Runtime } from "../runtime.ts";

/** Opens the database and queue for a one-off command (quiet logs), applies the migrations, runs `work`, closes. */
export const withRuntime = async <T>(work: (runtime: Runtime) => Promise<T>) => {
  // loaded when the command runs: its --help and usage errors answer without the drivers, the queue and the app
  const { openRuntime } = await import("../runtime.ts");
  const config = loadConfig();
  const runtime = await openRuntime(config, createLogger(config.logLevel === "info" ? "warn" : config.logLevel));
  try {
    await runtime.database.migrate();
    return await work(runtime);
  } finally {
    await runtime.queue.close(1_000);
    await runtime.database.close();
  }
};
