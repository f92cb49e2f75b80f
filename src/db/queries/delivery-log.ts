import { and, asc, count, desc, eq, gte, inArray, max, min, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { deliveryLog } from "../schema/index.ts";

export type DeliveryLogEntry = typeof deliveryLog.$inferInsert;

/** Delivery-log rows travel as PostgreSQL notifications too (payload: the bulletin's id), sent by the transaction that
 *  logs them and delivered to every API process after it commits (PGlite: in-process), so the console's delivery view
 *  fills live whichever process (API or worker) logged the row. */
export const deliveryChannel = "bantin_delivery";

/** Appends a row; a row whose dedupe key was already logged is not logged again (returns false). */
export const logDelivery = async (db: Db, entries: DeliveryLogEntry | DeliveryLogEntry[]) => {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return 0;
  const inserted = await db
    .insert(deliveryLog)
    .values(list)
    .onConflictDoNothing({ target: deliveryLog.dedupeKey })
    .returning({ id: deliveryLog.id, bulletinId: deliveryLog.bulletinId });
  // one notification per bulletin (PostgreSQL folds equal ones of a transaction into one)
  const bulletinIds = [...new Set(inserted.map((row) => row.bulletinId))];
  if (bulletinIds.length > 0)
    await db.execute(
      sql`select pg_notify(${deliveryChannel}, id) from unnest(array[${sql.join(
        bulletinIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[]) as id`,
    );
  return inserted.length;
};

export const listDeliveries = (db: Db, bulletinId: string) =>
  db.select().from(deliveryLog).where(eq(deliveryLog.bulletinId, bulletinId)).orderBy(asc(deliveryLog.id));

/** A bulletin's delivery log folded per (channel, endpoint, language, event): how many rows, the partners' counts
 *  summed, the first and latest time each happened (a play's or airing's own time where there is one), the reason
 *  codes; for the console's delivery view, which reads it again at every change while someone watches. */
export const summarizeDeliveries = (db: Db, bulletinId: string) => {
  const happened = sql<Date>`coalesce(${deliveryLog.occurredAt}, ${deliveryLog.at})`;
  return db
    .select({
      channel: deliveryLog.channel,
      partnerId: deliveryLog.partnerId,
      screenId: deliveryLog.screenId,
      stationId: deliveryLog.stationId,
      language: deliveryLog.language,
      event: deliveryLog.event,
      rows: count(),
      submitted: sql<number>`coalesce(sum(${deliveryLog.submitted}), 0)::int`,
      delivered: sql<number>`coalesce(sum(${deliveryLog.delivered}), 0)::int`,
      failed: sql<number>`coalesce(sum(${deliveryLog.failed}), 0)::int`,
      firstAt: min(happened).mapWith((value: string | Date) => new Date(value)),
      lastAt: max(happened).mapWith((value: string | Date) => new Date(value)),
      reasons: sql<string[] | null>`array_agg(distinct ${deliveryLog.reason}) filter (where ${deliveryLog.reason} is not null)`,
      firstId: min(deliveryLog.id),
    })
    .from(deliveryLog)
    .where(eq(deliveryLog.bulletinId, bulletinId))
    .groupBy(deliveryLog.channel, deliveryLog.partnerId, deliveryLog.screenId, deliveryLog.stationId, deliveryLog.language, deliveryLog.event)
    .orderBy(min(deliveryLog.id));
};

/** Who already has a bulletin, from its delivery log: partners that claimed its messages, screens its feed item was
 *  served to, stations that fetched its script (ids, each once). */
export const listEndpointsReached = async (db: Db, bulletinId: string) => {
  const rows = await db
    .selectDistinct({ event: deliveryLog.event, partnerId: deliveryLog.partnerId, screenId: deliveryLog.screenId, stationId: deliveryLog.stationId })
    .from(deliveryLog)
    .where(and(eq(deliveryLog.bulletinId, bulletinId), inArray(deliveryLog.event, ["message.claimed", "display.served", "radio.fetched"])));
  const ids = (event: string, key: "partnerId" | "screenId" | "stationId") =>
    new Set(rows.filter((row) => row.event === event && row[key]).map((row) => row[key]!));
  return { partnerIds: ids("message.claimed", "partnerId"), screenIds: ids("display.served", "screenId"), stationIds: ids("radio.fetched", "stationId") };
};

/** The latest play a screen reported that started at or after `since` (its item and start); undefined when none.
 *  Read along the (event, time) index from the newest end, so `since` bounds how far back it looks. */
export const lastScreenPlay = async (db: Db, options: { screenId: string; since: Date }) => {
  const happened = sql<Date>`coalesce(${deliveryLog.occurredAt}, ${deliveryLog.at})`;
  const [row] = await db
    .select({ detail: deliveryLog.detail, startedAt: happened })
    .from(deliveryLog)
    .where(and(eq(deliveryLog.event, "display.played"), gte(happened, options.since.toISOString()), eq(deliveryLog.screenId, options.screenId)))
    .orderBy(desc(happened))
    .limit(1);
  const itemId = row?.detail?.itemId;
  return row && typeof itemId === "string" ? { itemId, startedAt: new Date(row.startedAt) } : undefined;
};
