// What an API process remembers for a while: each entry is valid until its own time; clear() forgets everything
// (a NOTIFY says the remembered things may have changed).

export type ExpiringCache<Value> = {
  /** The entry for `key` if it is still valid at `now` (ms); an entry can hold undefined (remembered as absent). */
  get: (key: string, now: number) => { value: Value } | undefined;
  /** Remembers `value` for `key` until `until` (ms). */
  set: (key: string, value: Value, until: number) => void;
  clear: () => void;
};

/** `maxEntries`: past it, the whole cache is dropped before the next entry goes in (a cheap bound, no LRU). */
export const createExpiringCache = <Value>(options: { maxEntries?: number } = {}): ExpiringCache<Value> => {
  const entries = new Map<string, { value: Value; until: number }>();
  return {
    get: (key, now) => {
      const entry = entries.get(key);
      return entry && entry.until > now ? entry : undefined;
    },
    set: (key, value, until) => {
      if (options.maxEntries !== undefined && entries.size > options.maxEntries) entries.clear();
      entries.set(key, { value, until });
    },
    clear: () => entries.clear(),
  };
};
