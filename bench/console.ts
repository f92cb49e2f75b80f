// Console benchmark: how fast the console's busiest answers are, against a bare hono route on the same server
// returning the very same bytes, measured in one run with the same load: the bulletin list (first page, with
// 10,000 bulletins in the database) as the editor sees it, twice: the repeat view (the list cache answers) and the
// first view after a change (the same app with the list cache off, so every view reads and renders afresh). Latencies
// are p95 over every request, taken with autocannon from this process while the server runs in its own
// (bench/console-server.ts).
//   npm run bench:console                      (embedded PGlite, in memory)
//   BENCH_DATA_DIR=/tmp/bench-console npm run bench:console   (PGlite kept on disk: seeded on the first run only)
//   DATABASE_URL=postgres://... npm run bench:console
// Options (env): BENCH_SECONDS (8), BENCH_CONNECTIONS (10), BENCH_BULLETINS (10000)
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const server = spawn(process.execPath, ["--import", "tsx", new URL("./console-server.ts", import.meta.url).pathname], {
  stdio: ["pipe", "pipe", "inherit"],
  env: process.env,
});
const ready = await new Promise<{
  base: string;
  uncachedBase: string;
  cookie: string;
  sizes: Record<string, number>;
  bulletins: number;
  database: string;
  previewForm: string;
  previewHeaders: Record<string, string>;
}>((resolve, reject) => {
  server.once("exit", (code) => reject(new Error(`the bench server stopped (${code})`)));
  createInterface({ input: server.stdout! }).once("line", (line) => resolve(JSON.parse(line)));
});

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** `setupRequest`: changes each request before it is sent (a new body each time, as typing makes). */
type Options = {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  base?: string;
  setupRequest?: (request: { body?: string }) => { body?: string };
};

/** p95 latency in ms over every response of a fixed-duration run; non-200 answers are counted and shown. */
const measure = async (title: string, path: string, options: Options = {}) => {
  const latencies: number[] = [];
  let wrong = 0;
  // without a callback autocannon returns its run as an event emitter too (the types know only the promise)
  const instance = autocannon({
    url: `${options.base ?? ready.base}${path}`,
    connections,
    duration: seconds,
    method: (options.method ?? "GET") as "GET",
    body: options.body,
    headers: { cookie: ready.cookie, ...options.headers },
    ...(options.setupRequest ? { requests: [{ setupRequest: options.setupRequest as never }] } : {}),
  }) as unknown as import("node:events").EventEmitter;
  instance.on("response", (_client: unknown, status: number, _bytes: number, time: number) => {
    latencies.push(time);
    if (status !== 200) wrong += 1;
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => instance.once("done", resolve).once("error", reject));
  const p95 = percentile(latencies, 95);
  console.log(
    `${title.padEnd(40)} p50 ${percentile(latencies, 50).toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  ${result.requests.average.toFixed(0).padStart(6)} req/s${wrong ? `  (${wrong} non-200)` : ""}`,
  );
  return p95;
};

const verdict = (title: string, value: number, bare: number, target: number) =>
  console.log(`ratio ${title.padEnd(36)} ${(value / bare).toFixed(2).padStart(6)} (target <= ${target}) ${value / bare <= target ? "pass" : "FAIL"}`);

try {
  console.log(
    `bench/console: ${ready.database}; ${ready.bulletins} bulletins; ${connections} connections, ${seconds} s per run; load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(" ")}`,
  );
  await measure("warm-up: bulletin list", "/");
  await measure("warm-up: bulletin list, uncached", "/", { base: ready.uncachedBase });
  const bareList = await measure(`bare route, same ${ready.sizes.list} bytes`, "/bench/bare/list");
  const list = await measure("bulletin list, repeat view (cached)", "/");
  const uncached = await measure("bulletin list, after a change (no cache)", "/", { base: ready.uncachedBase });
  verdict("list repeat view / bare p95", list, bareList, 3);
  verdict("list after a change / bare p95", uncached, bareList, 3);
  // the SMS preview, as the compose page's script asks for it while the editor types (target <= 1.5)
  const post = { method: "POST", body: ready.previewForm, headers: ready.previewHeaders };
  await measure("warm-up: SMS preview", "/bulletins/new/preview", post);
  const barePreview = await measure(`bare route (POST), same ${ready.sizes.smsPreview} bytes`, "/bench/bare/sms-preview", post);
  const preview = await measure("SMS preview (compose, vi + lo + en)", "/bulletins/new/preview", post);
  verdict("SMS preview / bare p95", preview, barePreview, 1.5);
  // the same while the editor types the summary: every request a new summary, so nothing worked out before helps
  // (each language's draft is made afresh by the demo translator, memory lookups included); shown, no target
  let typed = 0;
  const typing = {
    ...post,
    setupRequest: (request: { body?: string }) => ({
      ...request,
      body: ready.previewForm.replace("&summary=", `&summary=${encodeURIComponent(`${(typed += 1)} `)}`),
    }),
  };
  const bareTyping = await measure("bare route (POST), while typing", "/bench/bare/sms-preview", typing);
  const whileTyping = await measure("SMS preview while typing the summary", "/bulletins/new/preview", typing);
  console.log(`ratio ${"SMS preview while typing / bare p95".padEnd(36)} ${(whileTyping / bareTyping).toFixed(2).padStart(6)} (shown: no target)`);
  console.log(`load average at the end ${loadavg()[0]!.toFixed(1)}`);
} finally {
  server.stdin!.end();
  await new Promise((resolve) => server.once("exit", resolve));
}
