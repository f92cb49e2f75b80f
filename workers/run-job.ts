// Runs one queued job: re-reads its outbox row, re-parses the payload, calls the processor, marks it done.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../src/db/client.ts";
import { jobs } from "../src/db/schema/index.ts";
import type { MachineTranslator } from "../src/localize/machine-translation.ts";
import type { SpeechEngine } from "../src/channels/voice/speech-engine.ts";
import type { Logger } from "../src/logger.ts";
import { retryPolicy, UnrecoverableJobError, type JobControl, type JobQueue, type QueuedJob } from "../src/queue/job-queue.ts";
import { isJobName, jobDefinitions, type JobName, type JobPayload } from "../src/queue/jobs.ts";

export type ProcessorDeps = {
  db: Db;
  queue: JobQueue;
  clock: () => Date;
  logger: Logger;
  machineTranslator?: MachineTranslator;
  /** speaks voice messages; absent: every voice message needs recording */
  speech?: SpeechEngine;
  /** routine work calls this between its steps: it waits there while urgent work runs (see JobControl) */
  yieldToUrgent?: () => Promise<void>;
  /** runs a recorded job here and now, skipping the queue (urgent work's next step) */
  runNow?: (job: QueuedJob) => Promise<ProcessorResult>;
};
/** "done" when the work was done now, "skipped" when there was nothing (left) to do. */
export type ProcessorResult = "done" | "skipped";
export type Processor<Name extends JobName> = (deps: ProcessorDeps, payload: JobPayload<Name>) => Promise<ProcessorResult>;
export type Processors = { [Name in JobName]: Processor<Name> };

export const runJob = async (deps: ProcessorDeps, processors: Processors, job: QueuedJob, control?: JobControl): Promise<ProcessorResult> => {
  const [row] = await deps.db.select().from(jobs).where(eq(jobs.id, job.id));
  if (!row || row.status !== "pending") return "skipped";
  const name = row.name;
  const parsed = isJobName(name) ? jobDefinitions[name].safeParse(row.payload) : undefined;
  if (!isJobName(name) || !parsed?.success) {
    await deps.db
      .update(jobs)
      .set({ status: "failed", lastError: `invalid job ${name}: ${parsed?.error?.message ?? "unknown name"}`, finishedAt: deps.clock() })
      .where(eq(jobs.id, job.id));
    throw new UnrecoverableJobError(`invalid job ${name} ${job.id}`);
  }
  try {
    const processor = processors[name] as Processor<typeof name>;
    await control?.yieldToUrgent();
    const result = await processor(control ? { ...deps, yieldToUrgent: control.yieldToUrgent } : deps, parsed.data);
    await deps.db.update(jobs).set({ status: "done", finishedAt: deps.clock() }).where(eq(jobs.id, job.id));
    deps.logger.debug({ job: job.id, name, result }, "job finished");
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.db
      .update(jobs)
      .set({
        attempts: sql`${jobs.attempts} + 1`,
        lastError: message.slice(0, 2_000),
        status: sql`case when ${jobs.attempts} + 1 >= ${retryPolicy.attempts} then 'failed' else 'pending' end`,
      })
      .where(eq(jobs.id, job.id))
      .catch(() => {});
    deps.logger.warn({ job: job.id, name, err: error }, "job failed");
    throw error;
  }
};
