import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bulletins, type Language } from "./bulletins.ts";
import { users } from "./users.ts";

export const textStates = ["draft", "approved"] as const;
export type TextState = (typeof textStates)[number];
/** Where a text came from: the editor's source text, a template, a translator, the translation memory or a machine. */
export const textOrigins = ["source", "template", "translator", "memory", "machine"] as const;
export type TextOrigin = (typeof textOrigins)[number];
/** How an automatic draft was made: segments from memory, from the machine, left untranslated; fuzzy proposals. */
export type TextOriginDetail = {
  segments?: { memory: number; machine: number; untranslated: number };
  provider?: string;
  proposals?: { source: string; target: string; score: number }[];
  /** the source text's updatedAt this draft was made from */
  sourceVersion?: string;
};

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
