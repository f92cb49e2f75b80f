import { pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { screens } from "./screens.ts";

/** Every five minutes a screen was heard from (a heartbeat, a feed fetch, plays): one row each, however often it
 *  called. A screen's uptime over a period is the share of the period's five-minute slots it has a row for. */
export const screenContactSlotMs = 5 * 60_000;

export const screenContacts = pgTable(
  "screen_contacts",
  {
    screenId: uuid("screen_id")
      .notNull()
      .references(() => screens.id, { onDelete: "cascade" }),
    /** the start of the five-minute slot (UTC, aligned to the epoch) */
    slot: timestamp("slot", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.screenId, table.slot] })],
);
