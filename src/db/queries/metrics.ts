// What /metrics reads from the database at each scrape. The API and the workers are separate processes (and there
// may be many of each), so what happened in the pipeline is counted from the rows it left, not from one process's
// memory: every API process answers the same, and a restart loses nothing. Each function is one query.
import { and, count, eq, gt, inArray, isNotNull, isNull, lt, min, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { batches, bulletins, deliveryLog, jobs, renditions, screens } from "../schema/index.ts";

/** One labelled series of a histogram: cumulative counts at each bucket's upper bound (in `buckets` order). */
export type HistogramSeries = { labels: Record<string, string>; buckets: number[]; count: number; sum: number };

const histogramColumns = (seconds: SQL | SQL.Aliased, buckets: readonly number[]) => ({
  count: sql<number>`count(*)`.mapWith(Number),
  sum: sql<number>`coalesce(sum(${seconds}), 0)`.mapWith(Number),
  // bounds are our own constants, never input
  buckets: sql<number[]>`json_build_array(${sql.join(
    buckets.map((le) => sql`count(*) filter (where ${seconds} <= ${sql.raw(String(Number(le)))})::int`),
    sql`, `,
  )})`,
});

const toSeries = (rows: { count: number; sum: number; buckets: unknown }[], labelsOf: (index: number) => Record<string, string>): HistogramSeries[] =>
  rows.map((row, index) => ({
    labels: labelsOf(index),
    count: row.count,
    sum: row.sum,
    buckets: (typeof row.buckets === "string" ? (JSON.parse(row.buckets) as number[]) : (row.buckets as number[])).map(Number),
  }));

export const countBulletinsByStatus = (db: Db) => db.select({ status: bulletins.status, count: count() }).from(bulletins).groupBy(bulletins.status);

/** Seconds from approval to publication, per channel of the bulletin and urgency. */
export const approveToPublishedHistogram = async (db: Db, buckets: readonly number[]) => {
  const published = db
    .select({
      channel: sql<string>`unnest(${bulletins.channels})`.as("channel"),
      urgency: sql<string>`${bulletins.urgency}`.as("urgency"),
      seconds: sql<number>`extract(epoch from ${bulletins.publishedAt} - ${bulletins.approvedAt})::float8`.as("seconds"),
    })
    .from(bulletins)
    .where(and(isNotNull(bulletins.approvedAt), isNotNull(bulletins.publishedAt)))
    .as("published");
  const rows = await db
    .select({ channel: published.channel, urgency: published.urgency, ...histogramColumns(published.seconds, buckets) })
    .from(published)
    .groupBy(published.channel, published.urgency);
  return toSeries(rows, (index) => ({ channel: rows[index]!.channel, urgency: rows[index]!.urgency }));
};

/** Seconds from approval to the first hand-over of the bulletin on each channel (a message claimed by a partner, a
 *  feed item served to a screen, a script fetched by a station), per channel and urgency. */
export const approveToFirstHandOverHistogram = async (db: Db, options: { buckets: readonly number[]; handOverEvents: readonly string[] }) => {
  const firsts = db
    .select({ bulletinId: deliveryLog.bulletinId, channel: deliveryLog.channel, firstAt: min(deliveryLog.at).as("first_at") })
    .from(deliveryLog)
    .where(inArray(deliveryLog.event, [...options.handOverEvents]))
    .groupBy(deliveryLog.bulletinId, deliveryLog.channel)
    .as("firsts");
  const handOvers = db
    .select({
      channel: sql<string>`${firsts.channel}`.as("channel"),
      urgency: sql<string>`${bulletins.urgency}`.as("urgency"),
      seconds: sql<number>`extract(epoch from ${firsts.firstAt} - ${bulletins.approvedAt})::float8`.as("seconds"),
    })
    .from(firsts)
    .innerJoin(bulletins, eq(bulletins.id, firsts.bulletinId))
    .where(isNotNull(bulletins.approvedAt))
    .as("hand_overs");
  const rows = await db
    .select({ channel: handOvers.channel, urgency: handOvers.urgency, ...histogramColumns(handOvers.seconds, options.buckets) })
    .from(handOvers)
    .groupBy(handOvers.channel, handOvers.urgency);
  return toSeries(rows, (index) => ({ channel: rows[index]!.channel, urgency: rows[index]!.urgency }));
};

/** Seconds from a job being recorded in the outbox to done (waiting, running and retries), per job name and lane:
 *  "urgent" for priorities at or below `urgentAtOrBelow`, else "routine". */
export const jobDurationHistogram = async (db: Db, options: { buckets: readonly number[]; urgentAtOrBelow: number }) => {
  const finished = db
    .select({
      name: sql<string>`${jobs.name}`.as("name"),
      lane: sql<string>`case when ${jobs.priority} <= ${sql.raw(String(Math.trunc(options.urgentAtOrBelow)))} then 'urgent' else 'routine' end`.as("lane"),
      seconds: sql<number>`extract(epoch from ${jobs.finishedAt} - ${jobs.createdAt})::float8`.as("seconds"),
    })
    .from(jobs)
    .where(and(eq(jobs.status, "done"), isNotNull(jobs.finishedAt)))
    .as("finished");
  const rows = await db
    .select({ name: finished.name, lane: finished.lane, ...histogramColumns(finished.seconds, options.buckets) })
    .from(finished)
    .groupBy(finished.name, finished.lane);
  return toSeries(rows, (index) => ({ name: rows[index]!.name, lane: rows[index]!.lane }));
};

export const countJobsByNameAndStatus = (db: Db) =>
  db.select({ name: jobs.name, status: jobs.status, count: count() }).from(jobs).groupBy(jobs.name, jobs.status);

/** Batches ever claimed, acknowledged, and expired (their lease ran out before an acknowledgement, if one came). */
export const countBatches = async (db: Db, now: Date) => {
  const [row] = await db
    .select({
      claimed: count(),
      acknowledged: count(batches.ackedAt),
      expired: sql<number>`count(*) filter (where ${or(
        and(isNull(batches.ackedAt), lt(batches.leaseExpiresAt, now)),
        gt(batches.ackedAt, batches.leaseExpiresAt),
      )})`.mapWith(Number),
    })
    .from(batches);
  return row ?? { claimed: 0, acknowledged: 0, expired: 0 };
};

/** Screens in service not heard from since `since` (or never). */
export const countSilentScreens = async (db: Db, since: Date) => {
  const [row] = await db
    .select({ count: count() })
    .from(screens)
    .where(and(eq(screens.disabled, false), or(isNull(screens.lastSeenAt), lt(screens.lastSeenAt, since))));
  return row?.count ?? 0;
};

/** Voice messages of published bulletins that no engine could speak and no one has recorded yet, per language. */
export const countVoiceNeedingRecording = (db: Db) =>
  db
    .select({ language: renditions.language, count: count() })
    .from(renditions)
    .innerJoin(bulletins, eq(bulletins.id, renditions.bulletinId))
    .where(and(eq(renditions.channel, "voice"), sql`${renditions.content}->>'status' = 'needs_recording'`, eq(bulletins.status, "published")))
    .groupBy(renditions.language);
