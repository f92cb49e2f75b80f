// The outbox: a job is recorded here in the same transaction as the change that calls for it; the worker marks it
// done or counts its failed attempts; the reconciler re-queues what is still pending.
import { and, asc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { bulletins, jobs } from "../schema/index.ts";
import type { BulletinStatus } from "../../domain/index.ts";

export type Job = typeof jobs.$inferSelect;
/** What the queue carries of a job: its id, its name, its priority. */
export type RecordedJob = Pick<Job, "id" | "name" | "priority">;

/** Records a job; undefined when a job with that business key was already recorded. */
export const insertJob = async (db: Db, values: Pick<Job, "name" | "key" | "payload" | "priority">): Promise<RecordedJob | undefined> => {
  const [row] = await db
    .insert(jobs)
    .values(values)
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id, name: jobs.name, priority: jobs.priority });
  return row;
};

export const getJob = async (db: Db, id: string) => {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
};

export const markJobDone = async (db: Db, options: { id: string; at: Date }) => {
  await db.update(jobs).set({ status: "done", finishedAt: options.at }).where(eq(jobs.id, options.id));
};

/** A job that can never succeed (unknown name, invalid payload): failed at once, not retried. */
export const markJobInvalid = async (db: Db, options: { id: string; error: string; at: Date }) => {
  await db.update(jobs).set({ status: "failed", lastError: options.error, finishedAt: options.at }).where(eq(jobs.id, options.id));
};

/** Counts a failed attempt and keeps its error; the job stays pending (to be retried) until `maxAttempts` have
 *  failed, then it is failed. Returns the attempts so far and the status, or undefined when there is no such job. */
export const recordJobAttemptFailed = async (db: Db, options: { id: string; error: string; maxAttempts: number; at: Date }) => {
  const spent = sql`${jobs.attempts} + 1 >= ${options.maxAttempts}`;
  const [row] = await db
    .update(jobs)
    .set({
      attempts: sql`${jobs.attempts} + 1`,
      lastError: options.error,
      status: sql`case when ${spent} then 'failed' else 'pending' end`,
      finishedAt: sql`case when ${spent} then ${options.at.toISOString()}::timestamptz else null end`,
    })
    .where(eq(jobs.id, options.id))
    .returning({ attempts: jobs.attempts, status: jobs.status });
  return row;
};

/** Pending jobs recorded before `createdBefore`: most urgent first, then oldest first. */
export const listPendingJobs = (db: Db, options: { createdBefore: Date; limit: number }): Promise<RecordedJob[]> =>
  db
    .select({ id: jobs.id, name: jobs.name, priority: jobs.priority })
    .from(jobs)
    .where(and(eq(jobs.status, "pending"), lt(jobs.createdAt, options.createdBefore)))
    .orderBy(asc(jobs.priority), asc(jobs.createdAt))
    .limit(options.limit);

/** Puts back to pending the failed jobs among `steps` whose bulletin is still in the status the step moves it on
 *  from (so the bulletin still waits for it), that failed before `failedBefore` and were revived fewer than
 *  `maxRevivals` times; their attempts start again. Returns them, with the error they failed with. */
export const reviveFailedSteps = async (
  db: Db,
  options: { steps: { name: string; bulletinStatus: BulletinStatus }[]; failedBefore: Date; maxRevivals: number },
) => {
  if (options.steps.length === 0) return [];
  const waiting = sql.join(
    options.steps.map((step) => sql`(${jobs.name} = ${step.name} and ${bulletins.status} = ${step.bulletinStatus})`),
    sql` or `,
  );
  const stuck = db
    .select({ id: jobs.id })
    .from(jobs)
    .innerJoin(bulletins, sql`${bulletins.id}::text = ${jobs.payload}->>'bulletinId'`)
    .where(and(eq(jobs.status, "failed"), lt(jobs.revivals, options.maxRevivals), lte(jobs.finishedAt, options.failedBefore), sql`(${waiting})`));
  return db
    .update(jobs)
    .set({ status: "pending", attempts: 0, revivals: sql`${jobs.revivals} + 1`, finishedAt: null })
    .where(inArray(jobs.id, stuck))
    .returning({ id: jobs.id, name: jobs.name, priority: jobs.priority, revivals: jobs.revivals, lastError: jobs.lastError, payload: jobs.payload });
};
