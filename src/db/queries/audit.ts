import { asc, and, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { auditLog } from "../schema/index.ts";

export type AuditEntry = typeof auditLog.$inferInsert;

export const recordAudit = async (db: Db, entry: AuditEntry) => {
  await db.insert(auditLog).values(entry);
};

export const listAudit = (db: Db, entity: string, entityId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
