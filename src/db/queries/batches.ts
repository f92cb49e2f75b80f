// Partner batches and what each offered or cancelled (batch_messages), kept so a batch reads the same every time.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client.ts";
import { batches, batchMessages, bulletins, smsMessages } from "../schema/index.ts";

export type Batch = typeof batches.$inferSelect;
export type BatchRole = (typeof batchMessages.$inferSelect)["role"];

/** A partner's batch (another partner's is not there); `forUpdate` locks its row. */
export const getPartnerBatch = async (db: Db, options: { partnerId: string; batchId: string; forUpdate?: boolean }) => {
  const query = db
    .select()
    .from(batches)
    .where(and(eq(batches.id, options.batchId), eq(batches.partnerId, options.partnerId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row;
};

/** A batch's messages with their role, the bulletin's version and why it was withdrawn (if it was), urgent first. */
export const listBatchMessages = (db: Db, batchId: string) =>
  db
    .select({ message: smsMessages, role: batchMessages.role, version: bulletins.version, withdrawalReason: bulletins.withdrawalReason })
    .from(batchMessages)
    .innerJoin(smsMessages, eq(smsMessages.id, batchMessages.messageId))
    .innerJoin(bulletins, eq(bulletins.id, smsMessages.bulletinId))
    .where(eq(batchMessages.batchId, batchId))
    .orderBy(asc(smsMessages.rank), asc(smsMessages.createdAt), asc(smsMessages.id));

/** A new batch; its id. */
export const insertBatch = async (db: Db, values: { partnerId: string; claimedAt: Date; leaseExpiresAt: Date }) => {
  const [batch] = await db.insert(batches).values(values).returning({ id: batches.id });
  return batch!.id;
};

export const addBatchMessages = async (db: Db, options: { batchId: string; messageIds: string[]; role: BatchRole }) => {
  await db.insert(batchMessages).values(options.messageIds.map((messageId) => ({ batchId: options.batchId, messageId, role: options.role })));
};

/** Locks the messages among `messageIds` that the batch offered (not those it listed as cancelled). */
export const lockOfferedMessages = async (db: Db, options: { batchId: string; messageIds: string[] }) => {
  const rows = await db
    .select({ message: smsMessages })
    .from(batchMessages)
    .innerJoin(smsMessages, eq(smsMessages.id, batchMessages.messageId))
    .where(and(eq(batchMessages.batchId, options.batchId), eq(batchMessages.role, "offer"), inArray(batchMessages.messageId, options.messageIds)))
    .for("update", { of: smsMessages });
  return rows.map((row) => row.message);
};

export const markBatchAcked = async (db: Db, batchId: string, at: Date) => {
  await db.update(batches).set({ ackedAt: at }).where(eq(batches.id, batchId));
};
