import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { screenContacts, screenContactSlotMs, screens } from "../schema/index.ts";

export type Screen = typeof screens.$inferSelect;
export type NewScreen = typeof screens.$inferInsert;

export const getScreen = async (db: Db, id: string, options: { forUpdate?: boolean } = {}) => {
  const query = db.select().from(screens).where(eq(screens.id, id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
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

/** The screen's settings an admin may change: name, gate, languages, size, disabled. */
export type ScreenChanges = Partial<Pick<NewScreen, "name" | "gateCode" | "languages" | "width" | "height" | "disabled">>;

/** Changes a screen's settings; the screen as it now is, or undefined when there is no such screen. */
export const updateScreen = async (db: Db, options: { id: string; set: ScreenChanges }) => {
  const [row] = await db.update(screens).set(options.set).where(eq(screens.id, options.id)).returning();
  return row;
};

/** Notes the five-minute slot the screen was heard from (for its uptime in reports); once per slot. */
const recordContact = async (db: Db, options: { id: string; at: Date }) => {
  const slot = new Date(Math.floor(options.at.getTime() / screenContactSlotMs) * screenContactSlotMs);
  await db.insert(screenContacts).values({ screenId: options.id, slot }).onConflictDoNothing();
};

/** Records that the screen called at `at`. */
export const touchScreen = async (db: Db, options: { id: string; at: Date }) => {
  await db.update(screens).set({ lastSeenAt: options.at }).where(eq(screens.id, options.id));
  await recordContact(db, options);
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
  await recordContact(db, { id: options.screenId, at });
};
