import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Language } from "../../domain/index.ts";
import { users } from "./users.ts";

// Approved source/target sentence pairs. One row per (language pair, normalised source sentence): a later
// approved translation of the same sentence replaces the target, so corrections reach the memory.
export const translationMemory = pgTable(
  "translation_memory",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceLanguage: text("source_language").$type<Language>().notNull(),
    targetLanguage: text("target_language").$type<Language>().notNull(),
    // normalizeSegment(source): the exact-match key
    sourceKey: text("source_key").notNull(),
    source: text("source").notNull(),
    target: text("target").notNull(),
    bulletinId: uuid("bulletin_id"),
    approvedBy: uuid("approved_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("translation_memory_pair_key_idx").on(table.sourceLanguage, table.targetLanguage, table.sourceKey),
    index("translation_memory_pair_idx").on(table.sourceLanguage, table.targetLanguage),
  ],
);
