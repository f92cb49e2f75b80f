import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

import type { TokenKind } from "../../domain/index.ts";

// A token is shown once at issue; only its SHA-256 is kept.
export const tokens = pgTable(
  "tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<TokenKind>().notNull(),
    subjectId: uuid("subject_id").notNull(),
    hash: text("hash").notNull().unique(),
    label: text("label").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (table) => [index("tokens_subject_idx").on(table.kind, table.subjectId)],
);
