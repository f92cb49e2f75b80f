import { describe, expect, it } from "vitest";
import { createExpiringCache } from "../../../src/http/screen/expiring-cache.ts";

describe("expiring cache", () => {
  it("gives an entry until its own time, then nothing", () => {
    const cache = createExpiringCache<string>();
    cache.set("a", "first", 1_000);
    expect(cache.get("a", 999)).toMatchObject({ value: "first" });
    expect(cache.get("a", 1_000)).toBeUndefined();
    expect(cache.get("b", 0)).toBeUndefined();
  });

  it("remembers that something is absent", () => {
    const cache = createExpiringCache<string | undefined>();
    cache.set("unknown token", undefined, 1_000);
    expect(cache.get("unknown token", 0)).toMatchObject({ value: undefined });
  });

  it("forgets everything on clear, and when it grows past maxEntries", () => {
    const cache = createExpiringCache<number>({ maxEntries: 2 });
    cache.set("a", 1, 1_000);
    cache.clear();
    expect(cache.get("a", 0)).toBeUndefined();
    for (const key of ["a", "b", "c"]) cache.set(key, 1, 1_000);
    expect(cache.get("a", 0)).toMatchObject({ value: 1 });
    cache.set("d", 1, 1_000);
    expect(cache.get("a", 0)).toBeUndefined();
    expect(cache.get("d", 0)).toMatchObject({ value: 1 });
  });
});
