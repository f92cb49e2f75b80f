import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import { defineCommand } from "../define-command.ts";

export const serve = defineCommand({
  synopsis: "bantin serve",
  about: [
    "Serves the HTTP API on HOST:PORT until SIGTERM. With REDIS_URL unset the queue lives in this process, so the",
    "workers run here too; embedded (DATABASE_URL unset) it applies the migrations first. Run it directly with",
    "`node src/bin.mjs serve` in production, so that SIGTERM reaches it.",
  ].join("\n"),
  options: {},
  run: async () => {
    // loaded when it runs, so that --help answers at once
    const [{ openRuntime }, { serveAndWork }] = await Promise.all([import("../../runtime.ts"), import("../serve-and-work.ts")]);
    const config = loadConfig();
    const runtime = await openRuntime(config, createLogger(config.logLevel));
    if (runtime.database.kind === "pglite") await runtime.database.migrate();
    // the in-process queue lives in this process, so its workers must too
    await serveAndWork(runtime, { workers: runtime.queue.kind === "in-process" });
  },
});
