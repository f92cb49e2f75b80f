import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.ts";

import type { ConsoleLanguage, Role } from "../../domain/index.ts";

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id").references(() => organisations.id),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  // PHC string with its cost: "$scrypt$ln=14,r=8,p=1$<salt>$<hash>" (older rows: "scrypt$<salt hex>$<hash hex>")
  passwordHash: text("password_hash").notNull(),
  roles: text("roles").array().$type<Role[]>().notNull(),
  disabled: boolean("disabled").notNull().default(false),
  // the console's language for this user: Vietnamese unless they chose English
  consoleLanguage: text("console_language").$type<ConsoleLanguage>().notNull().default("vi"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
