import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { partnerLease, type Language } from "../../domain/index.ts";

export type PartnerSmsPolicy = { sender: string; maxParts: number; stripDiacritics: boolean };

export const partners = pgTable(
  "partners",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull().unique(),
    areas: text("areas").array().notNull(),
    languages: text("languages").array().$type<Language[]>().notNull(),
    kinds: text("kinds").array().$type<("sms" | "voice")[]>().notNull(),
    smsPolicy: jsonb("sms_policy").$type<PartnerSmsPolicy>().notNull(),
    // how long a claimed batch is the partner's before what it did not acknowledge is offered again
    leaseSeconds: integer("lease_seconds").notNull().default(partnerLease.defaultSeconds),
    disabled: boolean("disabled").notNull().default(false),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      "partners_lease_seconds_range",
      sql`${table.leaseSeconds} between ${sql.raw(String(partnerLease.minSeconds))} and ${sql.raw(String(partnerLease.maxSeconds))}`,
    ),
  ],
);
