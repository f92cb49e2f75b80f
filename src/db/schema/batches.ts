import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { partners } from "./partners.ts";
import { smsMessages } from "./sms-messages.ts";

export const batches = pgTable(
  "batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }).notNull(),
    ackedAt: timestamp("acked_at", { withTimezone: true }),
  },
  (table) => [index("batches_partner_idx").on(table.partnerId, table.claimedAt)],
);

// What a batch offered, kept so that re-reading a batch gives the same answer.
export const batchMessages = pgTable(
  "batch_messages",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => batches.id),
    messageId: uuid("message_id")
      .notNull()
      .references(() => smsMessages.id),
    // "offer": to be sent; "cancel": claimed earlier, now must not be sent
    role: text("role").$type<"offer" | "cancel">().notNull(),
  },
  (table) => [primaryKey({ columns: [table.batchId, table.messageId] })],
);
