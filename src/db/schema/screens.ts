import { boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Language } from "../../domain/index.ts";

export const screens = pgTable("screens", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  gateCode: text("gate_code").notNull(),
  languages: text("languages").array().$type<Language[]>().notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  disabled: boolean("disabled").notNull().default(false),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  // from the player's last heartbeat: what it runs, which feed it shows, how many items it has cached, its last fault
  lastHeartbeatAt: timestamp("last_heartbeat_at", { withTimezone: true }),
  playerVersion: text("player_version"),
  shownFeedEtag: text("shown_feed_etag"),
  cachedItems: integer("cached_items"),
  lastFault: text("last_fault"),
  lastFaultAt: timestamp("last_fault_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
