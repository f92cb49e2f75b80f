import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bulletins } from "./bulletins.ts";
import type { Channel, Language } from "../../domain/index.ts";

export const renditions = pgTable(
  "renditions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bulletinId: uuid("bulletin_id")
      .notNull()
      .references(() => bulletins.id, { onDelete: "cascade" }),
    language: text("language").$type<Language>().notNull(),
    channel: text("channel").$type<Channel>().notNull(),
    // the endpoint profile the rendition is for ("partner:<id>", "screen:1920x1080", "" for all)
    target: text("target").notNull().default(""),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("renditions_key_idx").on(table.bulletinId, table.language, table.channel, table.target)],
);
