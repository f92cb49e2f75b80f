import { integer, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import { bytea } from "./columns.ts";

// Voice audio, content-addressed like slides: the file name is the SHA-256 of the bytes, so a file is stored once and
// served forever (Cache-Control: immutable). Synthesised by a speech engine or uploaded as a recording by an admin.
export const audio = pgTable("audio", {
  file: text("file").primaryKey(),
  mimeType: text("mime_type").notNull(),
  sampleRate: integer("sample_rate").notNull(),
  durationSec: real("duration_sec").notNull(),
  bytes: bytea("bytes").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
