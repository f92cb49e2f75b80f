// What screens do: which are active, when each was last heard from, what its player last reported.
// `Screen` and the reads of the screens table here are candidates for db/queries/screens.ts.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { screens } from "../schema/index.ts";

export type Screen = typeof screens.$inferSelect;

/** Every screen that is not disabled, by name. */
export const listActiveScreens = (db: Db) => db.select().from(screens).where(eq(screens.disabled, false)).orderBy(asc(screens.name));

export const markScreenSeen = async (db: Db, screenId: string, at: Date) => {
  await db.update(screens).set({ lastSeenAt: at }).where(eq(screens.id, screenId));
};

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
