import { sql } from "drizzle-orm";
import { bigserial, customType, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bulletins } from "./bulletins.ts";
import type { Language, RadioScriptContent } from "../../domain/index.ts";
import { stations } from "./stations.ts";

const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });

// One broadcast script per (bulletin x station x language). `seq` is the stations' cursor: it is taken again when
// the script changes (its audio arrives, the bulletin is withdrawn or superseded), so a station reading "after" its
// last cursor sees the change. `tx` is the writing transaction: readers only pass rows whose transaction is older
// than every transaction still running, so a row committed late with a lower seq is never skipped.
export const radioScripts = pgTable(
  "radio_scripts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull().unique(),
    tx: xid8("tx").notNull().default(sql`pg_current_xact_id()`),
    bulletinId: uuid("bulletin_id")
      .notNull()
      .references(() => bulletins.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    language: text("language").$type<Language>().notNull(),
    content: jsonb("content").$type<RadioScriptContent>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("radio_scripts_key_idx").on(table.bulletinId, table.stationId, table.language),
    index("radio_scripts_station_idx").on(table.stationId, table.seq),
  ],
);
