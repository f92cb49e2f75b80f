// Who a console session token belongs to, remembered for a few seconds in this process so that a page view does not
// look the session up in the database every time (two queries, most of a cached list view's cost). What this
// process does itself is seen at once: signing out forgets the token, a language change forgets the user. What
// happens elsewhere (a sign-out, a user disabled or given other roles by another process or over the API) is
// honoured within `ttlMs` (5 s). A session's own expiry is checked on every view by the app's clock.
import type { Db } from "../../db/client.ts";
import type { User } from "../../db/queries/users.ts";

export const sessionCacheTtlMs = 5_000;
const maxEntries = 10_000;

type Entry = { user: User; expiresAt: Date | null; until: number };

export type SessionCache = {
  get: (token: string, now: Date) => User | undefined;
  set: (token: string, user: User, expiresAt: Date | null) => void;
  forgetToken: (token: string) => void;
  forgetUser: (userId: string) => void;
};

export const createSessionCache = (ttlMs = sessionCacheTtlMs): SessionCache => {
  const entries = new Map<string, Entry>();
  return {
    get: (token, now) => {
      const entry = entries.get(token);
      if (!entry) return undefined;
      // real time for the bound on changes made elsewhere; the app's clock for the session's own expiry
      if (performance.now() >= entry.until || (entry.expiresAt && now >= entry.expiresAt)) {
        entries.delete(token);
        return undefined;
      }
      return entry.user;
    },
    set: (token, user, expiresAt) => {
      if (ttlMs <= 0) return;
      entries.delete(token);
      entries.set(token, { user, expiresAt, until: performance.now() + ttlMs });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    forgetToken: (token) => void entries.delete(token),
    forgetUser: (userId) => {
      for (const [token, entry] of entries) if (entry.user.id === userId) entries.delete(token);
    },
  };
};

// one per database the app reads (tests make many apps, each with its own database)
const caches = new WeakMap<Db, SessionCache>();

export const sessionCacheFor = (db: Db) => {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = createSessionCache()));
  return cache;
};
