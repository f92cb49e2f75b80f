// Runs one queued job: re-reads its outbox row, re-parses the payload, calls the processor, marks it done. A failure
// is never swallowed: it is counted on the outbox row with its error, logged, and thrown, so the queue retries it
// with backoff (the row is failed once the attempts are spent).
import type { Db } from "../src/db/client.ts";
import { getJob, markJobDone, markJobInvalid, recordJobAttemptFailed } from "../src/db/queries/jobs.ts";
import type { MachineTranslator } from "../src/localize/machine-translation.ts";
import type { SpeechEngine } from "../src/channels/voice/speech-engine.ts";
import type { Logger } from "../src/logger.ts";
import { retryPolicy, UnrecoverableJobError, type JobControl, type JobQueue, type QueuedJob } from "../src/queue/job-queue.ts";
import { isJobName, jobDefinitions, type JobName, type JobPayload } from "../src/queue/jobs.ts";
import type { StepOutcome } from "../src/queue/outbox.ts";

export type ProcessorDeps = {
  db: Db;
  queue: JobQueue;
  clock: () => Date;
  logger: Logger;
  machineTranslator?: MachineTranslator;
  /** speaks voice messages; absent: every voice message needs recording */
  speech?: SpeechEngine;
  /** encodes voice MP3s; absent: lamejs in a worker thread (tests hold it back to see the WAV go out first) */
  encodeMp3?: (pcm: Int16Array) => Promise<Buffer>;
  /** how long a step waits for a row lock before it fails (and is retried); absent: the steps' default */
  lockTimeoutMs?: number;
  /** routine work calls this between its steps: it waits there while urgent work runs (see JobControl) */
  yieldToUrgent?: () => Promise<void>;
  /** runs a recorded job here and now, skipping the queue (urgent work's next step) */
  runNow?: (job: QueuedJob) => Promise<ProcessorResult>;
};
/** "done" when the work was done now, "skipped" when there was nothing (left) to do. */
export type ProcessorResult = StepOutcome["result"];
export type Processor<Name extends JobName> = (deps: ProcessorDeps, payload: JobPayload<Name>) => Promise<ProcessorResult>;
export type Processors = { [Name in JobName]: Processor<Name> };

/** What the outbox row keeps of a failure: the innermost cause first (the driver's reason, e.g. a lock timeout or a
 *  dropped connection), then the errors that wrapped it (the query builder's "Failed query: ..."). */
const describeFailure = (error: unknown) => {
  const messages: string[] = [];
  for (let current: unknown = error; current !== undefined && messages.length < 5; current = current instanceof Error ? current.cause : undefined) {
    messages.unshift(current instanceof Error ? current.message : String(current));
  }
  return messages.join(" <- ");
};

export const runJob = async (
  deps: ProcessorDeps,
  { processors, job, control }: { processors: Processors; job: QueuedJob; control?: JobControl },
): Promise<ProcessorResult> => {
  const row = await getJob(deps.db, job.id);
  if (row?.status !== "pending") return "skipped";
  const name = row.name;
  const parsed = isJobName(name) ? jobDefinitions[name].safeParse(row.payload) : undefined;
  if (!isJobName(name) || !parsed?.success) {
    await markJobInvalid(deps.db, { id: job.id, error: `invalid job ${name}: ${parsed?.error?.message ?? "unknown name"}`, at: deps.clock() });
    throw new UnrecoverableJobError(`invalid job ${name} ${job.id}`);
  }
  // what the job is about, for the logs: a bulletin, or an endpoint added or changed
  const about = "bulletinId" in parsed.data ? { bulletinId: parsed.data.bulletinId } : { endpoint: `${parsed.data.kind}:${parsed.data.id}` };
  try {
    const processor = processors[name] as Processor<typeof name>;
    await control?.yieldToUrgent();
    const result = await processor(control ? { ...deps, yieldToUrgent: control.yieldToUrgent } : deps, parsed.data);
    await markJobDone(deps.db, { id: job.id, at: deps.clock() });
    deps.logger.debug({ job: job.id, jobName: name, ...about, result }, "job finished");
    return result;
  } catch (error) {
    const counted = await recordJobAttemptFailed(deps.db, {
      id: job.id,
      error: describeFailure(error).slice(0, 2_000),
      maxAttempts: retryPolicy.attempts,
      at: deps.clock(),
    }).catch((recordError: unknown) => {
      // the queue still retries it; the row stays pending, so the reconciler re-queues it should the queue give up
      deps.logger.error({ job: job.id, jobName: name, ...about, err: recordError }, "could not record the failed attempt");
      return undefined;
    });
    if (counted?.status === "failed") {
      deps.logger.error({ job: job.id, jobName: name, ...about, attempts: counted.attempts, err: error }, "job failed for good; it is not retried");
    } else {
      deps.logger.warn({ job: job.id, jobName: name, ...about, attempts: counted?.attempts, err: error }, "job failed; it will be retried");
    }
    throw error;
  }
};
