import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bulletins } from "./bulletins.ts";
import type { Language, TextOrigin, TextOriginDetail, TextState } from "../../domain/index.ts";
import { users } from "./users.ts";

export const bulletinTexts = pgTable(
  "bulletin_texts",
  {
    bulletinId: uuid("bulletin_id")
      .notNull()
      .references(() => bulletins.id, { onDelete: "cascade" }),
    language: text("language").$type<Language>().notNull(),
    headline: text("headline").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    state: text("state").$type<TextState>().notNull().default("draft"),
    origin: text("origin").$type<TextOrigin>().notNull().default("translator"),
    originDetail: jsonb("origin_detail").$type<TextOriginDetail>(),
    // null for text the system wrote (template, memory, machine)
    updatedBy: uuid("updated_by").references(() => users.id),
    approvedBy: uuid("approved_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.bulletinId, table.language] })],
);
