// Worker memory benchmark: one compiled `bantin worker` process (PostgreSQL + BullMQ) publishes 1,000 bulletins in
// every channel (SMS, voice with espeak-ng when installed, radio, display slides for the gate's screens, in vi, lo
// and en); its RSS is sampled every second from /proc. Prints the samples' maximum and the slope over the second
// half of the run (MB per 100 bulletins published, a least-squares line), with a line per target.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 npm run bench:worker
// Options (env): BENCH_BULLETINS (1000), BENCH_TIMEOUT_S (1800), BENCH_MALLOC_ARENA_MAX (2, as deployed; 0: glibc's default),
// BENCH_MALLOC_MMAP_THRESHOLD (131072, as deployed; 0: glibc's dynamic threshold), BENCH_SAMPLE_MS (1000),
// BENCH_TRACE=1 (the worker logs each job it finishes; the highest samples are printed with the job then running)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { approveBulletin } from "../src/bulletins/approve-bulletin.ts";
import { CreateBulletinSchema } from "../src/bulletins/bulletin-schemas.ts";
import type { CommandDeps } from "../src/bulletins/command-deps.ts";
import { createBulletin } from "../src/bulletins/create-bulletin.ts";
import { submitBulletin } from "../src/bulletins/submit-bulletin.ts";
import { openDatabase } from "../src/db/client.ts";
import { countBulletinsInStatus } from "../src/db/queries/bulletins.ts";
import { demoActor, seedDemo } from "../src/demo/seed-demo.ts";
import { createLogger } from "../src/logger.ts";
import { createBullmqQueue } from "../src/queue/bullmq-queue.ts";
import { deleteRedisPrefix } from "../test/helpers/backends.ts";
import { spawnWorker } from "../test/helpers/worker-process.ts";

const total = Number(process.env.BENCH_BULLETINS ?? 1_000);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 1_800) * 1_000;
const baseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

execFileSync(process.execPath, [fileURLToPath(new URL("../src/build.mjs", import.meta.url))], { stdio: "inherit" });
const name = `bantin_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const prefix = name;
const database = await openDatabase({ url: url.toString() });
await database.migrate();
const db = database.db;
const queue = createBullmqQueue({ url: redisUrl, prefix });
const deps: CommandDeps = { db, queue, clock: () => new Date(), logger: createLogger("silent") };
const credentials = await seedDemo(db, new Date());
// MALLOC_ARENA_MAX as the deployment sets it (infra/Dockerfile, infra/systemd); BENCH_MALLOC_ARENA_MAX=0 leaves glibc's default
const arenas = process.env.BENCH_MALLOC_ARENA_MAX ?? "2";
const sampleMs = Number(process.env.BENCH_SAMPLE_MS ?? 1_000);
const trace = process.env.BENCH_TRACE === "1";
const mmapThreshold = process.env.BENCH_MALLOC_MMAP_THRESHOLD ?? "131072";
const worker = spawnWorker({
  DATABASE_URL: url.toString(),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  RECONCILE_INTERVAL_MS: "5000",
  JOB_LOCK_MS: "30000",
  ...(arenas === "0" ? {} : { MALLOC_ARENA_MAX: arenas }),
  ...(mmapThreshold === "0" ? {} : { MALLOC_MMAP_THRESHOLD_: mmapThreshold }),
  ...(trace ? { LOG_LEVEL: "debug" } : {}),
});
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${worker.child.pid}/status`, "utf8"))![1]) / 1024;

/** The five highest samples, each with the job the worker was running then (the first to finish after it). */
const printPeaks = (all: { time: number; rss: number }[], log: string) => {
  const finished = log
    .split("\n")
    .filter((line) => line.includes('"job finished"'))
    .map((line) => JSON.parse(line) as { time: number; jobName: string; bulletinId?: string });
  const peaks = [...all].sort((a, b) => b.rss - a.rss).slice(0, 5);
  console.log(`  highest samples (${finished.length} jobs logged):`);
  for (const peak of peaks) {
    const job = finished.find((entry) => entry.time >= peak.time);
    const previous = [...finished].reverse().find((entry) => entry.time < peak.time);
    console.log(
      `    ${peak.rss.toFixed(0)} MB while ${job?.jobName ?? "-"} ran (finished ${job ? job.time - peak.time : "-"} ms after; before it ${previous?.jobName ?? "-"})`,
    );
  }
};

const samples: { at: number; time: number; published: number; rss: number }[] = [];
const ids: string[] = [];
try {
  await sleep(3_000);
  const idle = rssMb();
  const started = performance.now();
  let published = 0;
  const sampler = setInterval(() => samples.push({ at: performance.now() - started, time: Date.now(), published, rss: rssMb() }), sampleMs);
  const counter = setInterval(() => void countBulletinsInStatus(db, { ids, status: "published" }).then((value) => (published = value)), 1_000);
  // a line every 30 s, so a slow run is told from a stuck one while it runs
  const progress = setInterval(() => {
    const last = samples.at(-1);
    if (last)
      console.log(
        `  ${(last.at / 1_000).toFixed(0)} s: ${ids.length} approved, ${last.published} published, RSS ${last.rss.toFixed(0)} MB (load ${loadavg()[0]!.toFixed(1)})`,
      );
  }, 30_000);
  const gates = ["VN-HT-CAUTREO", "VN-TN-MOCBAI", "VN-TN-XAMAT"];
  for (let index = 0; index < total; index += 1) {
    const input = CreateBulletinSchema.parse({
      sourceLanguage: "vi",
      channels: ["sms", "voice", "radio", "display"],
      urgency: "routine",
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      template: {
        name: "gate-closure",
        fields: {
          gate: gates[index % gates.length],
          from: "2026-12-01T18:00:00+07:00",
          reason: index % 2 ? "flooding" : "landslide",
          reopening: `2026-12-${String(2 + (index % 27)).padStart(2, "0")}T06:00:00+07:00`,
        },
      },
    });
    const bulletin = await createBulletin(deps, demoActor(credentials, "editor"), input);
    await submitBulletin(deps, demoActor(credentials, "editor"), bulletin.id);
    await approveBulletin(deps, demoActor(credentials, "approver"), bulletin.id);
    ids.push(bulletin.id);
  }
  const deadline = Date.now() + timeoutMs;
  while (published < total && Date.now() < deadline) await sleep(1_000);
  clearInterval(sampler);
  clearInterval(counter);
  clearInterval(progress);
  published = await countBulletinsInStatus(db, { ids, status: "published" });
  samples.push({ at: performance.now() - started, time: Date.now(), published, rss: rssMb() });
  const seconds = (performance.now() - started) / 1_000;
  const max = Math.max(...samples.map((sample) => sample.rss));
  // the second half of the run, by bulletins published: RSS against bulletins, least squares
  const half = samples.filter((sample) => sample.published >= total / 2);
  const meanX = half.reduce((sum, sample) => sum + sample.published, 0) / half.length;
  const meanY = half.reduce((sum, sample) => sum + sample.rss, 0) / half.length;
  const covariance = half.reduce((sum, sample) => sum + (sample.published - meanX) * (sample.rss - meanY), 0);
  const variance = half.reduce((sum, sample) => sum + (sample.published - meanX) ** 2, 0);
  const slope = variance > 0 ? (covariance / variance) * 100 : 0;
  const at = (fraction: number) => samples.find((sample) => sample.published >= total * fraction)?.rss.toFixed(0) ?? "-";
  console.log(
    `bench/worker-memory: ${published}/${total} bulletins (sms, voice, radio, display; vi, lo, en) published by one compiled \`bantin worker\` (MALLOC_ARENA_MAX ${arenas === "0" ? "unset" : arenas}, MALLOC_MMAP_THRESHOLD_ ${mmapThreshold === "0" ? "unset" : mmapThreshold}) in ${seconds.toFixed(0)} s (load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(" ")})`,
  );
  console.log(
    `  RSS ${idle.toFixed(0)} MB idle; at 25/50/75/100% published: ${at(0.25)} / ${at(0.5)} / ${at(0.75)} / ${at(1)} MB; max ${max.toFixed(0)} MB over ${samples.length} samples`,
  );
  if (trace) printPeaks(samples, worker.output());
  console.log("targets:");
  console.log(
    `  worker RSS max                        ${max.toFixed(0).padStart(5)} MB    target <= 250 MB   ${max <= 250 && published === total ? "met" : "NOT MET"}`,
  );
  console.log(
    `  RSS slope, second half                ${slope.toFixed(1).padStart(5)} MB per 100 bulletins    target <= 1 (not growing)   ${slope <= 1 && half.length >= 5 ? "met" : "NOT MET"}`,
  );
} finally {
  await worker.stop();
  await queue.close(1_000);
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  await deleteRedisPrefix(redisUrl, prefix);
}
