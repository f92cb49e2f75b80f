// Screen feed benchmark: requests per second of GET /screen/v1/feed, answered 304 (If-None-Match) and 200, as
// ratios of a bare hono route on the same server that answers the feed's own bytes (taken from a first request),
// measured with autocannon on loopback, in the same run; the load average is printed beside them (the machine may
// be shared). Targets: 304 >= 0.95x, 200 >= 0.8x. Also: the display stage's cost against raw sharp rendering of the
// same slides.
//   npm run bench:screens                       (embedded PGlite)
//   DATABASE_URL=postgres://... npm run bench:screens
// Options (env): BENCH_SECONDS (4), BENCH_CONNECTIONS (50), BENCH_ROUNDS (4: each feed/baseline pair measured this many
// times, back to back; the ratio printed is the median of the rounds' ratios, which a burst of load on a shared
// machine moves least)
import { serve, type ServerType } from "@hono/node-server";
import autocannon from "autocannon";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import postgres from "postgres";
import { createApp } from "../src/app.ts";
import { approveBulletin } from "../src/bulletins/approve-bulletin.ts";
import { CreateBulletinSchema } from "../src/bulletins/bulletin-schemas.ts";
import { createBulletin } from "../src/bulletins/create-bulletin.ts";
import { submitBulletin } from "../src/bulletins/submit-bulletin.ts";
import { renderSlide } from "../src/channels/display/index.ts";
import { openDatabase } from "../src/db/client.ts";
import { getBulletin, getBulletinTexts } from "../src/db/queries/bulletins.ts";
import { placeLookup } from "../src/db/queries/places.ts";
import { demoActor, seedDemo } from "../src/demo/seed-demo.ts";
import { prepareDisplay, slideInput, screensFor } from "../src/delivery/display-renditions.ts";
import { createFeedEvents } from "../src/http/screen/feed-events.ts";
import { createLogger } from "../src/logger.ts";
import { createInProcessQueue } from "../src/queue/in-process-queue.ts";
import { startWorker } from "../workers/main.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const pairRounds = Number(process.env.BENCH_ROUNDS ?? 4);
const logger = createLogger("silent");

let dropDatabase = async () => {};
let url: string | undefined;
if (process.env.DATABASE_URL) {
  const name = `bantin_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(process.env.DATABASE_URL);
  target.pathname = `/${name}`;
  url = target.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
const database = await openDatabase({ url });
await database.migrate();
const db = database.db;
const queue = createInProcessQueue();
const clock = () => new Date();
const credentials = await seedDemo(db, clock());
const worker = startWorker({ db, queue, logger, clock, concurrency: 2, reconcileIntervalMs: 60_000 });
const deps = { db, queue, clock, logger };
const ids: string[] = [];
for (const [template, urgency] of [
  [{ name: "gate-closure", fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01T18:00:00+07:00", reason: "flooding" } }, "urgent"],
  [{ name: "gate-hours-change", fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01", opens: "06:00", closes: "22:00", reason: "holiday" } }, "routine"],
  [
    {
      name: "weather-warning",
      fields: {
        hazard: "typhoon",
        areas: ["VN-HT"],
        from: "2026-12-01T18:00:00+07:00",
        until: "2026-12-03T06:00:00+07:00",
        advice: ["stay_indoors", "avoid_rivers"],
      },
    },
    "priority",
  ],
] as const) {
  const bulletin = await createBulletin(
    deps,
    demoActor(credentials, "editor"),
    CreateBulletinSchema.parse({ sourceLanguage: "vi", channels: ["display"], urgency, validUntil: new Date(Date.now() + 86_400_000).toISOString(), template }),
  );
  await submitBulletin(deps, demoActor(credentials, "editor"), bulletin.id);
  await approveBulletin(deps, demoActor(credentials, "approver"), bulletin.id);
  ids.push(bulletin.id);
}
for (;;) {
  const statuses = await Promise.all(ids.map(async (id) => (await getBulletin(db, id))!.status));
  if (statuses.every((status) => status === "published")) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}

const feedEvents = await createFeedEvents({ db, clock, logger, listen: database.listen });
const app = createApp({ db, queue, clock, logger, publicUrl: "http://bench", feedEvents, checks: { database: database.ping, queue: queue.ping } });
// the baselines: bare hono routes on the same app and server, answering the feed's bytes (set below), and 304
let feedBytes = new Uint8Array();
app.get("/bench/bare", (c) => c.body(feedBytes, 200, { "content-type": "application/json" }));
app.get("/bench/bare-304", (c) => c.body(null, 304, { etag: '"bench"' }));
const server = await new Promise<ServerType>((resolve) => {
  const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const token = credentials.screens.find((screen) => screen.name.startsWith("Cầu Treo"))!.token;
const first = await fetch(`${base}/screen/v1/feed`, { headers: { authorization: `Bearer ${token}` } });
const etag = first.headers.get("etag")!;
feedBytes = new Uint8Array(await first.arrayBuffer());
const items = (JSON.parse(Buffer.from(feedBytes).toString("utf8")) as { items: unknown[] }).items.length;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

const measure = async (title: string, path: string, headers: Record<string, string> = {}, expect = 200) => {
  // the load comes from a worker thread, so it does not share the server's event loop
  const result = await autocannon({ url: `${base}${path}`, connections, duration: seconds, headers, workers: 1 });
  const wrong = result.non2xx - (expect === 304 ? (result["3xx"] ?? 0) : 0);
  console.log(
    `${title.padEnd(36)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p99 ${result.latency.p99} ms${wrong ? `  (${wrong} unexpected statuses)` : ""}`,
  );
  return result.requests.average;
};

try {
  console.log(
    `bench/screen-feed: ${database.description}; ${connections} connections, ${seconds} s each; the Cầu Treo screen's feed has ${items} items (${feedBytes.byteLength} bytes); load average ${load()}`,
  );
  await measure("warm-up", "/bench/bare");
  // each pair back to back, round after round: the machine's ups and downs fall on both sides of a ratio alike
  const ratios = { full: [] as number[], notModified: [] as number[] };
  const sum = { bare: 0, full: 0, bare304: 0, notModified: 0 };
  for (let round = 0; round < pairRounds; round += 1) {
    const bare = await measure("bare hono route, the feed's bytes", "/bench/bare");
    const full = await measure("feed -> 200", "/screen/v1/feed", { authorization: `Bearer ${token}` });
    const bare304 = await measure("bare hono route -> 304", "/bench/bare-304", {}, 304);
    const notModified = await measure("feed, If-None-Match -> 304", "/screen/v1/feed", { authorization: `Bearer ${token}`, "if-none-match": etag }, 304);
    ratios.full.push(full / bare);
    ratios.notModified.push(notModified / bare304);
    Object.assign(sum, { bare: sum.bare + bare, full: sum.full + full, bare304: sum.bare304 + bare304, notModified: sum.notModified + notModified });
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const verdict = (values: number[], target: number) =>
    `${median(values).toFixed(2)} (rounds ${values.map((value) => value.toFixed(2)).join(", ")}; target >= ${target}: ${median(values) >= target ? "pass" : "FAIL"})`;
  const mean = (total: number) => (total / pairRounds).toFixed(0);
  console.log(
    `req/s, mean of ${pairRounds} rounds: bare ${mean(sum.bare)}, feed 200 ${mean(sum.full)}, bare 304 ${mean(sum.bare304)}, feed 304 ${mean(sum.notModified)}`,
  );
  console.log(`ratio feed 304 / bare 304: ${verdict(ratios.notModified, 0.95)}`);
  console.log(`ratio feed 200 / bare 200: ${verdict(ratios.full, 0.8)}; load average ${load()}`);

  // the display stage against raw sharp: the same slides, drawn by renderSlide alone and through prepareDisplay
  const bulletin = (await getBulletin(db, ids[1]!))!;
  const texts = await getBulletinTexts(db, bulletin.id);
  const screens = await screensFor(db, bulletin);
  const gates = await placeLookup(db);
  const inputs = screens.flatMap((screen) =>
    texts
      .filter((text) => screen.languages.includes(text.language))
      .map((text) => ({ input: slideInput(bulletin, text, gates.get(screen.gateCode)!.names[text.language]), screen })),
  );
  const rounds = 5;
  let raw = 0;
  let stage = 0;
  for (let round = 0; round < rounds; round += 1) {
    let started = performance.now();
    for (const { input, screen } of inputs) await renderSlide({ ...input, body: `${input.body} ${round}` }, screen);
    raw += performance.now() - started;
    // fresh content each round, so the stage really draws (nothing found in the slides table)
    started = performance.now();
    await prepareDisplay(db, { ...bulletin, validUntil: new Date(bulletin.validUntil.getTime() + (round + 1) * 60_000) }, texts);
    stage += performance.now() - started;
  }
  console.log(
    `slides: ${inputs.length} per round x ${rounds}: raw sharp ${(raw / rounds).toFixed(0)} ms/round, display stage ${(stage / rounds).toFixed(0)} ms/round; ratio ${(stage / raw).toFixed(2)} (target <= 1.3)`,
  );
} finally {
  server.close();
  await feedEvents.close();
  await worker.stop(1_000);
  await database.close();
  await dropDatabase();
}
