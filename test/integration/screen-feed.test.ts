// Border-gate screens on every back end: slides for the screen's gate and languages, a feed with a strong ETag,
// validity checked at read time, withdrawal leaving the feed, foreign tokens getting nothing.
import sharp from "sharp";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBulletin, getBulletinTexts } from "../../src/db/queries/bulletins.ts";
import { slides } from "../../src/db/schema/index.ts";
import { prepareDisplay } from "../../src/delivery/display-renditions.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import { readEvents } from "../helpers/sse.ts";

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe.each(backends)("screen feed on $name", (backend) => {
  let pipeline: TestPipeline;
  let offsetMs = 0;
  const screenToken = (gate: string) => pipeline.credentials.screens.find((screen) => screen.name.startsWith(gate))!.token;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { clock: () => new Date(Date.now() + offsetMs) });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const publishClosure = (gate: string, urgency: string, validUntil = inHours(48)) =>
    pipeline.publishGateClosure({ gate, urgency, channels: ["sms", "display"], validUntil });

  it("serves the Cầu Treo screen its bulletins in vi, lo and en, urgent first, with slides at its size", async () => {
    const routine = await publishClosure("VN-HT-CAUTREO", "routine");
    const urgent = await publishClosure("VN-HT-CAUTREO", "urgent");
    const feed = await pipeline.request("GET", "/screen/v1/feed", { token: screenToken("Cầu Treo") });
    expect(feed.status, feed.text).toBe(200);
    expect(feed.json.screen).toMatchObject({ gate: "VN-HT-CAUTREO", width: 1920, height: 1080 });
    const ours = feed.json.items.filter((item: any) => [routine, urgent].includes(item.bulletinId));
    expect(ours.map((item: any) => [item.bulletinId === urgent ? "urgent" : "routine", item.language])).toEqual([
      ["urgent", "vi"],
      ["urgent", "lo"],
      ["urgent", "en"],
      ["routine", "vi"],
      ["routine", "lo"],
      ["routine", "en"],
    ]);
    const lo = ours.find((item: any) => item.language === "lo");
    expect(lo.headline).toMatch(/[\u0E80-\u0EFF]/);
    const slide = await pipeline.request("GET", lo.slide, { token: screenToken("Cầu Treo") });
    expect(slide.status).toBe(200);
    expect(slide.headers.get("content-type")).toBe("image/png");
    expect(slide.headers.get("cache-control")).toContain("immutable");
    const image = await pipeline.app.request(lo.slide, { headers: { authorization: `Bearer ${screenToken("Cầu Treo")}` } });
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1920, 1080]);

    // strong ETag: the same feed answers 304, without a body
    const etag = feed.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await pipeline.request("GET", "/screen/v1/feed", { token: screenToken("Cầu Treo"), headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");

    // another gate's screen gets neither the items nor the slides
    const mocBai = await pipeline.request("GET", "/screen/v1/feed", { token: screenToken("Mộc Bài") });
    expect(mocBai.json.items.some((item: any) => [routine, urgent].includes(item.bulletinId))).toBe(false);
    expect((await pipeline.request("GET", lo.slide, { token: screenToken("Mộc Bài") })).status).toBe(404);
    expect((await pipeline.request("GET", "/screen/v1/feed", { token: pipeline.partnerToken("VinaTel") })).status).toBe(401);
    expect((await pipeline.request("GET", "/screen/v1/feed")).status).toBe(401);

    // withdrawn: it leaves the feed, and the tag changes
    expect(
      (await pipeline.request("POST", `/api/v1/bulletins/${urgent}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "reopened" } })).status,
    ).toBe(200);
    // API processes cache feeds and learn of changes by NOTIFY, a few milliseconds after the commit
    let after = await pipeline.request("GET", "/screen/v1/feed", { token: screenToken("Cầu Treo"), headers: { "if-none-match": etag } });
    for (let tries = 0; after.status === 304 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await pipeline.request("GET", "/screen/v1/feed", { token: screenToken("Cầu Treo"), headers: { "if-none-match": etag } });
    }
    expect(after.status).toBe(200);
    expect(after.json.items.some((item: any) => item.bulletinId === urgent)).toBe(false);
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("checks validity when the feed is read, and draws the same slide once", async () => {
    const [before] = await pipeline.db.select({ value: count() }).from(slides);
    const id = await publishClosure("VN-TN-XAMAT", "routine", inHours(2));
    const [after] = await pipeline.db.select({ value: count() }).from(slides);
    // vi, km, en at the Xa Mát LED panel (768x384)
    expect(after!.value - before!.value).toBe(3);
    // content-addressed: nothing left to draw for the same content
    const bulletin = (await getBulletin(pipeline.db, id))!;
    const texts = await getBulletinTexts(pipeline.db, id);
    const again = await prepareDisplay(pipeline.db, bulletin, texts);
    expect(again.renditions).toHaveLength(3);
    expect(again.drawn).toHaveLength(0);
    const feed = await pipeline.request("GET", "/screen/v1/feed", { token: screenToken("Xa Mát") });
    expect(feed.json.items.filter((item: any) => item.bulletinId === id).map((item: any) => item.language)).toEqual(["vi", "km", "en"]);
    offsetMs = 3 * 3_600_000;
    try {
      const later = await pipeline.request("GET", "/screen/v1/feed", { token: screenToken("Xa Mát") });
      expect(later.json.items.some((item: any) => item.bulletinId === id)).toBe(false);
    } finally {
      offsetMs = 0;
    }
  });

  it("announces an urgent bulletin and its withdrawal on the screen's event stream", async () => {
    const token = screenToken("Mộc Bài");
    const response = await pipeline.app.request("/screen/v1/events", { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = readEvents(response);
    try {
      const first = await events.next();
      expect(first).toMatchObject({ event: "feed", data: { reason: "connected" } });
      const id = await publishClosure("VN-TN-MOCBAI", "urgent");
      const changed = await events.next();
      expect(changed.event).toBe("feed");
      expect(changed.data).toMatchObject({ reason: "changed", urgent: true, bulletinId: id, status: "published" });
      const feed = await pipeline.request("GET", "/screen/v1/feed", { token });
      expect(changed.data.etag).toBe(feed.headers.get("etag"));
      expect(
        (await pipeline.request("POST", `/api/v1/bulletins/${id}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "test: taken off again" } }))
          .status,
      ).toBe(200);
      const withdrawn = await events.next();
      expect(withdrawn.data).toMatchObject({ bulletinId: id, status: "withdrawn" });
      expect(withdrawn.data.etag).not.toBe(changed.data.etag);
    } finally {
      await events.cancel();
    }
  });

  it("takes heartbeats and late plays, counts each play once, and shows the screen's health", async () => {
    const token = screenToken("Mộc Bài");
    const id = await publishClosure("VN-TN-MOCBAI", "routine");
    let feed = await pipeline.request("GET", "/screen/v1/feed", { token });
    for (let tries = 0; !feed.json.items.some((item: any) => item.bulletinId === id) && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      feed = await pipeline.request("GET", "/screen/v1/feed", { token });
    }
    const items = feed.json.items.filter((item: any) => item.bulletinId === id);
    expect(items).toHaveLength(3);
    const stale = await pipeline.request("POST", "/screen/v1/heartbeat", {
      token,
      body: { playerVersion: "player/1.0", feedEtag: '"old"', cachedItems: [items[0].id] },
    });
    expect(stale.json).toMatchObject({ upToDate: false, feedEtag: feed.headers.get("etag") });
    let screens = await pipeline.request("GET", "/api/v1/screens", { token: pipeline.tokens.admin });
    expect(screens.json.items.find((screen: any) => screen.name.startsWith("Mộc Bài")).health).toMatchObject({
      upToDate: false,
      silentTooLong: false,
      playerVersion: "player/1.0",
      cachedItems: 1,
    });
    const fresh = await pipeline.request("POST", "/screen/v1/heartbeat", {
      token,
      body: {
        playerVersion: "player/1.0",
        feedEtag: feed.headers.get("etag"),
        cachedItems: items.map((item: any) => item.id),
        fault: "<b>disk</b> almost full",
      },
    });
    expect(fresh.status, fresh.text).toBe(422); // markup in a fault is refused like anywhere else
    const ok = await pipeline.request("POST", "/screen/v1/heartbeat", {
      token,
      body: { playerVersion: "player/1.0", feedEtag: feed.headers.get("etag"), fault: "disk almost full" },
    });
    expect(ok.json.upToDate).toBe(true);
    screens = await pipeline.request("GET", "/api/v1/screens", { token: pipeline.tokens.admin });
    const health = screens.json.items.find((screen: any) => screen.name.startsWith("Mộc Bài")).health;
    expect(health).toMatchObject({ upToDate: true, lastFault: "disk almost full" });
    // ten minutes without a word: flagged silent
    offsetMs = 10 * 60_000;
    try {
      const later = await pipeline.request("GET", "/api/v1/screens", { token: pipeline.tokens.admin });
      expect(later.json.items.find((screen: any) => screen.name.startsWith("Mộc Bài")).health.silentTooLong).toBe(true);
    } finally {
      offsetMs = 0;
    }

    // plays sent late after an outage, then sent again: counted once
    const plays = items.map((item: any, index: number) => ({
      itemId: item.id,
      startedAt: new Date(Date.now() - (3_600 - index * 10) * 1000).toISOString(),
      durationSec: item.durationSec,
    }));
    const first = await pipeline.request("POST", "/screen/v1/plays", { token, body: { plays } });
    expect(first.json).toEqual({ counted: 3, repeated: 0, rejected: [] });
    const again = await pipeline.request("POST", "/screen/v1/plays", { token, body: { plays } });
    expect(again.json).toEqual({ counted: 0, repeated: 3, rejected: [] });
    // another screen cannot report plays of items that are not its own
    const foreign = await pipeline.request("POST", "/screen/v1/plays", { token: screenToken("Cầu Treo"), body: { plays: plays.slice(0, 1) } });
    expect(foreign.json).toMatchObject({ counted: 0, rejected: [{ itemId: plays[0].itemId, reason: "unknown_item" }] });
    const log = await pipeline.request("GET", `/api/v1/bulletins/${id}/deliveries`, { token: pipeline.tokens.editor });
    expect(log.json.items.filter((row: any) => row.event === "display.played")).toHaveLength(3);
    expect(log.json.items.filter((row: any) => row.event === "display.served")).toHaveLength(3);
  });

  it("replaces a corrected bulletin's items with the correction's", async () => {
    const token = screenToken("Cầu Treo");
    const original = await publishClosure("VN-HT-CAUTREO", "priority");
    const correction = await pipeline.request("POST", `/api/v1/bulletins/${original}/correct`, { token: pipeline.tokens.editor });
    expect(correction.status, correction.text).toBe(201);
    const id = correction.json.id;
    const fields = { gate: "VN-HT-CAUTREO", from: "2026-12-01T18:00:00+07:00", reopening: "2026-12-02T06:00:00+07:00", reason: "flooding" };
    expect(
      (await pipeline.request("PUT", `/api/v1/bulletins/${id}/template`, { token: pipeline.tokens.editor, body: { name: "gate-closure", fields } })).status,
    ).toBe(200);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor })).status).toBe(200);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver })).status).toBe(200);
    await pipeline.waitForStatus(id, "published");
    let feed = await pipeline.request("GET", "/screen/v1/feed", { token });
    for (let tries = 0; feed.json.items.some((item: any) => item.bulletinId === original) && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      feed = await pipeline.request("GET", "/screen/v1/feed", { token });
    }
    expect(feed.json.items.some((item: any) => item.bulletinId === original)).toBe(false);
    const corrected = feed.json.items.filter((item: any) => item.bulletinId === id);
    expect(corrected.map((item: any) => [item.language, item.version])).toEqual([
      ["vi", 2],
      ["lo", 2],
      ["en", 2],
    ]);
    expect(corrected[0].body).toContain("06:00 02/12/2026");
  });

  it("stops answering a screen token once it is revoked", async () => {
    const screen = pipeline.credentials.screens.find((entry) => entry.name.startsWith("Xa Mát"))!;
    expect((await pipeline.request("GET", "/screen/v1/feed", { token: screen.token })).status).toBe(200);
    const tokens = await pipeline.request("GET", "/api/v1/tokens", { token: pipeline.tokens.admin });
    const row = tokens.json.items.find((entry: any) => entry.kind === "screen" && entry.subjectId === screen.id);
    expect((await pipeline.request("POST", `/api/v1/tokens/${row.id}/revoke`, { token: pipeline.tokens.admin })).status).toBe(200);
    let status = 200;
    for (let tries = 0; status === 200 && tries < 100; tries += 1) {
      status = (await pipeline.request("GET", "/screen/v1/feed", { token: screen.token })).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(401);
  });

  it("refuses at submission a text too long for a target screen's slide", async () => {
    const long = "Cửa khẩu Quốc tế Xa Mát tạm dừng làm thủ tục xuất nhập cảnh do sửa chữa hệ thống. ".repeat(25);
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: {
        sourceLanguage: "vi",
        targetLanguages: ["vi"],
        channels: ["display"],
        areas: ["VN-TN-XAMAT"],
        validUntil: inHours(24),
        text: { headline: "Thông báo", summary: "Thông báo.", body: long.trim() },
      },
    });
    expect(created.status, created.text).toBe(201);
    const submit = await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/submit`, { token: pipeline.tokens.editor });
    expect(submit.status).toBe(422);
    expect(submit.json.type).toMatch(/slide-too-long$/);
    expect(submit.json.problems[0]).toMatchObject({ language: "vi", width: 768, height: 384 });
    expect((await pipeline.request("GET", `/api/v1/bulletins/${created.json.id}`, { token: pipeline.tokens.editor })).json.status).toBe("draft");
  });
});
