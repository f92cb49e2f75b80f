import { asc, and, desc, eq, sql } from "drizzle-orm";
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

/** The bulletins made from a CAP message (by its sender and identifier, CAP's key), the latest import first. */
export const listCapImports = async (db: Db, message: { sender: string; identifier: string }) =>
  (
    await db
      .select({ bulletinId: auditLog.entityId })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, "bulletin"),
          eq(auditLog.action, "import:cap"),
          sql`${auditLog.detail}->>'identifier' = ${message.identifier}`,
          sql`${auditLog.detail}->>'sender' = ${message.sender}`,
        ),
      )
      .orderBy(desc(auditLog.id))
  ).map((row) => row.bulletinId);
