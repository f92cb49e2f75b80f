// What screens report back: heartbeats (player version, the feed it shows, cached items, faults) and plays,
// which arrive late after an outage and are counted once however often they are sent.
import type { Db } from "../db/client.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import { listScreenRenditions } from "../db/queries/renditions.ts";
import { recordScreenHeartbeat, touchScreen, type Screen } from "../db/queries/screens.ts";
import type { FeedItem } from "./screen-feed.ts";
import { currentFeed } from "./screen-feed.ts";

/** A screen that has not been heard from for this long is flagged silent. */
export const silentAfterMs = 5 * 60_000;

export type Heartbeat = { playerVersion: string; feedEtag?: string; cachedItems?: string[]; fault?: string };

export const recordHeartbeat = async (db: Db, options: { screen: Screen; heartbeat: Heartbeat; now: Date }) => {
  const { screen, heartbeat, now } = options;
  const { etag: current } = await currentFeed(db, screen, now);
  await recordScreenHeartbeat(db, {
    screenId: screen.id,
    heartbeat: { playerVersion: heartbeat.playerVersion, feedEtag: heartbeat.feedEtag, cachedItems: heartbeat.cachedItems?.length, fault: heartbeat.fault },
    at: now,
  });
  return { feedEtag: current, upToDate: heartbeat.feedEtag === current };
};

export type Play = { itemId: string; startedAt: string; durationSec: number };

/** Logs each play once: the same (item, start) sent again is a repeat, not a second play. */
export const recordPlays = async (db: Db, options: { screen: Screen; plays: Play[]; now: Date }) => {
  const { screen, plays, now } = options;
  const ids = [...new Set(plays.map((play) => play.itemId))];
  const known = ids.length ? await listScreenRenditions(db, { screenId: screen.id, ids }) : [];
  const byId = new Map(known.map((row) => [row.id, row]));
  const rejected: { itemId: string; startedAt: string; reason: string }[] = [];
  let counted = 0;
  for (const play of plays) {
    const item = byId.get(play.itemId);
    if (!item) {
      rejected.push({ itemId: play.itemId, startedAt: play.startedAt, reason: "unknown_item" });
      continue;
    }
    const startedAt = new Date(play.startedAt);
    if (startedAt.getTime() > now.getTime() + 5 * 60_000) {
      rejected.push({ itemId: play.itemId, startedAt: play.startedAt, reason: "in_the_future" });
      continue;
    }
    counted += await logDelivery(db, {
      at: now,
      bulletinId: item.bulletinId,
      screenId: screen.id,
      channel: "display",
      language: item.language,
      event: "display.played",
      occurredAt: startedAt,
      detail: {
        itemId: play.itemId,
        startedAt: startedAt.toISOString(),
        durationSec: play.durationSec,
        lateBySec: Math.max(0, Math.round((now.getTime() - startedAt.getTime()) / 1000)),
      },
      dedupeKey: `play:${screen.id}:${play.itemId}:${startedAt.toISOString()}`,
    });
  }
  await touchScreen(db, { id: screen.id, at: now });
  return { counted, repeated: plays.length - rejected.length - counted, rejected };
};

/** The first time a screen is served an item, the log says so (once per screen and item). */
export const logFeedServed = (db: Db, options: { screen: Screen; items: FeedItem[]; now: Date }) => {
  const { screen, now } = options;
  return logDelivery(
    db,
    options.items.map((item) => ({
      at: now,
      bulletinId: item.bulletinId,
      screenId: screen.id,
      channel: "display",
      language: item.language,
      event: "display.served",
      detail: { itemId: item.id, slide: item.slide },
      dedupeKey: `served:${screen.id}:${item.id}`,
    })),
  );
};

export type ScreenHealth = {
  lastSeenAt: string | null;
  lastHeartbeatAt: string | null;
  playerVersion: string | null;
  cachedItems: number | null;
  upToDate: boolean;
  silentTooLong: boolean;
  lastFault: string | null;
  lastFaultAt: string | null;
};

export const screenHealth = async (db: Db, screen: Screen, now: Date): Promise<ScreenHealth> => {
  const { etag: current } = await currentFeed(db, screen, now);
  return {
    lastSeenAt: screen.lastSeenAt?.toISOString() ?? null,
    lastHeartbeatAt: screen.lastHeartbeatAt?.toISOString() ?? null,
    playerVersion: screen.playerVersion,
    cachedItems: screen.cachedItems,
    upToDate: screen.shownFeedEtag === current,
    silentTooLong: !screen.lastSeenAt || now.getTime() - screen.lastSeenAt.getTime() > silentAfterMs,
    lastFault: screen.lastFault,
    lastFaultAt: screen.lastFaultAt?.toISOString() ?? null,
  };
};
