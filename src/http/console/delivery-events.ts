// Server-sent events for the console's delivery view: one LISTEN per API process on the delivery log's channel (and
// on bulletin status changes); when a bulletin with open streams changes, its delivery rows are read once (not once
// per stream) and each stream gets the rows that changed since it last heard. A stream is tied to its console
// session: it ends when the session expires or is revoked (sign-out anywhere), and the browser's reconnect is refused.
import type { Db } from "../../db/client.ts";
import { deliveryChannel } from "../../db/queries/delivery-log.ts";
import { feedChannel, tokensChannel } from "../../db/queries/feed-notify.ts";
import { readBulletinDelivery, type BulletinDelivery, type DeliveryRow } from "../../delivery/bulletin-delivery.ts";
import { AppError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";

export type DeliverySink = {
  /** the rows that changed (all of them on the first call), the order of every row, and the bulletin's status */
  send: (update: { changed: DeliveryRow[]; delivery: BulletinDelivery }) => Promise<void>;
  ping: () => Promise<void>;
  /** whether the session behind the stream is still live (asked after any token revocation) */
  sessionLive: () => Promise<boolean>;
  /** when the session ends by itself */
  expiresAt: Date | null;
  close: () => void;
};

export type DeliveryEvents = {
  /** Registers a stream for a bulletin; it first gets every row. Returns the unsubscribe. */
  subscribe: (bulletinId: string, sink: DeliverySink) => Promise<() => void>;
  connections: () => number;
  close: () => Promise<void>;
};

type Entry = {
  bulletinId: string;
  sinks: Set<DeliverySink>;
  /** streams that have not had their first (full) update yet */
  fresh: Set<DeliverySink>;
  /** each row as last sent, by key */
  last: Map<string, string>;
  running: Promise<void>;
  again: boolean;
  busy: boolean;
};

export const createDeliveryEvents = async (options: {
  db: Db;
  logger: Logger;
  clock: () => Date;
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  pingMs?: number;
}): Promise<DeliveryEvents> => {
  const bulletins = new Map<string, Entry>();
  const expiryTimers = new Map<DeliverySink, NodeJS.Timeout>();
  let closed = false;

  const refreshOnce = async (entry: Entry) => {
    const delivery = await readBulletinDelivery(options.db, entry.bulletinId);
    if (!delivery) {
      for (const sink of entry.sinks) sink.close();
      return;
    }
    const changed = delivery.rows.filter((row) => entry.last.get(row.key) !== JSON.stringify(row));
    const gone = [...entry.last.keys()].some((key) => !delivery.rows.some((row) => row.key === key));
    for (const row of delivery.rows) entry.last.set(row.key, JSON.stringify(row));
    const fresh = [...entry.fresh];
    entry.fresh.clear();
    await Promise.all(
      [...entry.sinks].map((sink) => {
        const rows = fresh.includes(sink) ? delivery.rows : changed;
        if (rows.length === 0 && !gone && !fresh.includes(sink)) return undefined;
        return sink.send({ changed: rows, delivery }).catch(() => sink.close());
      }),
    );
  };

  // changes arriving while a bulletin's rows are being read are folded into one more read
  const refresh = (entry: Entry): Promise<void> => {
    if (entry.busy) {
      entry.again = true;
      return entry.running;
    }
    entry.busy = true;
    entry.running = (async () => {
      do {
        entry.again = false;
        await refreshOnce(entry).catch((error) => options.logger.warn({ err: error, bulletinId: entry.bulletinId }, "delivery event failed"));
      } while (entry.again && entry.sinks.size > 0);
      entry.busy = false;
    })();
    return entry.running;
  };

  const changedBulletin = (bulletinId: string) => {
    const entry = bulletins.get(bulletinId);
    if (entry) void refresh(entry);
  };

  const unsubscribeSink = (entry: Entry, sink: DeliverySink) => {
    entry.sinks.delete(sink);
    entry.fresh.delete(sink);
    clearTimeout(expiryTimers.get(sink));
    expiryTimers.delete(sink);
    if (entry.sinks.size === 0) bulletins.delete(entry.bulletinId);
  };

  const unlistenDelivery = await options.listen(deliveryChannel, (payload) => changedBulletin(payload));
  const unlistenFeed = await options.listen(feedChannel, (payload) => {
    try {
      const change = JSON.parse(payload) as { bulletinId?: string };
      if (change.bulletinId) changedBulletin(change.bulletinId);
    } catch {
      // not ours to read
    }
  });
  // a session revoked anywhere (sign-out, an admin revoking it) ends its streams here
  const unlistenTokens = await options.listen(tokensChannel, () => {
    for (const entry of bulletins.values()) {
      for (const sink of entry.sinks)
        void sink.sessionLive().then(
          (live) => (live ? undefined : sink.close()),
          () => undefined,
        );
    }
  });
  const timer = setInterval(() => {
    for (const entry of bulletins.values()) for (const sink of entry.sinks) void sink.ping().catch(() => sink.close());
  }, options.pingMs ?? 15_000);
  timer.unref();

  return {
    subscribe: async (bulletinId, sink) => {
      if (closed) throw new AppError("unavailable", "the server is shutting down; reconnect in a moment");
      let entry = bulletins.get(bulletinId);
      if (!entry)
        bulletins.set(
          bulletinId,
          (entry = { bulletinId, sinks: new Set(), fresh: new Set(), last: new Map(), running: Promise.resolve(), again: false, busy: false }),
        );
      entry.sinks.add(sink);
      entry.fresh.add(sink);
      if (sink.expiresAt) {
        // timers hold at most about 24.8 days; sessions last hours
        const left = Math.min(sink.expiresAt.getTime() - options.clock().getTime(), 2_000_000_000);
        const expiry = setTimeout(() => sink.close(), Math.max(0, left));
        expiry.unref();
        expiryTimers.set(sink, expiry);
      }
      const subscribed = entry;
      await refresh(subscribed);
      return () => unsubscribeSink(subscribed, sink);
    },
    connections: () => [...bulletins.values()].reduce((total, entry) => total + entry.sinks.size, 0),
    close: async () => {
      closed = true;
      clearInterval(timer);
      await Promise.all([unlistenDelivery(), unlistenFeed(), unlistenTokens()].map((done) => done.catch(() => {})));
      for (const entry of bulletins.values()) for (const sink of entry.sinks) sink.close();
      for (const expiry of expiryTimers.values()) clearTimeout(expiry);
      expiryTimers.clear();
      bulletins.clear();
    },
  };
};
