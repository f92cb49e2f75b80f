import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { screens } from "../schema/index.ts";

export type Screen = typeof screens.$inferSelect;
export type NewScreen = typeof screens.$inferInsert;

export const getScreen = async (db: Db, id: string) => {
  const [row] = await db.select().from(screens).where(eq(screens.id, id));
  return row;
};

/** The id of the screen with this name (names are unique). */
export const findScreenIdByName = async (db: Db, name: string) => {
  const [row] = await db.select({ id: screens.id }).from(screens).where(eq(screens.name, name));
  return row;
};

export const insertScreen = async (db: Db, values: NewScreen) => {
  const [row] = await db.insert(screens).values(values).returning();
  return row!;
};

/** Records that the screen called at `at`. */
export const touchScreen = async (db: Db, options: { id: string; at: Date }) => {
  await db.update(screens).set({ lastSeenAt: options.at }).where(eq(screens.id, options.id));
};

export const listScreens = (db: Db) => db.select().from(screens).orderBy(asc(screens.name));

/** Every screen that is not disabled, by name. */
export const listActiveScreens = (db: Db) => db.select().from(screens).where(eq(screens.disabled, false)).orderBy(asc(screens.name));

export type ScreenHeartbeat = { playerVersion: string; feedEtag?: string; cachedItems?: number; fault?: string };

/** What the player last reported; a heartbeat without a fault keeps the last fault. */
export const recordScreenHeartbeat = async (db: Db, options: { screenId: string; heartbeat: ScreenHeartbeat; at: Date }) => {
  const { heartbeat, at } = options;
  await db
    .update(screens)
    .set({
      lastSeenAt: at,
      lastHeartbeatAt: at,
      playerVersion: heartbeat.playerVersion,
      shownFeedEtag: heartbeat.feedEtag ?? null,
      cachedItems: heartbeat.cachedItems ?? null,
      ...(heartbeat.fault ? { lastFault: heartbeat.fault, lastFaultAt: at } : {}),
    })
    .where(eq(screens.id, options.screenId));
};
