// The screen feed served from its body cache, on every back end: the same JSON and ETag the feed always gave
// (items and tag recomputed here from the database), the same bytes while the tag holds, gzip and br bodies that
// decompress to those bytes, and a new body (in every encoding) once the feed changes: a bulletin published by
// the worker, a withdrawal.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getScreen } from "../../src/db/queries/screens.ts";
import { feedEtag, screenFeedItems } from "../../src/delivery/screen-feed.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

describe.each(backends)("screen feed bodies on $name", (backend) => {
  let pipeline: TestPipeline;
  // a clock that moves on with every reading: a body serialized again would show another generatedAt
  let ticks = 0;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { clock: () => new Date(Date.now() + (ticks += 1)) });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const token = () => pipeline.credentials.screens.find((screen) => screen.name.startsWith("Cầu Treo"))!.token;
  const get = async (headers: Record<string, string> = {}) => {
    const response = await pipeline.app.request("/screen/v1/feed", { headers: { authorization: `Bearer ${token()}`, ...headers } });
    const raw = Buffer.from(await response.arrayBuffer());
    const encoding = response.headers.get("content-encoding");
    const text = (encoding === "gzip" ? gunzipSync(raw) : encoding === "br" ? brotliDecompressSync(raw) : raw).toString("utf8");
    return { status: response.status, headers: response.headers, encoding, raw, text };
  };
  /** the feed's items and ETag as the database has them now */
  const expected = async (screenId: string) => {
    const screen = (await getScreen(pipeline.db, screenId))!;
    const items = await screenFeedItems(pipeline.db, screen, new Date());
    return { screen, items, etag: feedEtag(screen, items) };
  };

  it("answers the feed's JSON and ETag, the same bytes while the tag holds, and gzip/br that decompress to them", async () => {
    await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "routine", channels: ["display"] });
    await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["display"] });
    const plain = await get();
    expect(plain.status, plain.text).toBe(200);
    expect(plain.headers.get("content-type")).toBe("application/json");
    expect(plain.headers.get("cache-control")).toBe("no-cache");
    expect(plain.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(plain.encoding).toBeNull();
    const body = JSON.parse(plain.text);
    const now = await expected(body.screen.id);
    expect(plain.headers.get("etag")).toBe(now.etag);
    expect(body).toEqual({
      screen: { id: now.screen.id, gate: "VN-HT-CAUTREO", languages: now.screen.languages, width: now.screen.width, height: now.screen.height },
      generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      items: now.items,
    });
    expect(Object.keys(body)).toEqual(["screen", "generatedAt", "items"]);
    expect(body.items).toHaveLength(6);

    // while the tag holds: the very same bytes (the clock moved on; nothing was serialized again)
    const again = await get();
    expect(again.text).toBe(plain.text);
    expect(again.headers.get("etag")).toBe(now.etag);

    for (const [asked, answered] of [
      ["gzip", "gzip"],
      ["gzip, deflate, br", "br"],
      ["br;q=0, gzip;q=0", null],
    ] as const) {
      const encoded = await get({ "accept-encoding": asked });
      expect(encoded.status).toBe(200);
      expect(encoded.encoding, asked).toBe(answered);
      expect(encoded.text).toBe(plain.text);
      expect(encoded.headers.get("etag")).toBe(now.etag);
      expect(encoded.headers.get("vary")).toMatch(/accept-encoding/i);
      if (answered) expect(encoded.raw.byteLength).toBeLessThan(Buffer.byteLength(plain.text));
    }

    const notModified = await get({ "if-none-match": now.etag, "accept-encoding": "gzip" });
    expect(notModified.status).toBe(304);
    expect(notModified.raw.byteLength).toBe(0);
    expect(notModified.headers.get("etag")).toBe(now.etag);
    expect(notModified.headers.get("vary")).toMatch(/accept-encoding/i);
  });

  /** The feed until its ETag is no longer `etag`: API processes learn of a change by NOTIFY, just after the commit. */
  const changedFrom = async (etag: string, headers: Record<string, string> = {}) => {
    for (let tries = 0; tries < 200; tries += 1) {
      const feed = await get(headers);
      if (feed.headers.get("etag") !== etag) return feed;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the feed still has ETag ${etag}`);
  };

  it("serves a new body, in every encoding, once a publication or a withdrawal changes the feed", async () => {
    const before = await get();
    const beforeBr = await get({ "accept-encoding": "br" });
    const beforeGzip = await get({ "accept-encoding": "gzip" });
    expect(beforeBr.encoding).toBe("br");
    const etag = before.headers.get("etag")!;

    // published by the worker (in another process in production: the feed learns of it by NOTIFY)
    const added = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "priority", channels: ["display"] });
    const afterBr = await changedFrom(etag, { "accept-encoding": "br" });
    expect(afterBr.encoding).toBe("br");
    const afterBody = JSON.parse(afterBr.text);
    expect(afterBody.items.some((item: any) => item.bulletinId === added)).toBe(true);
    const now = await expected(afterBody.screen.id);
    expect(afterBr.headers.get("etag")).toBe(now.etag);
    expect(afterBody.items).toEqual(now.items);
    const afterGzip = await get({ "accept-encoding": "gzip" });
    const afterPlain = await get();
    expect(afterGzip.text).toBe(afterBr.text);
    expect(afterPlain.text).toBe(afterBr.text);
    expect(afterGzip.raw.equals(beforeGzip.raw)).toBe(false);

    // withdrawn: gone from every encoding
    expect(
      (await pipeline.request("POST", `/api/v1/bulletins/${added}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "reopened" } })).status,
    ).toBe(200);
    const withdrawnGzip = await changedFrom(now.etag, { "accept-encoding": "gzip" });
    for (const feed of [withdrawnGzip, await get({ "accept-encoding": "br" }), await get()]) {
      expect(JSON.parse(feed.text).items.some((item: any) => item.bulletinId === added)).toBe(false);
      expect(feed.headers.get("etag")).toBe(withdrawnGzip.headers.get("etag"));
    }
    // the same items as before the publication: the same tag as then
    expect(withdrawnGzip.headers.get("etag")).toBe(etag);
    expect(JSON.parse(withdrawnGzip.text).items).toEqual(JSON.parse(before.text).items);
  });
});
