// Server-sent events for screens: one PostgreSQL LISTEN per API process; on any feed change every connected
// screen's feed is recomputed once (not once per connection) and an event goes to its connections when its ETag
// moved. A timer does the same every `refreshMs`, so validity windows opening and closing reach screens too.
import type { Db } from "../../db/client.ts";
import { feedChannel, type FeedChange } from "../../db/queries/feed-notify.ts";
import type { Screen } from "../../delivery/display-renditions.ts";
import { feedEtag, screenFeedItems } from "../../delivery/screen-feed.ts";
import type { Logger } from "../../logger.ts";

export type FeedSink = {
  send: (event: { event: string; data: string; id?: string }) => Promise<void>;
  ping: () => Promise<void>;
  close: () => void;
};

export type FeedEvents = {
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
  const screens = new Map<string, Entry>();
  let queued: Promise<void> = Promise.resolve();
  let pending = false;
  let lastChange: FeedChange | undefined;

  const stateOf = async (screen: Screen) => {
    const items = await screenFeedItems(options.db, screen, options.clock());
    return { etag: feedEtag(screen, items), urgent: items.some((item) => item.urgency === "urgent"), items: items.length };
  };

  const deliver = async (entry: Entry, reason: string) => {
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
    });
    return queued;
  };

  const unlisten = await options.listen(feedChannel, (payload) => {
    try {
      lastChange = JSON.parse(payload) as FeedChange;
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
    subscribe: async (screen, sink) => {
      let entry = screens.get(screen.id);
      if (!entry) screens.set(screen.id, (entry = { screen, sinks: new Set() }));
      const state = await stateOf(screen);
      entry.etag ??= state.etag;
      await sink.send({ event: "feed", data: JSON.stringify({ ...state, reason: "connected" }), id: state.etag });
      entry.sinks.add(sink);
      return () => {
        entry.sinks.delete(sink);
        if (entry.sinks.size === 0) screens.delete(screen.id);
      };
    },
    connections: () => [...screens.values()].reduce((total, entry) => total + entry.sinks.size, 0),
    close: async () => {
      clearInterval(timer);
      await unlisten().catch(() => {});
      for (const entry of screens.values()) for (const sink of entry.sinks) sink.close();
      screens.clear();
    },
  };
};
