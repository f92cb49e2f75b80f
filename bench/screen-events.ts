// Screen events benchmark: 5,000 open SSE connections to a separate `bantin serve` process (compiled, as in
// production; PostgreSQL + BullMQ, with a separate `bantin worker`); urgent bulletins are approved one after another
// and the time from the approve call to each connection's event is measured. Prints p50/p99/max, the API process's
// RSS idle and with the streams open, and a line per target: figure, target, met or not. As a yardstick for what a
// stream costs, the same number of streams is first held open by a bare Node HTTP server (one event written, then
// silence) in a process of its own: what any Node server pays for an open connection.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 npm run bench:events
// Options (env): BENCH_CONNECTIONS (5000), BENCH_TRIES (5)
import { execFileSync, spawn } from "node:child_process";
import http from "node:http";
import { loadavg } from "node:os";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { approveBulletin } from "../src/bulletins/approve-bulletin.ts";
import { CreateBulletinSchema } from "../src/bulletins/bulletin-schemas.ts";
import { createBulletin } from "../src/bulletins/create-bulletin.ts";
import { submitBulletin } from "../src/bulletins/submit-bulletin.ts";
import { openDatabase } from "../src/db/client.ts";
import { demoActor, seedDemo } from "../src/demo/seed-demo.ts";
import { createLogger } from "../src/logger.ts";
import { createBullmqQueue } from "../src/queue/bullmq-queue.ts";
import { deleteRedisPrefix } from "../test/helpers/backends.ts";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 5_000);
const tries = Number(process.env.BENCH_TRIES ?? 5);
const baseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const name = `bantin_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const target = new URL(baseUrl);
target.pathname = `/${name}`;
const url = target.toString();
const prefix = name;
const port = 3900 + Math.floor(Math.random() * 90);
const logger = createLogger("silent");
const database = await openDatabase({ url });
await database.migrate();
const db = database.db;
const credentials = await seedDemo(db, new Date());
const queue = createBullmqQueue({ url: redisUrl, prefix });
const deps = { db, queue, clock: () => new Date(), logger };

const bin = fileURLToPath(new URL("../src/bin.mjs", import.meta.url));
// compiled once here, not by the two processes at once
execFileSync(process.execPath, [fileURLToPath(new URL("../src/build.mjs", import.meta.url))], { stdio: "inherit" });
const env = { ...process.env, DATABASE_URL: url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, PORT: String(port), LOG_LEVEL: "warn" };
const serveProcess = spawn(process.execPath, [bin, "serve"], { env, stdio: "inherit" });
const workerProcess = spawn(process.execPath, [bin, "worker"], { env, stdio: "inherit" });
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serveProcess.pid}/status`, "utf8"))![1]) / 1024;
const base = `http://127.0.0.1:${port}`;
for (;;) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {}
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const token = credentials.screens.find((screen) => screen.name.startsWith("Cầu Treo"))!.token;
const waiting = new Map<string, { approvedAt: number; arrivals: number[] }>();
let connected = 0;
let failed = 0;
const requests: http.ClientRequest[] = [];
// a plain Node client: thousands of fetch() streams would cost the benchmark more than the server
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

const open = (address = `${base}/screen/v1/events`) =>
  new Promise<void>((resolve) => {
    const request = http.get(address, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      if (response.statusCode !== 200) {
        failed += 1;
        response.resume();
        return resolve();
      }
      response.setEncoding("utf8");
      let buffer = "";
      let first = true;
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").find((line) => line.startsWith("data:"));
          if (!data) continue;
          if (first) {
            first = false;
            connected += 1;
            resolve();
          }
          const event = JSON.parse(data.slice(5));
          const entry = event.bulletinId ? waiting.get(event.bulletinId) : undefined;
          if (entry && event.status === "published") entry.arrivals.push(performance.now() - entry.approvedAt);
        }
      });
      response.on("error", () => {});
    });
    request.on("error", () => {
      failed += 1;
      resolve();
    });
    requests.push(request);
  });

const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
const verdict = (met: boolean) => (met ? "met" : "NOT MET");

/** KB per open stream held by a bare Node HTTP server (node:http, an event-stream head and one event each). */
const bareStreamKb = async () => {
  const barePort = port + 100;
  const bare = spawn(
    process.execPath,
    [
      "-e",
      `require("node:http").createServer((request, response) => { response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" }); response.write('data: {"hello":true}\\n\\n'); }).listen(${barePort}, "127.0.0.1", () => console.log("ready"));`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise((resolve) => bare.stdout!.once("data", resolve));
  const bareRss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${bare.pid}/status`, "utf8"))![1]) / 1024;
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const before = bareRss();
  const opened = requests.length;
  const connectedBefore = connected;
  for (let index = 0; index < connections; index += 250)
    await Promise.all(Array.from({ length: Math.min(250, connections - index) }, () => open(`http://127.0.0.1:${barePort}/`)));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const held = connected - connectedBefore;
  const kb = ((bareRss() - before) * 1024) / Math.max(1, held);
  for (const request of requests.splice(opened)) request.destroy();
  connected = connectedBefore;
  bare.kill("SIGTERM");
  await new Promise((resolve) => (bare.exitCode !== null ? resolve(null) : bare.once("exit", resolve)));
  return { kb, held };
};

try {
  const yardstick = await bareStreamKb();
  // idle: the process started and settled, no stream open
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const rssBefore = rssMb();
  // opened 250 at a time, as screens reconnecting after a restart would, not all in the same millisecond
  for (let index = 0; index < connections; index += 250) await Promise.all(Array.from({ length: Math.min(250, connections - index) }, open));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const rssConnected = rssMb();
  console.log(
    `bench/screen-events: ${connected} of ${connections} SSE connections open (${failed} refused) to one compiled \`bantin serve\` (PostgreSQL + BullMQ, separate worker); RSS ${rssBefore.toFixed(0)} MB idle, ${rssConnected.toFixed(0)} MB connected (${(((rssConnected - rssBefore) * 1024) / Math.max(1, connected)).toFixed(1)} KB a stream)`,
  );
  const streamKb = ((rssConnected - rssBefore) * 1024) / Math.max(1, connected);
  console.log(
    `  yardstick: a bare Node HTTP server holding ${yardstick.held} streams pays ${yardstick.kb.toFixed(1)} KB a stream; bantin's stream costs ${(streamKb - yardstick.kb).toFixed(1)} KB more (${(streamKb / yardstick.kb).toFixed(2)}x)`,
  );
  const all: number[] = [];
  let peak = rssConnected;
  for (let attempt = 0; attempt < tries; attempt += 1) {
    const input = CreateBulletinSchema.parse({
      sourceLanguage: "vi",
      channels: ["display"],
      urgency: "urgent",
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      template: {
        name: "gate-closure",
        fields: {
          gate: "VN-HT-CAUTREO",
          from: "2026-12-01T18:00:00+07:00",
          reason: attempt % 2 ? "flooding" : "landslide",
          ...(attempt > 1 ? { reopening: `2026-12-0${attempt + 2}T06:00:00+07:00` } : {}),
        },
      },
    });
    const bulletin = await createBulletin(deps, demoActor(credentials, "editor"), input);
    await submitBulletin(deps, demoActor(credentials, "editor"), bulletin.id);
    const entry = { approvedAt: performance.now(), arrivals: [] as number[] };
    waiting.set(bulletin.id, entry);
    await approveBulletin(deps, demoActor(credentials, "approver"), bulletin.id);
    const deadline = Date.now() + 15_000;
    while (entry.arrivals.length < connected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    peak = Math.max(peak, rssMb());
    console.log(
      `  try ${attempt + 1}: ${entry.arrivals.length}/${connected} got the event; p50 ${percentile(entry.arrivals, 50).toFixed(0)} ms, p99 ${percentile(entry.arrivals, 99).toFixed(0)} ms, last ${Math.max(...entry.arrivals).toFixed(0)} ms (load average ${load()})`,
    );
    all.push(...entry.arrivals, ...Array(connected - entry.arrivals.length).fill(Infinity));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const p99 = percentile(all, 99);
  console.log(
    `approve-to-event over ${tries} urgent bulletins x ${connected} connections: p50 ${percentile(all, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (load average ${load()})`,
  );
  console.log("targets:");
  console.log(`  API RSS idle                         ${rssBefore.toFixed(0).padStart(5)} MB    target <= 120 MB   ${verdict(rssBefore <= 120)}`);
  console.log(
    `  API RSS peak, ${String(connected).padStart(5)} streams open     ${peak.toFixed(0).padStart(5)} MB    target <= 300 MB (5,000 streams)   ${verdict(peak <= 300 && connected >= 5_000)}`,
  );
  console.log(`  approve-to-event p99                 ${p99.toFixed(0).padStart(5)} ms    target <= 1000 ms   ${verdict(p99 <= 1_000)}`);
} finally {
  for (const request of requests) request.destroy();
  serveProcess.kill("SIGTERM");
  workerProcess.kill("SIGTERM");
  await Promise.all(
    [serveProcess, workerProcess].map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)))),
  );
  await queue.close(1_000);
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  await deleteRedisPrefix(redisUrl, prefix);
}
