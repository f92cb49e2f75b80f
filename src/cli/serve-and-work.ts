import type { DemoCredentials } from "../demo/seed-demo.ts";
import { createMachineTranslator, shutdownOnSignal, startServer, type Runtime } from "../runtime.ts";
import { printCredentials } from "./cli-helpers.ts";
import { startWorkers } from "./start-workers.ts";

/** Serves the API (and runs the workers when asked) until SIGTERM or SIGINT; prints the URL it answers at. */
export const serveAndWork = async (runtime: Runtime, options: { workers: boolean; credentials?: DemoCredentials }) => {
  const { config, logger } = runtime;
  // with the demo data loaded (and MT_URL unset), the offline demo phrasebook proposes translations, labelled as such
  const machineTranslator = createMachineTranslator(runtime, { demoData: Boolean(options.credentials) });
  if (machineTranslator && !config.mtUrl)
    logger.info(
      { machineTranslation: machineTranslator.name },
      "machine translation: the offline demo phrasebook (demo data, MT_URL unset), not machine translation",
    );
  const server = await startServer(runtime, { machineTranslator });
  const worker = options.workers ? startWorkers(runtime, { machineTranslator }) : undefined;
  shutdownOnSignal(runtime, { server, worker });
  logger.info({ url: config.publicUrl, workers: worker ? config.workerConcurrency : 0 }, "listening");
  if (options.credentials) printCredentials(options.credentials, config.publicUrl, { running: true });
  else console.log(`bantin is running: ${config.publicUrl} (console: ${config.publicUrl}/, API docs: ${config.publicUrl}/api/docs)`);
};
