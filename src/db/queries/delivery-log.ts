import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { deliveryLog } from "../schema/index.ts";

export type DeliveryLogEntry = typeof deliveryLog.$inferInsert;

/** Appends a row; a row whose dedupe key was already logged is not logged again (returns false). */
export const logDelivery = async (db: Db, entries: DeliveryLogEntry | DeliveryLogEntry[]) => {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return 0;
  const inserted = await db.insert(deliveryLog).values(list).onConflictDoNothing({ target: deliveryLog.dedupeKey }).returning({ id: deliveryLog.id });
  return inserted.length;
};

export const listDeliveries = (db: Db, bulletinId: string) =>
  db.select().from(deliveryLog).where(eq(deliveryLog.bulletinId, bulletinId)).orderBy(asc(deliveryLog.id));

/** Who already has a bulletin, from its delivery log: partners that claimed its messages, screens its feed item was
 *  served to, stations that fetched its script (ids, each once). */
export const listEndpointsReached = async (db: Db, bulletinId: string) => {
  const rows = await db
    .selectDistinct({ event: deliveryLog.event, partnerId: deliveryLog.partnerId, screenId: deliveryLog.screenId, stationId: deliveryLog.stationId })
    .from(deliveryLog)
    .where(and(eq(deliveryLog.bulletinId, bulletinId), inArray(deliveryLog.event, ["message.claimed", "display.served", "radio.fetched"])));
  const ids = (event: string, key: "partnerId" | "screenId" | "stationId") => new Set(rows.filter((row) => row.event === event && row[key]).map((row) => row[key]!));
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
