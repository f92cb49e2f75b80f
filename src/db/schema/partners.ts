import { boolean, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Language } from "../../domain/index.ts";

export type PartnerSmsPolicy = { sender: string; maxParts: number; stripDiacritics: boolean };

export const partners = pgTable("partners", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  areas: text("areas").array().notNull(),
  languages: text("languages").array().$type<Language[]>().notNull(),
  kinds: text("kinds").array().$type<("sms" | "voice")[]>().notNull(),
  smsPolicy: jsonb("sms_policy").$type<PartnerSmsPolicy>().notNull(),
  disabled: boolean("disabled").notNull().default(false),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
