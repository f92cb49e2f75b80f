import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Counters of rate-limiter-flexible's Drizzle store (sign-in failures and blocks) when PostgreSQL is the store:
// the columns are the ones that store expects. Rows past `expire` are ignored and swept by the store itself.
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true }),
});
