import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { bytea } from "./columns.ts";

// Slide images, content-addressed: the file name is the hash of what the slide shows, so the same input is drawn
// once and served forever (Cache-Control: immutable). In the database so every API server can serve every slide.
export const slides = pgTable("slides", {
  file: text("file").primaryKey(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  png: bytea("png").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
