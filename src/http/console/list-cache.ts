// The console's bulletin list, rendered once and shown again to the same session while nothing it shows changed:
// an entry is per session (its CSRF token, which the page carries), the reader's name, roles and language, and the
// query string; and, the same way, the waiting-work banner of every page, per reader (waiting-work.ts). An entry is
// used only while
//   - the list's version (a sequence that triggers on bulletins and bulletin_texts move on every change, by any
//     process; src/db/queries/console-list-version.ts) is the one it was rendered at, read once per request, and
//   - it is younger than `maxAgeMs` (by the app's clock): this bounds both "in force now" (the urgent list changes
//     with time alone) and a version moved by a change that had not committed yet when the page was read.
// Bounded in memory: the least recently used entries go first once the entries pass `maxBytes`.
import type { Db } from "../../db/client.ts";
import type { WaitingWork } from "./waiting-work.ts";

export type ListCacheSettings = { maxAgeMs: number; maxBytes: number };

export const defaultListCacheSettings: ListCacheSettings = { maxAgeMs: 3_000, maxBytes: 16 * 1024 * 1024 };

type Entry<Value> = { version: string; at: number; value: Value; bytes: number };

export type VersionedCache<Value> = {
  /** what was made for `key` at `version`, if it is still young enough at `now` */
  get: (key: string, version: string, now: number) => Value | undefined;
  set: (key: string, version: string, now: number, value: Value) => void;
  /** how many entries and bytes it holds (for tests and the benchmark) */
  size: () => { entries: number; bytes: number };
};

export type ListCache = VersionedCache<string>;

/** `bytesOf` estimates an entry's size for the bound (a page: two bytes a character). */
export const createVersionedCache = <Value>(settings: ListCacheSettings, bytesOf: (value: Value) => number): VersionedCache<Value> => {
  const entries = new Map<string, Entry<Value>>();
  let bytes = 0;
  const drop = (key: string, entry: Entry<Value>) => {
    entries.delete(key);
    bytes -= entry.bytes;
  };
  return {
    get: (key, version, now) => {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.version !== version || now - entry.at >= settings.maxAgeMs || now < entry.at) {
        drop(key, entry);
        return undefined;
      }
      // most recently used last
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set: (key, version, now, value) => {
      const old = entries.get(key);
      if (old) drop(key, old);
      const entry = { version, at: now, value, bytes: bytesOf(value) };
      if (entry.bytes > settings.maxBytes) return;
      entries.set(key, entry);
      bytes += entry.bytes;
      for (const [oldest, value] of entries) {
        if (bytes <= settings.maxBytes) break;
        drop(oldest, value);
      }
    },
    size: () => ({ entries: entries.size, bytes }),
  };
};

export const createListCache = (settings: ListCacheSettings = defaultListCacheSettings): ListCache =>
  createVersionedCache<string>(settings, (html) => html.length * 2);

/** One cache of each kind per database the app reads (createApp runs once per process; tests make many apps, each
 *  its own db). */
export const perDatabase = <Cache extends object>(make: () => Cache) => {
  const caches = new WeakMap<Db, Cache>();
  return (db: Db) => {
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = make()));
    return cache;
  };
};

export const listCacheFor = perDatabase(() => createListCache());

/** The waiting-work banner per reader: small entries (a few headlines), so a bound of 4 MB is thousands of readers. */
export const waitingCacheFor = perDatabase(() =>
  createVersionedCache<WaitingWork>(
    { ...defaultListCacheSettings, maxBytes: 4 * 1024 * 1024 },
    (waiting) => 200 + waiting.bulletins.reduce((sum, bulletin) => sum + 100 + bulletin.headline.length * 2, 0),
  ),
);
