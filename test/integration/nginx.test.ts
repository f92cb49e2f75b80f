// infra/nginx/bantin.conf works as written: Debian's nginx runs the shipped file in front of the app (only the
// upstream address, the listen port and the cache directory are swapped) and serves a slide from its cache to the
// screen it belongs to (and to nobody else), passes a feed's revalidation and the event stream through, and takes a
// 20 MB voice recording.
import { serve, type ServerType } from "@hono/node-server";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import wavefile from "wavefile";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedBackend } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import { readEvents } from "../helpers/sse.ts";

const nginxInstalled = spawnSync("nginx", ["-v"]).status === 0;
if (!nginxInstalled) console.warn("[nginx test] skipped: Debian's nginx is not installed (.ci/run installs nginx-light)");

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** The shipped file with only what must differ here swapped; each swap must happen, so a change to the file's shape
 *  fails this test instead of testing something else. */
const localConf = (options: { appPort: number; port: number; cacheDir: string }) => {
  const shipped = readFileSync(new URL("../../infra/nginx/bantin.conf", import.meta.url), "utf8");
  const swaps: [string, string][] = [
    ["server api:3000;", `server 127.0.0.1:${options.appPort};`],
    ["listen 80;", `listen 127.0.0.1:${options.port};`],
    ["/var/cache/nginx/bantin", options.cacheDir],
  ];
  let conf = shipped;
  for (const [from, to] of swaps) {
    expect(conf, `infra/nginx/bantin.conf has ${from}`).toContain(from);
    conf = conf.replace(from, to);
  }
  return conf;
};

describe.skipIf(!nginxInstalled)("infra/nginx/bantin.conf in front of the app (Debian's nginx)", () => {
  let pipeline: TestPipeline;
  let server: ServerType;
  let nginx: ChildProcess;
  let dir: string;
  let base: string;
  let nginxLog = "";

  beforeAll(async () => {
    pipeline = await startPipeline(embeddedBackend);
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: pipeline.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
    });
    const appPort = (server.address() as AddressInfo).port;
    const port = await freePort();
    dir = mkdtempSync(path.join(tmpdir(), "bantin-nginx-"));
    writeFileSync(path.join(dir, "bantin.conf"), localConf({ appPort, port, cacheDir: path.join(dir, "cache") }));
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `${kind}_temp_path ${path.join(dir, kind)};`).join("\n  ");
    writeFileSync(
      path.join(dir, "nginx.conf"),
      `${process.getuid?.() === 0 ? "user root;\n" : ""}worker_processes 1;
daemon off;
pid ${path.join(dir, "nginx.pid")};
error_log stderr warn;
events { worker_connections 256; }
http {
  access_log off;
  ${temp}
  include ${path.join(dir, "bantin.conf")};
}
`,
    );
    nginx = spawn("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
    nginx.stderr!.on("data", (chunk) => (nginxLog += chunk));
    base = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries += 1) {
      const up = await fetch(`${base}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) break;
      if (tries > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start:\n${nginxLog}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 60_000);
  afterAll(async () => {
    nginx?.kill("SIGTERM");
    server?.close();
    await pipeline?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const screenToken = (prefix: string) => pipeline.credentials.screens.find((screen) => screen.name.startsWith(prefix))!.token;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  const publishForCauTreo = async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: {
        sourceLanguage: "vi",
        channels: ["display"],
        validUntil: new Date(Date.now() + 48 * 3_600_000).toISOString(),
        template: { name: "gate-hours-change", fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01", opens: "06:00", closes: "22:00", reason: "holiday" } },
      },
    });
    expect(created.status, created.text).toBe(201);
    await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/submit`, { token: pipeline.tokens.editor });
    expect((await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/approve`, { token: pipeline.tokens.approver })).status).toBe(200);
    await pipeline.waitForStatus(created.json.id, "published");
    return created.json.id as string;
  };

  it("serves a screen's slide from its cache, only to that screen, and passes the feed's revalidation through", async () => {
    await publishForCauTreo();
    const token = screenToken("Cầu Treo");
    let feed!: Response;
    let body: any;
    for (let tries = 0; tries < 100; tries += 1) {
      feed = await fetch(`${base}/screen/v1/feed`, { headers: bearer(token) });
      body = await feed.json();
      if (body.items.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(feed.status).toBe(200);
    const etag = feed.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    const revalidated = await fetch(`${base}/screen/v1/feed`, { headers: { ...bearer(token), "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("etag")).toBe(etag);

    const slide = new URL(body.items[0].slide, base).pathname;
    const first = await fetch(`${base}${slide}`, { headers: bearer(token) });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/png");
    expect(first.headers.get("x-cache-status")).toBe("MISS");
    const bytes = Buffer.from(await first.arrayBuffer());
    const second = await fetch(`${base}${slide}`, { headers: bearer(token) });
    expect(second.status).toBe(200);
    expect(second.headers.get("x-cache-status")).toBe("HIT");
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);

    // cached, yet still the app's rule: no token, or another screen's token, gets the app's own answer
    const anonymous = await fetch(`${base}${slide}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    const other = await fetch(`${base}${slide}`, { headers: bearer(screenToken("Mộc Bài")) });
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toContain("application/problem+json");
    expect(other.headers.get("x-cache-status")).toBeNull();
  }, 60_000);

  it("passes the screen's event stream through unbuffered", async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/screen/v1/events`, { headers: bearer(screenToken("Cầu Treo")), signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = readEvents(response);
    const published = publishForCauTreo();
    // the event arrives while the stream stays open: nginx does not hold it back in a buffer
    const event = await events.next(20_000);
    expect(event.event).toBe("feed");
    await published;
    controller.abort();
    await events.cancel();
  }, 60_000);

  it("takes a 20 MB voice recording (the app's limit is 25 MB; JSON bodies stay at 1 MB)", async () => {
    const id = await pipeline.approveNew(
      {
        sourceLanguage: "vi",
        targetLanguages: ["vi", "lo"],
        channels: ["voice"],
        category: "notice",
        areas: ["VN-HT"],
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      },
      {
        vi: { headline: "Thông báo thử ghi âm", summary: "Bản tin thử.", body: "Nội dung bản tin thử để ghi âm tiếng Lào." },
        lo: { headline: "ແຈ້ງການ", summary: "ຂ່າວທົດລອງ.", body: "ເນື້ອໃນຂ່າວທົດລອງ." },
      },
    );
    await pipeline.waitForStatus(id, "published");
    for (let tries = 0; ; tries += 1) {
      const voice = await pipeline.request("GET", `/api/v1/bulletins/${id}/voice`, { token: pipeline.tokens.editor });
      if (voice.json.items.some((item: any) => item.language === "lo" && item.status === "needs_recording")) break;
      if (tries > 300) throw new Error(`no Lao voice waiting for a recording: ${voice.text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // 16-bit stereo at 48 kHz: 20 MB is about 109 s of studio audio
    const seconds = Math.ceil((20 * 1_048_576) / (48_000 * 2 * 2));
    const samples = new Int16Array(48_000 * seconds).map((_, index) => Math.round(6_000 * Math.sin((2 * Math.PI * 330 * index) / 48_000)));
    const wav = new wavefile.WaveFile();
    wav.fromScratch(2, 48_000, "16", [samples, samples]);
    const audio = wav.toBuffer();
    expect(audio.byteLength).toBeGreaterThan(20 * 1_048_576);
    const upload = await fetch(`${base}/api/v1/bulletins/${id}/voice/lo/recording`, {
      method: "PUT",
      headers: { ...bearer(pipeline.tokens.admin!), "content-type": "audio/wav" },
      body: audio,
    });
    expect(upload.status, await upload.clone().text()).toBe(200);
    expect(await upload.json()).toMatchObject({ language: "lo", status: "recorded" });

    // a JSON body over 1 MB is still refused (by nginx, before it reaches the app)
    const big = await fetch(`${base}/api/v1/bulletins`, {
      method: "POST",
      headers: { ...bearer(pipeline.tokens.editor!), "content-type": "application/json" },
      body: JSON.stringify({ body: "x".repeat(2 * 1_048_576) }),
    });
    expect(big.status).toBe(413);
  }, 120_000);
});
