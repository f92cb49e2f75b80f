import { boolean, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

import type { GateType, LanguageNames, PlaceKind } from "../../domain/index.ts";

export const places = pgTable(
  "places",
  {
    code: text("code").primaryKey(),
    kind: text("kind").$type<PlaceKind>().notNull(),
    parentCode: text("parent_code"),
    country: text("country").notNull().default("VN"),
    names: jsonb("names").$type<LanguageNames>().notNull(),
    languages: text("languages").array().notNull(),
    // false while no native speaker has checked the lo/km names
    reviewed: boolean("reviewed").notNull().default(false),
    // the gate (or province) across the border
    counterpartCode: text("counterpart_code"),
    gateType: text("gate_type").$type<GateType>(),
    note: text("note"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("places_parent_idx").on(table.parentCode)],
);
