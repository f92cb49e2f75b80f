import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  provinceCode: text("province_code"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
