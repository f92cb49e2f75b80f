// The screen feed's body cache: one serialization per (screen, ETag), compressed once per encoding, the bytes
// decompressing to the same body; a new ETag replaces the screen's entry; bounded by entries and bytes.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { chooseEncoding, compressFrom, createFeedBodies } from "../../../src/http/screen/feed-bodies.ts";

const bigBody = (tag: string) => JSON.stringify({ tag, items: Array.from({ length: 40 }, (_, i) => ({ i, headline: `Cửa khẩu Cầu Treo tạm đóng ${i}` })) });
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("feed bodies", () => {
  it("serializes once per ETag and compresses once per encoding, to bytes that decompress to the same body", async () => {
    const bodies = createFeedBodies();
    let serialized = 0;
    const serialize = () => ((serialized += 1), bigBody("a"));
    const identity = await bodies.body("screen-1", '"a"', "identity", serialize);
    expect(identity.encoding).toBe("identity");
    expect(text(identity.bytes)).toBe(bigBody("a"));
    const [gzip, gzipAgain] = await Promise.all([bodies.body("screen-1", '"a"', "gzip", serialize), bodies.body("screen-1", '"a"', "gzip", serialize)]);
    expect(gzip.encoding).toBe("gzip");
    expect(gzipAgain.bytes).toBe(gzip.bytes);
    expect(gunzipSync(gzip.bytes).toString("utf8")).toBe(bigBody("a"));
    const br = await bodies.body("screen-1", '"a"', "br", serialize);
    expect(br.encoding).toBe("br");
    expect(brotliDecompressSync(br.bytes).toString("utf8")).toBe(bigBody("a"));
    expect(br.bytes.byteLength).toBeLessThan(identity.bytes.byteLength);
    expect(serialized).toBe(1);
    expect(bodies.size()).toEqual({ entries: 1, bytes: identity.bytes.byteLength + gzip.bytes.byteLength + br.bytes.byteLength });
  });

  it("replaces a screen's body when its ETag moves, compressed forms included", async () => {
    const bodies = createFeedBodies();
    await bodies.body("screen-1", '"a"', "gzip", () => bigBody("a"));
    const moved = await bodies.body("screen-1", '"b"', "gzip", () => bigBody("b"));
    expect(gunzipSync(moved.bytes).toString("utf8")).toBe(bigBody("b"));
    expect(text((await bodies.body("screen-1", '"b"', "identity", () => "never")).bytes)).toBe(bigBody("b"));
    expect(bodies.size().entries).toBe(1);
  });

  it("sends small bodies uncompressed", async () => {
    const bodies = createFeedBodies();
    const small = JSON.stringify({ items: [] });
    expect(small.length).toBeLessThan(compressFrom);
    const answer = await bodies.body("screen-1", '"e"', "br", () => small);
    expect(answer.encoding).toBe("identity");
    expect(text(answer.bytes)).toBe(small);
  });

  it("keeps at most maxEntries screens and maxBytes bytes, dropping the least recently served first", async () => {
    const bodies = createFeedBodies({ maxEntries: 2 });
    const calls: string[] = [];
    const get = (key: string) => bodies.body(key, '"x"', "identity", () => (calls.push(key), `{"key":"${key}"}`));
    await get("a");
    await get("b");
    await get("a"); // a is now the most recently served
    await get("c"); // b goes
    await get("a");
    await get("b");
    expect(calls).toEqual(["a", "b", "c", "b"]);
    expect(bodies.size().entries).toBe(2);

    const bounded = createFeedBodies({ maxBytes: 3 * Buffer.byteLength(bigBody("a")) });
    for (const key of ["a", "b", "c", "d", "e"]) await bounded.body(key, '"x"', "identity", () => bigBody(key));
    expect(bounded.size().bytes).toBeLessThanOrEqual(3 * Buffer.byteLength(bigBody("a")));
    expect(bounded.size().entries).toBe(3);
  });

  it("picks br, else gzip, as the client's Accept-Encoding allows", () => {
    expect(chooseEncoding(undefined)).toBe("identity");
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip, deflate")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0.5, gzip;q=0.8")).toBe("gzip");
    expect(chooseEncoding("gzip;q=0, br;q=0")).toBe("identity");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*;q=0, identity")).toBe("identity");
    expect(chooseEncoding("x-gzip")).toBe("gzip");
    expect(chooseEncoding("identity")).toBe("identity");
  });
});
