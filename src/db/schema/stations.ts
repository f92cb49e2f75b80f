import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Language } from "../../domain/index.ts";

export const stations = pgTable("stations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  areaCode: text("area_code").notNull(),
  languages: text("languages").array().$type<Language[]>().notNull(),
  disabled: boolean("disabled").notNull().default(false),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
