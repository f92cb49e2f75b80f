import { index, integer, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bulletins } from "./bulletins.ts";
import type { Language, MessageStatus, Urgency } from "../../domain/index.ts";
import { partners } from "./partners.ts";

export const smsMessages = pgTable(
  "sms_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bulletinId: uuid("bulletin_id")
      .notNull()
      .references(() => bulletins.id),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id),
    kind: text("kind").$type<"sms" | "voice">().notNull().default("sms"),
    language: text("language").$type<Language>().notNull(),
    status: text("status").$type<MessageStatus>().notNull().default("pending"),
    urgency: text("urgency").$type<Urgency>().notNull(),
    // 0 urgent, 1 priority, 2 routine: sorts urgent first
    rank: integer("rank").notNull(),
    mode: text("mode").$type<"actual" | "test" | "exercise">().notNull(),
    areas: text("areas").array().notNull(),
    text: text("text").notNull(),
    // SMS only (voice messages have none)
    encoding: text("encoding").$type<"gsm7" | "ucs2">(),
    parts: integer("parts").notNull(),
    // voice only: the audio file (8 kHz mono WAV; an MP3 of the same speech sits beside it) and its length
    audio: text("audio"),
    audioMp3: text("audio_mp3"),
    durationSec: real("duration_sec"),
    sender: text("sender").notNull(),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    // the batch currently holding the message (claimed and not yet acknowledged)
    batchId: uuid("batch_id"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    claimCount: integer("claim_count").notNull().default(0),
    cancelReason: text("cancel_reason"),
    // a cancelled message that the partner had claimed is listed once in a later batch's `cancelled`
    cancelNotifiedAt: timestamp("cancel_notified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("sms_messages_key_idx").on(table.bulletinId, table.language, table.partnerId, table.kind),
    index("sms_messages_claimable_idx").on(table.partnerId, table.status, table.rank, table.createdAt),
  ],
);
