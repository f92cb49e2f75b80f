import { boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Language } from "./bulletins.ts";

export const screens = pgTable("screens", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  gateCode: text("gate_code").notNull(),
  languages: text("languages").array().$type<Language[]>().notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  disabled: boolean("disabled").notNull().default(false),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
