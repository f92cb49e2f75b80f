// A screen or station added (or changed) gets what is already in force, at once and without a new bulletin: the
// screen's feed lists the in-force items with slides at its size, urgent first; the station's scripts list them;
// withdrawn bulletins are not there; a changed size, languages or gate give the screen its feed anew.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import { readEvents } from "../helpers/sse.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)("endpoints added or changed get what is in force on $name", (backend) => {
  let pipeline: TestPipeline;
  const ids = { routine: "", urgent: "", withdrawn: "", elsewhere: "" };

  const publishClosure = (gate: string, urgency: string) => pipeline.publishGateClosure({ gate, urgency, channels: ["display", "radio"] });

  /** Reads the screen's feed until `done` holds (the backfill runs in the workers, a moment after the change). */
  const feedUntil = async (token: string, done: (items: any[]) => boolean, timeoutMs = 20_000) => {
    const started = Date.now();
    for (;;) {
      const feed = await pipeline.request("GET", "/screen/v1/feed", { token });
      expect(feed.status, feed.text).toBe(200);
      if (done(feed.json.items) || Date.now() - started > timeoutMs) return feed;
      await sleep(50);
    }
  };

  const scriptsUntil = async (token: string, options: { cursor?: string; done: (scripts: any[]) => boolean }, timeoutMs = 20_000) => {
    const started = Date.now();
    for (;;) {
      const response = await pipeline.request("GET", `/radio/v1/scripts${options.cursor ? `?after=${options.cursor}` : ""}`, { token });
      expect(response.status, response.text).toBe(200);
      if (options.done(response.json.scripts) || Date.now() - started > timeoutMs) return response;
      await sleep(50);
    }
  };

  const slideSize = async (token: string, slide: string) => {
    const image = await pipeline.app.request(slide, { headers: { authorization: `Bearer ${token}` } });
    expect(image.status).toBe(200);
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    return [meta.width, meta.height];
  };

  const ours = (items: any[]) => items.filter((item) => Object.values(ids).includes(item.bulletinId));
  const kindOf = (bulletinId: string) => Object.entries(ids).find(([, id]) => id === bulletinId)![0];

  beforeAll(async () => {
    pipeline = await startPipeline(backend);
    ids.routine = await publishClosure("VN-HT-CAUTREO", "routine");
    ids.urgent = await publishClosure("VN-HT-CAUTREO", "urgent");
    ids.withdrawn = await publishClosure("VN-HT-CAUTREO", "routine");
    ids.elsewhere = await publishClosure("VN-TN-MOCBAI", "routine");
    expect(
      (await pipeline.request("POST", `/api/v1/bulletins/${ids.withdrawn}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "reopened" } })).status,
    ).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await pipeline?.close();
  });

  it("gives a new screen at Cầu Treo the bulletins in force there, urgent first, with slides at its size", { timeout: 60_000 }, async () => {
    const created = await pipeline.request("POST", "/api/v1/screens", {
      token: pipeline.tokens.admin,
      body: { name: "Cầu Treo arrivals hall", gateCode: "VN-HT-CAUTREO", languages: ["vi", "en"], width: 1280, height: 720 },
    });
    expect(created.status, created.text).toBe(201);
    const token = created.json.token as string;
    const screenId = created.json.screen.id as string;

    const feed = await feedUntil(token, (items) => ours(items).length >= 4);
    expect(ours(feed.json.items).map((item: any) => [kindOf(item.bulletinId), item.language])).toEqual([
      ["urgent", "vi"],
      ["urgent", "en"],
      ["routine", "vi"],
      ["routine", "en"],
    ]);
    const first = ours(feed.json.items)[0];
    expect(first.headline).toBeTruthy();
    expect(await slideSize(token, first.slide)).toEqual([1280, 720]);

    // turned on its side, and Lao added: slides at the new size, in the new language too, the same items' ids kept
    const events = readEvents(await pipeline.app.request("/screen/v1/events", { headers: { authorization: `Bearer ${token}` } }));
    try {
      expect(await events.next()).toMatchObject({ event: "feed", data: { reason: "connected" } });
      const changed = await pipeline.request("PATCH", `/api/v1/screens/${screenId}`, {
        token: pipeline.tokens.admin,
        body: { width: 720, height: 1280, languages: ["vi", "lo", "en"] },
      });
      expect(changed.status, changed.text).toBe(200);
      expect(changed.json).toMatchObject({ id: screenId, width: 720, height: 1280, languages: ["vi", "lo", "en"] });
      const event = await events.next(20_000);
      expect(event).toMatchObject({ event: "feed", data: { reason: "changed" } });
    } finally {
      await events.cancel();
    }
    const turned = await feedUntil(token, (items) => ours(items).length === 6 && ours(items).every((item) => item.slide !== first.slide));
    expect(turned.json.screen).toMatchObject({ width: 720, height: 1280, languages: ["vi", "lo", "en"] });
    expect(ours(turned.json.items).map((item: any) => [kindOf(item.bulletinId), item.language])).toEqual([
      ["urgent", "vi"],
      ["urgent", "lo"],
      ["urgent", "en"],
      ["routine", "vi"],
      ["routine", "lo"],
      ["routine", "en"],
    ]);
    for (const item of ours(turned.json.items)) expect(await slideSize(token, item.slide)).toEqual([720, 1280]);
    expect(ours(turned.json.items).find((item: any) => item.bulletinId === ids.urgent && item.language === "vi").id).toBe(first.id);

    // moved to Mộc Bài: Cầu Treo's bulletins leave its feed, Mộc Bài's arrive
    const moved = await pipeline.request("PATCH", `/api/v1/screens/${screenId}`, { token: pipeline.tokens.admin, body: { gateCode: "VN-TN-MOCBAI" } });
    expect(moved.status, moved.text).toBe(200);
    const atMocBai = await feedUntil(token, (items) => ours(items).every((item) => item.bulletinId === ids.elsewhere) && ours(items).length > 0);
    expect(ours(atMocBai.json.items).map((item: any) => [kindOf(item.bulletinId), item.language])).toEqual([
      ["elsewhere", "vi"],
      ["elsewhere", "en"],
    ]);
  });

  it("gives a new station in Hương Sơn the scripts of the bulletins in force there, urgent first", { timeout: 60_000 }, async () => {
    const created = await pipeline.request("POST", "/api/v1/stations", {
      token: pipeline.tokens.admin,
      body: { name: "Sơn Kim commune loudspeakers", areaCode: "VN-HT-HUONGSON", languages: ["vi"] },
    });
    expect(created.status, created.text).toBe(201);
    const token = created.json.token as string;
    const first = await scriptsUntil(token, { done: (scripts) => ours(scripts).length >= 2 });
    expect(first.json.scripts.map((script: any) => [kindOf(script.bulletinId), script.language, script.state])).toEqual([
      ["urgent", "vi", "in_force"],
      ["routine", "vi", "in_force"],
    ]);
    expect(first.json.scripts[0].script).toContain("Sơn Kim commune loudspeakers");

    // Lao added: the Lao scripts come after the cursor, urgent first
    const changed = await pipeline.request("PATCH", `/api/v1/stations/${created.json.station.id}`, {
      token: pipeline.tokens.admin,
      body: { languages: ["vi", "lo"] },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({ areaCode: "VN-HT-HUONGSON", languages: ["vi", "lo"] });
    const next = await scriptsUntil(token, { cursor: first.json.cursor, done: (scripts) => scripts.length >= 2 });
    expect(next.json.scripts.map((script: any) => [kindOf(script.bulletinId), script.language])).toEqual([
      ["urgent", "lo"],
      ["routine", "lo"],
    ]);
  });

  it("refuses bad changes with a problem and changes nothing", async () => {
    const screen = pipeline.credentials.screens.find((entry) => entry.name.startsWith("Xa Mát"))!;
    const station = pipeline.credentials.stations[0]!;
    const before = (await pipeline.request("GET", "/api/v1/screens", { token: pipeline.tokens.admin })).json.items.find((entry: any) => entry.id === screen.id);
    const cases: [string, string | undefined, unknown, number][] = [
      [`/api/v1/screens/${screen.id}`, pipeline.tokens.admin, { width: 10 }, 422],
      [`/api/v1/screens/${screen.id}`, pipeline.tokens.admin, { gateCode: "VN-XX-NOWHERE" }, 422],
      [`/api/v1/screens/${screen.id}`, pipeline.tokens.admin, { languages: ["fr"] }, 422],
      [`/api/v1/screens/${screen.id}`, pipeline.tokens.admin, { colour: "red" }, 422],
      [`/api/v1/screens/${screen.id}`, pipeline.tokens.admin, { name: "<b>Xa Mát</b>" }, 422],
      [`/api/v1/screens/${screen.id}`, pipeline.tokens.admin, { name: "Cầu Treo gate screen" }, 409],
      [`/api/v1/screens/${screen.id}`, pipeline.tokens.editor, { width: 800 }, 403],
      [`/api/v1/screens/${crypto.randomUUID()}`, pipeline.tokens.admin, { width: 800 }, 404],
      [`/api/v1/screens/not-a-uuid`, pipeline.tokens.admin, { width: 800 }, 422],
      [`/api/v1/stations/${station.id}`, pipeline.tokens.admin, { areaCode: "VN-XX-NOWHERE" }, 422],
      [`/api/v1/stations/${station.id}`, pipeline.tokens.admin, { languages: [] }, 422],
      [`/api/v1/stations/${crypto.randomUUID()}`, pipeline.tokens.admin, { languages: ["vi"] }, 404],
    ];
    for (const [path, token, body, status] of cases) {
      const response = await pipeline.request("PATCH", path, { token, body });
      expect(response.status, `${path} ${JSON.stringify(body)}: ${response.text}`).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    const after = (await pipeline.request("GET", "/api/v1/screens", { token: pipeline.tokens.admin })).json.items.find((entry: any) => entry.id === screen.id);
    expect(after).toEqual(before);
    const stations = await pipeline.request("GET", "/api/v1/stations", { token: pipeline.tokens.admin });
    expect(stations.json.items.find((entry: any) => entry.id === station.id)).toMatchObject({ areaCode: "VN-HT-HUONGSON", languages: ["vi", "lo", "en"] });
  });
});
