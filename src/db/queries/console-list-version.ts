// The version of what the console's bulletin list shows: a sequence that statement-level triggers on bulletins and
// bulletin_texts move on every change, by any process (migration 0014). Read outside transactions, so it can move
// before the change that moved it commits; its reader (the list cache) bounds that with a short lifetime.
import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";

const rowsOf = <Row>(result: unknown): Row[] => (Array.isArray(result) ? (result as Row[]) : ((result as { rows?: Row[] }).rows ?? []));

/** The list's current version, one cheap query. */
export const readConsoleListVersion = async (db: Db): Promise<string> => {
  const [row] = rowsOf<{ version: string | number }>(await db.execute(sql`select last_value as version from console_list_version`));
  return String(row?.version ?? 0);
};

/** Moves the version by hand, for writes made with triggers switched off (the demo history's bulk insert). */
export const bumpConsoleListVersion = async (db: Db) => {
  await db.execute(sql`select nextval('console_list_version')`);
};
