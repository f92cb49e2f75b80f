// Server-sent events for screens: one PostgreSQL LISTEN per API process; on any feed change every connected
// screen's feed is recomputed once (not once per connection) and an event goes to its connections when its ETag
// moved. A timer does the same every `refreshMs`, so validity windows opening and closing reach screens too.
import type { Db } from "../../db/client.ts";
import { feedChannel, tokensChannel, type FeedChange, type ScreenFeedChange } from "../../db/queries/feed-notify.ts";
import { getScreen } from "../../db/queries/screens.ts";
import type { Screen } from "../../delivery/display-renditions.ts";
import { currentFeed, type FeedItem } from "../../delivery/screen-feed.ts";
import { AppError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { createExpiringCache } from "./expiring-cache.ts";

export type FeedSink = {
  send: (event: { event: string; data: string; id?: string }) => Promise<void>;
  ping: () => Promise<void>;
  close: () => void;
};

export type CachedFeed = { items: FeedItem[]; etag: string };

export type FeedEvents = {
  /** The screen's feed, computed at most every few seconds and at once after any feed change (NOTIFY). */
  feed: (screen: Screen) => Promise<CachedFeed>;
  /** The screen a token belongs to, remembered for a few seconds; a revocation (NOTIFY) forgets them all. */
  screenForToken: (token: string, lookUp: () => Promise<Screen | undefined>) => Promise<Screen | undefined>;
  /** Whether this (screen, ETag) is new since it was last logged as served; remembers it. */
  firstServed: (screen: Screen, etag: string) => boolean;
  /** Whether lastSeenAt is worth writing again (at most every 30 s per screen). */
  shouldTouch: (screen: Screen) => boolean;
  /** Registers a connection; its first event is the current feed's ETag. Returns the unsubscribe. */
  subscribe: (screen: Screen, sink: FeedSink) => Promise<() => void>;
  connections: () => number;
  close: () => Promise<void>;
};

type Entry = { screen: Screen; sinks: Set<FeedSink>; etag?: string };

export const createFeedEvents = async (options: {
  db: Db;
  clock: () => Date;
  logger: Logger;
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  refreshMs?: number;
}): Promise<FeedEvents> => {
  // the connected screens: their event sinks and the ETag last sent to them
  const screens = new Map<string, Entry>();
  let queued: Promise<void> = Promise.resolve();
  let pending = false;
  let lastChange: FeedChange | undefined;
  /** Screens whose settings changed (size, gate, languages): their connections' screen is read again. */
  const changedScreens = new Set<string>();
  let closed = false;

  // What this process remembers, besides the connections above. By screen id unless said otherwise.
  /** Each screen's feed, for `feedTtlMs` on the injected clock (less when an item expires sooner); forgotten on any feed change. */
  const feeds = createExpiringCache<CachedFeed>();
  const feedTtlMs = 5_000;
  /** By token hash: the screen it belongs to (or none), for 10 s; forgotten on any token revocation. */
  const tokenScreens = createExpiringCache<Screen | undefined>({ maxEntries: 10_000 });
  /** That lastSeenAt was written, for 30 s: the feed route does not write it on every poll. */
  const touched = createExpiringCache<true>();
  /** The ETag last logged as served, so each feed version is logged once per screen. */
  const served = new Map<string, string>();

  /** Look-ups under way, by key: a thousand screens connecting at once make one query, not a thousand. */
  const inFlight = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    let pending = inFlight.get(key) as Promise<T> | undefined;
    if (!pending) inFlight.set(key, (pending = work().finally(() => inFlight.delete(key))));
    return pending;
  };

  const feed = async (screen: Screen): Promise<CachedFeed> => {
    const now = options.clock();
    const cached = feeds.get(screen.id, now.getTime());
    if (cached) return cached.value;
    return once(`feed:${screen.id}`, async () => {
      const { items, etag } = await currentFeed(options.db, screen, now);
      // recomputed no later than the first item's expiry
      const until = Math.min(now.getTime() + feedTtlMs, ...items.map((item) => Date.parse(item.expiresAt)));
      const fresh = { items, etag };
      feeds.set(screen.id, fresh, until);
      return fresh;
    });
  };

  const stateOf = async (screen: Screen) => {
    const { items, etag } = await feed(screen);
    return { etag, urgent: items.some((item) => item.urgency === "urgent"), items: items.length };
  };

  const deliver = async (entry: Entry, reason: string) => {
    if (changedScreens.delete(entry.screen.id)) entry.screen = (await getScreen(options.db, entry.screen.id)) ?? entry.screen;
    // disabled meanwhile: its streams end (its player's reconnect is refused, the token cache was dropped too)
    if (entry.screen.disabled) {
      screens.delete(entry.screen.id);
      for (const sink of entry.sinks) sink.close();
      return;
    }
    const state = await stateOf(entry.screen);
    if (state.etag === entry.etag) return;
    entry.etag = state.etag;
    const data = JSON.stringify({ ...state, reason, ...(lastChange ? { bulletinId: lastChange.bulletinId, status: lastChange.status } : {}) });
    await Promise.all([...entry.sinks].map((sink) => sink.send({ event: "feed", data, id: state.etag }).catch(() => sink.close())));
  };

  // changes arriving while a refresh runs are folded into one more refresh
  const refreshAll = (reason: string) => {
    if (pending) return queued;
    pending = true;
    queued = queued.then(async () => {
      pending = false;
      for (const entry of screens.values()) {
        await deliver(entry, reason).catch((error) => options.logger.warn({ err: error, screen: entry.screen.id }, "feed event failed"));
      }
      // a changed screen with no connection here has nothing to read again
      for (const id of changedScreens) if (!screens.has(id)) changedScreens.delete(id);
    });
    return queued;
  };

  const unlistenTokens = await options.listen(tokensChannel, () => tokenScreens.clear());
  const unlisten = await options.listen(feedChannel, (payload) => {
    feeds.clear();
    try {
      const change = JSON.parse(payload) as FeedChange | ScreenFeedChange;
      if ("screenId" in change) {
        // a screen added, changed, disabled or enabled: what tokens say of it, and its connections' screen, are read again
        tokenScreens.clear();
        changedScreens.add(change.screenId);
        lastChange = undefined;
      } else lastChange = change;
    } catch {
      lastChange = undefined;
    }
    void refreshAll("changed");
  });
  const timer = setInterval(() => {
    void refreshAll("schedule");
    for (const entry of screens.values()) for (const sink of entry.sinks) void sink.ping().catch(() => sink.close());
  }, options.refreshMs ?? 15_000);
  timer.unref();

  return {
    feed,
    screenForToken: async (token, lookUp) => {
      const now = Date.now();
      const cached = tokenScreens.get(token, now);
      if (cached) return cached.value;
      return once(`token:${token}`, async () => {
        const screen = await lookUp();
        tokenScreens.set(token, screen, now + 10_000);
        return screen;
      });
    },
    firstServed: (screen, etag) => {
      if (served.get(screen.id) === etag) return false;
      served.set(screen.id, etag);
      return true;
    },
    shouldTouch: (screen) => {
      const now = Date.now();
      if (touched.get(screen.id, now)) return false;
      touched.set(screen.id, true, now + 30_000);
      return true;
    },
    subscribe: async (screen, sink) => {
      // shutting down: no new streams (a player reconnecting on a kept-alive connection would hold the server open)
      if (closed) throw new AppError("unavailable", "the server is shutting down; reconnect in a moment");
      let entry = screens.get(screen.id);
      if (!entry) screens.set(screen.id, (entry = { screen, sinks: new Set() }));
      const state = await stateOf(screen);
      entry.etag ??= state.etag;
      await sink.send({ event: "feed", data: JSON.stringify({ ...state, reason: "connected" }), id: state.etag });
      entry.sinks.add(sink);
      return () => {
        entry.sinks.delete(sink);
        // (an entry already dropped, its screen disabled, leaves a newer one alone)
        if (entry.sinks.size === 0 && screens.get(screen.id) === entry) screens.delete(screen.id);
      };
    },
    connections: () => [...screens.values()].reduce((total, entry) => total + entry.sinks.size, 0),
    close: async () => {
      closed = true;
      clearInterval(timer);
      await unlisten().catch(() => {});
      await unlistenTokens().catch(() => {});
      for (const entry of screens.values()) for (const sink of entry.sinks) sink.close();
      screens.clear();
    },
  };
};
