import { asc, eq } from "drizzle-orm";
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
