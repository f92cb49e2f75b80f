import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Append-only: a trigger in the migration refuses UPDATE and DELETE.
export const deliveryLog = pgTable(
  "delivery_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    // when it happened, where that is not when it was logged: a play's start, an airing (reported late after an
    // outage); reports count the event in the period it happened
    occurredAt: timestamp("occurred_at", { withTimezone: true }),
    bulletinId: uuid("bulletin_id").notNull(),
    messageId: uuid("message_id"),
    batchId: uuid("batch_id"),
    partnerId: uuid("partner_id"),
    screenId: uuid("screen_id"),
    stationId: uuid("station_id"),
    channel: text("channel").notNull(),
    language: text("language"),
    event: text("event").notNull(),
    reason: text("reason"),
    submitted: integer("submitted"),
    delivered: integer("delivered"),
    failed: integer("failed"),
    // a retried hand-over carries the same key and is logged once
    dedupeKey: text("dedupe_key").unique(),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (table) => [
    index("delivery_log_bulletin_idx").on(table.bulletinId, table.id),
    // reports: the events of a kind that happened in a period (src/db/queries/reports.ts)
    index("delivery_log_event_happened_idx").on(table.event, sql`coalesce(${table.occurredAt}, ${table.at})`),
  ],
);
