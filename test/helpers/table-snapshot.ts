// Every table's row count and a checksum of its rows, to show that a request changed nothing at all.
import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.ts";

export type TableSnapshot = Record<string, { rows: number; checksum: string }>;

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

/** Row count and an order-independent md5 over every row's text form, per table of the public schema. */
export const snapshotTables = async (db: Db): Promise<TableSnapshot> => {
  const tables = rowsOf(
    await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  ).map((row) => String(row.table_name));
  const snapshot: TableSnapshot = {};
  for (const table of tables) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const [row] = rowsOf(
      await db.execute(
        sql.raw(`select count(*)::int as rows, md5(coalesce(string_agg(md5(t::text), ',' order by md5(t::text)), '')) as checksum from public.${quoted} t`),
      ),
    );
    snapshot[table] = { rows: Number(row!.rows), checksum: String(row!.checksum) };
  }
  return snapshot;
};
