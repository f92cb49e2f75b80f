import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bulletins, type Language } from "./bulletins.ts";
import { users } from "./users.ts";

export const textStates = ["draft", "approved"] as const;
export type TextState = (typeof textStates)[number];

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
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    approvedBy: uuid("approved_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.bulletinId, table.language] })],
);
