import type { MachineTranslator } from "../localize/machine-translation.ts";
import { createMachineTranslator, createSpeech, type Runtime } from "../runtime.ts";
import { startWorker, type WorkerRuntime } from "../../workers/main.ts";

/** The job workers for this process, configured from the runtime's configuration. */
export const startWorkers = (runtime: Runtime, options: { machineTranslator?: MachineTranslator } = {}): WorkerRuntime =>
  startWorker({
    db: runtime.database.db,
    queue: runtime.queue,
    logger: runtime.logger,
    concurrency: runtime.config.workerConcurrency,
    releaseBuffersAboveMb: runtime.config.workerReleaseBuffersMb,
    reconcileIntervalMs: runtime.config.reconcileIntervalMs,
    speech: createSpeech(runtime.config),
    machineTranslator: options.machineTranslator ?? createMachineTranslator(runtime),
  });
