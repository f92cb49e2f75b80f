// The version of what the console's bulletin list shows: a sequence that statement-level triggers on bulletins and
// bulletin_texts move on every change, by any process (migration 0014). Read outside transactions, so it can move
// before the change that moved it commits; its reader (the list cache) bounds that with a short lifetime. The same
// triggers NOTIFY `console_list_version` (migration 0015): where notifications arrive in this process as part of the
// write that sent them (embedded PGlite), a count of them is the version, kept without any query.
import { sql } from "drizzle-orm";
import type { Database, Db } from "../client.ts";

const rowsOf = <Row>(result: unknown): Row[] => (Array.isArray(result) ? (result as Row[]) : ((result as { rows?: Row[] }).rows ?? []));

/** The list's current version, one cheap query. */
export const readConsoleListVersion = async (db: Db): Promise<string> => {
  const [row] = rowsOf<{ version: string | number }>(await db.execute(sql`select last_value as version from console_list_version`));
  return String(row?.version ?? 0);
};

/** Moves the version by hand, for writes made with triggers switched off (the demo history's bulk insert). */
export const bumpConsoleListVersion = async (db: Db) => {
  await db.execute(sql`select nextval('console_list_version'), pg_notify(${listVersionChannel}, '')`);
};

export const listVersionChannel = "console_list_version";

/** The version kept from the triggers' notifications, for embedded PGlite only: PGlite hands a notification to its
 *  listeners after the commit and before the writing call returns, so a view that follows a write (in any order of
 *  this process's requests) sees the new version, as it would have read it. Not for PostgreSQL, where notifications
 *  come on another connection, after the writer may already have answered. */
export const pushedConsoleListVersion = async (listen: (channel: string, onPayload: (payload: string) => void) => Promise<unknown>) => {
  let notifications = 0;
  await listen(listVersionChannel, () => {
    notifications += 1;
  });
  return () => `n${notifications}`;
};

/** The app's `consoleListVersion` for a database: kept from notifications on embedded PGlite; none on PostgreSQL, where
 *  the console reads the version once a request. */
export const consoleListVersionDeps = async (database: Pick<Database, "kind" | "listen">): Promise<{ consoleListVersion?: () => string }> =>
  database.kind === "pglite" ? { consoleListVersion: await pushedConsoleListVersion(database.listen) } : {};
