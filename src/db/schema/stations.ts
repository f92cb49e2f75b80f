import { boolean, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Language } from "../../domain/index.ts";

export const stations = pgTable("stations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  areaCode: text("area_code").notNull(),
  languages: text("languages").array().$type<Language[]>().notNull(),
  // what the station calls itself on air, per language it broadcasts in ("Đài truyền thanh huyện Hương Sơn"); the
  // intro falls back to `name` for a language without one
  names: jsonb("names").$type<Partial<Record<Language, string>>>().notNull().default({}),
  // false while a Lao or Khmer name waits for a native speaker's check, like places.reviewed
  namesReviewed: boolean("names_reviewed").notNull().default(true),
  disabled: boolean("disabled").notNull().default(false),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
