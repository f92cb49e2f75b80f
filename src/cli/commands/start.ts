import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../../config.ts";
import { isFreshDatabase } from "../../db/queries/users.ts";
import type { DemoCredentials } from "../../demo/seed-demo.ts";
import { createLogger } from "../../logger.ts";
import { defineCommand } from "../define-command.ts";

export const start = defineCommand({
  synopsis: "bantin start",
  about: [
    "Migrates the database, seeds the demo (with months of history for reports) into an empty one, then serves the API and runs the workers in this",
    "process. Embedded (DATABASE_URL unset), the demo credentials are kept in BANTIN_DATA_DIR/demo-credentials.json",
    "and printed at every start. The URL printed is PUBLIC_URL, else http://HOST:PORT.",
  ].join("\n"),
  options: {},
  run: async () => {
    // loaded when it runs, so that --help answers at once
    const [{ openRuntime }, { seedDemo }, { seedDemoBulletins }, { seedDemoHistory, describeDemoHistory }, { serveAndWork }] = await Promise.all([
      import("../../runtime.ts"),
      import("../../demo/seed-demo.ts"),
      import("../../demo/demo-bulletins.ts"),
      import("../../demo/demo-history.ts"),
      import("../serve-and-work.ts"),
    ]);
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    const runtime = await openRuntime(config, logger);
    await runtime.database.migrate();
    const credentialsFile = path.join(config.dataDir, "demo-credentials.json");
    let credentials: DemoCredentials | undefined;
    if (await isFreshDatabase(runtime.database.db)) {
      const now = new Date();
      credentials = await seedDemo(runtime.database.db, now);
      // months of past bulletins and deliveries, so that every section of a report has figures
      console.log(describeDemoHistory(await seedDemoHistory(runtime.database.db, credentials, now)));
      await seedDemoBulletins({ db: runtime.database.db, queue: runtime.queue, clock: () => new Date(), logger }, credentials);
      if (runtime.database.kind === "pglite") writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    } else if (existsSync(credentialsFile)) {
      credentials = JSON.parse(readFileSync(credentialsFile, "utf8")) as DemoCredentials;
    }
    await serveAndWork(runtime, { workers: true, credentials });
  },
});
