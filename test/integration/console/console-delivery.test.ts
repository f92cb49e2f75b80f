// The console's live delivery view, on both back ends: a console session's event stream gets a bulletin's rows
// (channel x endpoint x language) and then each change as the workers publish it, a partner claims and acknowledges,
// a screen fetches and plays, in the reader's language; nobody without a console session gets a stream; another
// bulletin's changes are not sent; sign-out ends the stream. On PostgreSQL the worker runs as a process of its own
// and the partner, the screen and the sign-out go through a second app with its own connections, so every change
// reaches the stream through LISTEN/NOTIFY and nothing in memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "../../../src/access/issue-token.ts";
import { createApp, type App } from "../../../src/app.ts";
import { openDatabase, type Database } from "../../../src/db/client.ts";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin } from "../../helpers/builders.ts";
import { silentLogger, startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";
import { readEvents, type SseEvent } from "../../helpers/sse.ts";
import { spawnWorker, type WorkerProcess } from "../../helpers/worker-process.ts";

const origin = "http://bantin.test";

type Update = { rows: { key: string; state: string; cells: Record<string, string> }[]; order: string[]; summary: string; updated: string };

describe.each(backends)("the console's live delivery view on $name", (backend) => {
  let pipeline: TestPipeline;
  let worker: WorkerProcess | undefined;
  /** where partners, screens and sign-outs go: on PostgreSQL another app on its own connections ("another process") */
  let elsewhere: App;
  let otherDatabase: Database | undefined;

  beforeAll(async () => {
    const separate = Boolean(backend.name.includes("PostgreSQL"));
    pipeline = await startPipeline(backend, separate ? { workers: false } : {});
    elsewhere = pipeline.app;
    if (separate) {
      worker = spawnWorker({
        DATABASE_URL: pipeline.instance.databaseUrl!,
        REDIS_URL: pipeline.instance.redisUrl!,
        QUEUE_PREFIX: pipeline.instance.queuePrefix!,
        LOG_LEVEL: "info",
      });
      await worker.waitForOutput(/worker running/);
      otherDatabase = await openDatabase({ url: pipeline.instance.databaseUrl! });
      elsewhere = createApp({
        db: otherDatabase.db,
        queue: pipeline.queue,
        clock: () => new Date(),
        logger: silentLogger,
        publicUrl: origin,
        checks: { database: otherDatabase.ping, queue: pipeline.queue.ping },
      });
    }
  }, 90_000);
  afterAll(async () => {
    await worker?.stop("SIGTERM");
    await otherDatabase?.close();
    await pipeline?.close();
  });

  const call = async (
    app: App,
    path: string,
    options: { method?: string; token?: string; cookie?: string; body?: unknown; form?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      headers.origin = origin;
      headers["sec-fetch-site"] = "same-origin";
      body = new URLSearchParams(options.form).toString();
    }
    return app.request(`${origin}${path}`, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body, redirect: "manual" });
  };

  const signIn = async (username: string) => {
    const password = pipeline.credentials.users.find((user) => user.username === username)!.password;
    const response = await call(pipeline.app, "/login", { form: { username, password, next: "/" } });
    expect(response.status).toBe(303);
    return response.headers.get("set-cookie")!.split(";")[0]!;
  };

  const open = async (id: string, cookie: string) => {
    const response = await call(pipeline.app, `/bulletins/${id}/delivery/events`, { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    return readEvents(response);
  };

  /** Reads events until one carries a row for which `wanted` holds; returns that row. */
  const until = async (events: ReturnType<typeof readEvents>, wanted: (row: Update["rows"][number]) => boolean, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    const seen: SseEvent[] = [];
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no such row in time; got ${JSON.stringify(seen.map((event) => event.data.rows))}`);
      const event = await events.next(left);
      seen.push(event);
      expect(event.event).toBe("delivery");
      const row = (event.data as Update).rows.find(wanted);
      if (row) return { row, update: event.data as Update };
    }
  };

  const partner = (name: string) => pipeline.credentials.partners.find((entry) => entry.name === name)!;

  it("fills live as the workers publish, the partner claims and acknowledges and the screen plays, and sends nothing of it to another bulletin's stream", async () => {
    const cookie = await signIn("editor");
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ targetLanguages: ["vi"], channels: ["sms", "display"], areas: ["VN-HT-CAUTREO"] }),
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const draft = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin({ targetLanguages: ["vi"] }) });
    const other = await open(draft.json.id as string, cookie);
    const first = await other.next();
    expect(first.data.rows).toEqual([]);

    const events = await open(id, cookie);
    // the first event has every row there is: none yet
    const initial = (await events.next()).data as Update;
    expect(initial.rows).toEqual([]);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor })).status).toBe(200);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver })).status).toBe(200);

    const vinatel = partner("VinaTel");
    // the worker (a process of its own on PostgreSQL) queues the SMS: the row appears, waiting, in Vietnamese words
    const queued = await until(events, (row) => row.key === `sms:${vinatel.id}:vi`);
    expect(queued.row.state).toBe("waiting");
    expect(queued.row.cells).toMatchObject({ channel: "Tin nhắn SMS", endpoint: "VinaTel", language: "Tiếng Việt", state: "Đang chờ" });
    expect(queued.row.cells.first).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    await pipeline.waitForStatus(id, "published");

    const claim = await call(elsewhere, "/partner/v1/batches/claim", { token: vinatel.token, body: { max: 100 } });
    expect(claim.status).toBe(201);
    const batch = ((await claim.json()) as { batch: { id: string; messages: { id: string; bulletinId: string }[] } }).batch;
    const message = batch.messages.find((entry) => entry.bulletinId === id)!;
    expect(message).toBeDefined();
    const claimed = await until(events, (row) => row.key === `sms:${vinatel.id}:vi` && row.state === "claimed");
    expect(claimed.row.cells.state).toBe("Đối tác đã nhận");
    expect(claimed.row.cells.counts).toBe("Đã chuyển cho đối tác 1 lần");

    const ack = await call(elsewhere, `/partner/v1/batches/${batch.id}/ack`, {
      token: vinatel.token,
      body: { results: [{ messageId: message.id, status: "sent", submitted: 1200, delivered: 1180, failed: 20 }] },
    });
    expect(ack.status).toBe(200);
    const sent = await until(events, (row) => row.key === `sms:${vinatel.id}:vi` && row.state === "sent");
    expect(sent.row.cells.state).toBe("Đã gửi");
    expect(sent.row.cells.counts).toContain("Gửi 1.200, thành công 1.180, lỗi 20");
    expect(sent.update.summary).toContain("Đã gửi: 1");

    const screen = pipeline.credentials.screens.find((entry) => entry.name.includes("Cầu Treo"))!;
    const feed = (await (await call(elsewhere, "/screen/v1/feed", { token: screen.token })).json()) as { items: { id: string; bulletinId: string }[] };
    const item = feed.items.find((entry) => entry.bulletinId === id)!;
    await until(events, (row) => row.key === `display:${screen.id}:vi` && row.state === "served");
    const plays = await call(elsewhere, "/screen/v1/plays", {
      token: screen.token,
      body: { plays: [{ itemId: item.id, startedAt: new Date().toISOString(), durationSec: 10 }] },
    });
    expect(plays.status).toBe(200);
    const played = await until(events, (row) => row.key === `display:${screen.id}:vi` && row.state === "played");
    expect(played.row.cells).toMatchObject({ state: "Đã trình chiếu", counts: "1 lượt trình chiếu", endpoint: screen.name });

    // the draft's stream heard none of it
    await expect(other.next(1_500)).rejects.toThrow("no event in time");
    events.cancel();
    other.cancel();
  }, 90_000);

  it("speaks the reader's language and translates reason codes: a partner's rejection in English", async () => {
    const cookie = await signIn("admin");
    // the admin reads English
    const page = await call(pipeline.app, "/", { cookie });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    expect((await call(pipeline.app, "/language", { cookie, form: { language: "en", _csrf: csrf } })).status).toBe(303);
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"], channels: ["sms"], areas: ["VN-HT-CAUTREO"] }));
    await pipeline.waitForStatus(id, "published");
    const events = await open(id, cookie);
    const other = partner("MekongMobile");
    const start = (await events.next()).data as Update;
    expect(start.rows.map((row) => row.key)).toContain(`sms:${other.id}:vi`);
    const claim = await call(elsewhere, "/partner/v1/batches/claim", { token: other.token, body: { max: 100 } });
    const batch = ((await claim.json()) as { batch: { id: string; messages: { id: string; bulletinId: string }[] } }).batch;
    const message = batch.messages.find((entry) => entry.bulletinId === id)!;
    await call(elsewhere, `/partner/v1/batches/${batch.id}/ack`, {
      token: other.token,
      body: { results: [{ messageId: message.id, status: "rejected", submitted: 0, delivered: 0, failed: 0, reason: "content_filtered" }] },
    });
    const rejected = await until(events, (row) => row.key === `sms:${other.id}:vi` && row.state === "rejected");
    expect(rejected.row.cells).toMatchObject({
      state: "Rejected by the partner",
      reasons: "Content blocked by the partner",
      channel: "SMS",
      language: "Vietnamese",
    });
    // and the page itself says the same, with no raw code
    const html = await (await call(pipeline.app, `/bulletins/${id}`, { cookie })).text();
    expect(html).toContain("Content blocked by the partner");
    expect(html).not.toContain(">content_filtered<");
    expect(html).toContain(`data-events="/bulletins/${id}/delivery/events"`);
    events.cancel();
  }, 60_000);

  it("refuses a guest, a partner's, a screen's and an API token, a made-up id, and ends the stream at sign-out (then refuses it)", async () => {
    const id = (await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin() })).json.id as string;
    const path = `/bulletins/${id}/delivery/events`;
    const partnerToken = partner("VinaTel").token;
    const screenToken = pipeline.credentials.screens[0]!.token;
    for (const refused of [
      await call(pipeline.app, path),
      await call(pipeline.app, path, { token: partnerToken }),
      await call(pipeline.app, path, { cookie: `bantin_session=${partnerToken}` }),
      await call(pipeline.app, path, { cookie: `bantin_session=${screenToken}` }),
      await call(pipeline.app, path, { token: pipeline.tokens.admin }),
    ]) {
      expect(refused.status).toBe(401);
      expect(refused.headers.get("content-type")).not.toMatch(/event-stream/);
    }
    const cookie = await signIn("translator");
    expect((await call(pipeline.app, "/bulletins/00000000-0000-4000-8000-000000000000/delivery/events", { cookie })).status).toBe(404);

    const before = pipeline.deliveryEvents.connections();
    const events = await open(id, cookie);
    await events.next();
    expect(pipeline.deliveryEvents.connections()).toBe(before + 1);
    // signing out (through the other app on PostgreSQL) ends the stream here
    const page = await call(pipeline.app, "/", { cookie });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    expect((await call(elsewhere, "/logout", { cookie, form: { _csrf: csrf } })).status).toBe(303);
    await expect(events.next(10_000)).rejects.toThrow("stream ended");
    expect(pipeline.deliveryEvents.connections()).toBe(before);
    expect((await call(pipeline.app, path, { cookie })).status).toBe(401);
  }, 60_000);
  it("ends a stream when its session expires, and refuses the reconnect", async () => {
    const id = (await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin() })).json.id as string;
    const editor = pipeline.credentials.users.find((user) => user.username === "editor")!;
    const session = await issueToken(pipeline.db, { kind: "user", subjectId: editor.id, expiresAt: new Date(Date.now() + 1_500), now: new Date() });
    const cookie = `bantin_session=${session.token}`;
    const events = await open(id, cookie);
    await events.next();
    await expect(events.next(10_000)).rejects.toThrow("stream ended");
    expect((await call(pipeline.app, `/bulletins/${id}/delivery/events`, { cookie })).status).toBe(401);
  }, 30_000);
  it("follows a radio script from written to fetched to aired, counts each play once, and cancels what no endpoint took when the bulletin is withdrawn", async () => {
    const cookie = await signIn("reporter");
    const station = pipeline.credentials.stations[0]!;
    const screen = pipeline.credentials.screens.find((entry) => entry.name.includes("Cầu Treo"))!;
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"], channels: ["radio", "display"], areas: ["VN-HT-CAUTREO"] }));
    await pipeline.waitForStatus(id, "published");
    const events = await open(id, cookie);
    const start = (await events.next()).data as Update;
    expect(start.rows.find((row) => row.key === `radio:${station.id}:vi`)?.cells).toMatchObject({
      state: "Đang chờ",
      channel: "Phát thanh",
      endpoint: station.name,
    });
    expect(start.rows.find((row) => row.key === `display:${screen.id}:vi`)?.state).toBe("waiting");

    const scripts = (await (await call(elsewhere, "/radio/v1/scripts", { token: station.token })).json()) as { scripts: { id: string; bulletinId: string }[] };
    const script = scripts.scripts.find((entry) => entry.bulletinId === id)!;
    await until(events, (row) => row.key === `radio:${station.id}:vi` && row.state === "fetched");
    expect((await call(elsewhere, `/radio/v1/scripts/${script.id}/aired`, { token: station.token, body: { airedAt: new Date().toISOString() } })).status).toBe(
      200,
    );
    const aired = await until(events, (row) => row.key === `radio:${station.id}:vi` && row.state === "aired");
    expect(aired.row.cells).toMatchObject({ state: "Đã phát sóng", counts: "1 lần phát sóng" });

    const feed = (await (await call(elsewhere, "/screen/v1/feed", { token: screen.token })).json()) as { items: { id: string; bulletinId: string }[] };
    const item = feed.items.find((entry) => entry.bulletinId === id)!;
    const first = new Date(Date.now() - 60_000).toISOString();
    const second = new Date().toISOString();
    // the same play reported twice (a player retrying after an outage) is one play
    await call(elsewhere, "/screen/v1/plays", { token: screen.token, body: { plays: [{ itemId: item.id, startedAt: first, durationSec: 10 }] } });
    await call(elsewhere, "/screen/v1/plays", {
      token: screen.token,
      body: {
        plays: [
          { itemId: item.id, startedAt: first, durationSec: 10 },
          { itemId: item.id, startedAt: second, durationSec: 10 },
        ],
      },
    });
    await until(events, (row) => row.key === `display:${screen.id}:vi` && row.cells.counts === "2 lượt trình chiếu");
    events.cancel();

    // published, then withdrawn before the screen or the station took it
    const other = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"], channels: ["radio", "display"], areas: ["VN-HT-CAUTREO"] }));
    await pipeline.waitForStatus(other, "published");
    const watching = await open(other, cookie);
    expect(((await watching.next()).data as Update).rows.filter((row) => row.state === "waiting").length).toBe(2);
    expect(
      (await pipeline.request("POST", `/api/v1/bulletins/${other}/withdraw`, { token: pipeline.tokens.approver, body: { reason: "Cửa khẩu mở lại" } })).status,
    ).toBe(200);
    const cancelled = await until(watching, (row) => row.key === `radio:${station.id}:vi` && row.state === "cancelled");
    expect(cancelled.row.cells.reasons).toBe("Bản tin đã thu hồi");
    expect(cancelled.update.summary).toBe("Đã hủy: 2");
    watching.cancel();
  }, 60_000);
});
