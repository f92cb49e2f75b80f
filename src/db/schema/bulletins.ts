import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.ts";
import { users } from "./users.ts";
import type { BulletinMode, BulletinNote, BulletinStatus, Category, Channel, DroppedLanguage, Language, Urgency, WaitingNote } from "../../domain/index.ts";

export const bulletins = pgTable(
  "bulletins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // stable across versions: a correction keeps the series and bumps the version
    seriesId: uuid("series_id").notNull(),
    version: integer("version").notNull().default(1),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    status: text("status").$type<BulletinStatus>().notNull().default("draft"),
    category: text("category").$type<Category>().notNull().default("notice"),
    sourceLanguage: text("source_language").$type<Language>().notNull(),
    targetLanguages: text("target_languages").array().$type<Language[]>().notNull(),
    channels: text("channels").array().$type<Channel[]>().notNull(),
    areas: text("areas").array().notNull(),
    urgency: text("urgency").$type<Urgency>().notNull().default("routine"),
    mode: text("mode").$type<BulletinMode>().notNull().default("actual"),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    supersedesId: uuid("supersedes_id"),
    // a structured bulletin: the template's name and its fields; every language is rendered from them
    template: text("template"),
    templateFields: jsonb("template_fields").$type<Record<string, unknown>>(),
    droppedLanguages: jsonb("dropped_languages").$type<DroppedLanguage[]>().notNull().default([]),
    waitingNotes: jsonb("waiting_notes").$type<Partial<Record<Language, WaitingNote>>>().notNull().default({}),
    // for the editor: what an import left out (languages, areas), which texts an imported update did not replace
    notes: jsonb("notes").$type<BulletinNote[]>().notNull().default([]),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    // everyone who wrote or edited the bulletin or one of its texts: the four-eyes rule reads this
    contributors: uuid("contributors").array().notNull(),
    approvedBy: uuid("approved_by").references(() => users.id),
    rejectionReason: text("rejection_reason"),
    withdrawalReason: text("withdrawal_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("bulletins_series_version_idx").on(table.seriesId, table.version),
    index("bulletins_status_idx").on(table.status),
    // the bulletin list: newest first with a cursor over (created_at, id), and its filters
    index("bulletins_created_id_idx").on(table.createdAt, table.id),
    index("bulletins_published_at_idx").on(table.publishedAt),
    // reports: approved (speed) and withdrawn in a period
    index("bulletins_approved_at_idx").on(table.approvedAt),
    index("bulletins_withdrawn_at_idx").on(table.withdrawnAt),
    index("bulletins_areas_idx").using("gin", table.areas),
    index("bulletins_target_languages_idx").using("gin", table.targetLanguages),
    index("bulletins_channels_idx").using("gin", table.channels),
    // "in force at": not superseded by then (also the open correction of a bulletin)
    index("bulletins_supersedes_idx").on(table.supersedesId),
    // "in force at" (the console's urgent list): the few still valid, without reading every bulletin
    index("bulletins_valid_until_idx").on(table.validUntil),
  ],
);
