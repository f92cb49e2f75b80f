// Lock waits: how long a statement in this transaction may wait for a row lock before it fails.
import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";

/** Bounds every lock wait for the rest of this transaction (SET LOCAL lock_timeout); past it, the statement fails
 *  with PostgreSQL's lock_not_available (55P03). */
export const setLockTimeout = async (db: Db, ms: number) => {
  await db.execute(sql`select set_config('lock_timeout', ${`${Math.max(1, Math.round(ms))}ms`}, true)`);
};
