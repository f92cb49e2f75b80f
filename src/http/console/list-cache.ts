// The console's bulletin list, rendered once and shown again to the same session while nothing it shows changed:
// an entry is per session (its CSRF token, which the page carries), the reader's name, roles and language, and the
// query string, and is used only while
//   - the list's version (a sequence that triggers on bulletins and bulletin_texts move on every change, by any
//     process; src/db/queries/console-list-version.ts) is the one it was rendered at, read once per request, and
//   - it is younger than `maxAgeMs` (by the app's clock): this bounds both "in force now" (the urgent list changes
//     with time alone) and a version moved by a change that had not committed yet when the page was read.
// Bounded in memory: the least recently used entries go first once the entries pass `maxBytes`.
import type { Db } from "../../db/client.ts";

export type ListCacheSettings = { maxAgeMs: number; maxBytes: number };

export const defaultListCacheSettings: ListCacheSettings = { maxAgeMs: 3_000, maxBytes: 16 * 1024 * 1024 };

type Entry = { version: string; at: number; html: string; bytes: number };

export type ListCache = {
  /** the page rendered for `key` at `version`, if it is still young enough at `now` */
  get: (key: string, version: string, now: number) => string | undefined;
  set: (key: string, version: string, now: number, html: string) => void;
  /** how many entries and bytes it holds (for tests and the benchmark) */
  size: () => { entries: number; bytes: number };
};

export const createListCache = (settings: ListCacheSettings = defaultListCacheSettings): ListCache => {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string, entry: Entry) => {
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
      return entry.html;
    },
    set: (key, version, now, html) => {
      const old = entries.get(key);
      if (old) drop(key, old);
      const entry = { version, at: now, html, bytes: html.length * 2 };
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

// one cache per database the app reads (createApp runs once per process; tests make many apps, each its own db)
const caches = new WeakMap<Db, ListCache>();

export const listCacheFor = (db: Db) => {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = createListCache()));
  return cache;
};
