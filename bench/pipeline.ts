// Pipeline benchmark: bulletins through PostgreSQL + BullMQ with separate worker processes.
// Prints throughput, an urgent bulletin's approve-to-claimable latency idle and behind a routine backlog, and how
// long after approval an urgent bulletin for Hà Tĩnh is ready on every channel (SMS, screens, voice, radio; vi and
// en, about a minute of speech): target <= 1.5 s p95. The load average is printed beside the figures.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 npm run bench:pipeline
// Options (env): BENCH_BULLETINS (300), BENCH_BACKLOG (500), BENCH_TRIES (20), BENCH_ROUNDS (4: idle and backlogged tries
// alternate in this many rounds, each with a fresh backlog), BENCH_WORKERS (2), WORKER_CONCURRENCY (unset: the worker's default),
// RECONCILE_INTERVAL_MS (5000), BENCH_BREAKDOWN=1 (print where each urgent try spent its time, from the audit log, and each
// all-channels try's times),
// BENCH_CHANNEL_TRIES (10: urgent bulletins in all channels), BENCH_SECTIONS (throughput,urgent,channels: which parts run)
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { and, eq, isNotNull } from "drizzle-orm";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import postgres from "postgres";
import { createApp } from "../src/app.ts";
import { createEspeakNg, encodeTelephoneAudio } from "../src/channels/voice/index.ts";
import { approveBulletin } from "../src/bulletins/approve-bulletin.ts";
import { approveBulletinText } from "../src/bulletins/approve-bulletin-text.ts";
import { putBulletinText } from "../src/bulletins/put-bulletin-text.ts";
import { CreateBulletinSchema } from "../src/bulletins/bulletin-schemas.ts";
import { createBulletin } from "../src/bulletins/create-bulletin.ts";
import { submitBulletin } from "../src/bulletins/submit-bulletin.ts";
import type { CommandDeps } from "../src/bulletins/command-deps.ts";
import { defaultWorkerConcurrency } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { listAudit } from "../src/db/queries/audit.ts";
import { countBulletinsInStatus } from "../src/db/queries/bulletins.ts";
import { countMessages } from "../src/db/queries/messages.ts";
import { listVoiceRenditionContents } from "../src/db/queries/renditions.ts";
import { jobs, smsMessages } from "../src/db/schema/index.ts";
import type { VoiceRenditionContent } from "../src/delivery/voice-renditions.ts";
import { createFeedEvents } from "../src/http/screen/feed-events.ts";
import { feedChannel, type FeedChange } from "../src/db/queries/feed-notify.ts";
import { demoActor, seedDemo } from "../src/demo/seed-demo.ts";
import { createLogger } from "../src/logger.ts";
import { createBullmqQueue, queueName } from "../src/queue/bullmq-queue.ts";
import { deleteRedisPrefix } from "../test/helpers/backends.ts";
import { spawnWorker } from "../test/helpers/worker-process.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const baseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const settings = {
  bulletins: env("BENCH_BULLETINS", 300),
  backlog: env("BENCH_BACKLOG", 500),
  tries: env("BENCH_TRIES", 20),
  rounds: env("BENCH_ROUNDS", 4),
  workers: env("BENCH_WORKERS", 2),
  concurrency: env("WORKER_CONCURRENCY", defaultWorkerConcurrency),
  channelTries: env("BENCH_CHANNEL_TRIES", 10),
  sections: new Set((process.env.BENCH_SECTIONS ?? "throughput,urgent,channels").split(",").map((part) => part.trim())),
};
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const name = `bantin_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const prefix = name;
const database = await openDatabase({ url: url.toString(), maxConnections: 20 });
await database.migrate();
const db = database.db;
const logger = createLogger("silent");
const queue = createBullmqQueue({ url: redisUrl, prefix });
const deps: CommandDeps = { db, queue, clock: () => new Date(), logger };
const credentials = await seedDemo(db, new Date());
const editor = demoActor(credentials, "editor");
const approver = demoActor(credentials, "approver");

// pausing the queue lets a backlog build up before the workers see any of it
const controlConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const control = new Queue(queueName, { connection: controlConnection, prefix });

const workerProcesses = Array.from({ length: settings.workers }, () =>
  spawnWorker({
    DATABASE_URL: url.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    WORKER_CONCURRENCY: String(settings.concurrency),
    RECONCILE_INTERVAL_MS: process.env.RECONCILE_INTERVAL_MS ?? "5000",
    JOB_LOCK_MS: "15000",
  }),
);

const submitted = async (urgency: "routine" | "urgent") => {
  const input = CreateBulletinSchema.parse({
    category: "gate_hours",
    sourceLanguage: "vi",
    targetLanguages: ["vi"],
    channels: ["sms"],
    areas: ["VN-HT-CAUTREO"],
    urgency,
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    text: {
      headline: "Cầu Treo đổi giờ",
      summary: "Từ 01/12, cửa khẩu Cầu Treo mở cửa từ 06:00 đến 22:00.",
      body: "Từ 01/12, cửa khẩu quốc tế Cầu Treo mở cửa từ 06:00 đến 22:00.",
    },
  });
  const bulletin = await createBulletin(deps, editor, input);
  await submitBulletin(deps, editor, bulletin.id);
  return bulletin.id;
};

/** n routine bulletins, created, submitted and approved (a few at a time: setting up is not what is measured)
 *  while the routine queue is paused, so the workers see all of them at once when it resumes */
const routineBacklog = async (n: number) => {
  const ids: string[] = [];
  const inParallel = async (count: number, step: (index: number) => Promise<unknown>) => {
    for (let start = 0; start < count; start += 8) await Promise.all(Array.from({ length: Math.min(8, count - start) }, (_, offset) => step(start + offset)));
  };
  await inParallel(n, async () => ids.push(await submitted("routine")));
  await control.pause();
  await inParallel(n, (index) => approveBulletin(deps, approver, ids[index]!));
  return ids;
};

const publishedAmong = (ids: string[]) => countBulletinsInStatus(db, { ids, status: "published" });

/** approve -> the bulletin's messages are claimable: the publishing transaction (which creates the messages)
 *  sends a NOTIFY when it commits; waiting for it instead of polling keeps the bench's own load off the database */
const published = new Map<string, () => void>();
const unlisten = await database.listen(feedChannel, (payload) => {
  const change = JSON.parse(payload) as FeedChange;
  if (change.status === "published") published.get(change.bulletinId)?.();
});
const urgentLatency = async () => {
  const id = await submitted("urgent");
  const seen = new Promise<void>((resolve) => published.set(id, resolve));
  const started = performance.now();
  await approveBulletin(deps, approver, id);
  await seen;
  const total = performance.now() - started;
  published.delete(id);
  if ((await countMessages(db, [id])) === 0) throw new Error(`bulletin ${id} published without SMS messages`);
  if (process.env.BENCH_BREAKDOWN) {
    const steps = await listAudit(db, "bulletin", id);
    const at = (status: string) => steps.find((step) => step.toStatus === status)?.at.getTime() ?? NaN;
    console.log(
      `  ${total.toFixed(0)} ms: approved->localize start ${at("localized") - at("approved")} ms, ->format start ${at("published") - at("localized")} ms`,
    );
  }
  return total;
};

// An API process's view, as endpoints see it: the screen feed and the radio scripts through the app
const feedEvents = await createFeedEvents({ db, clock: () => new Date(), logger, listen: database.listen });
const app = createApp({
  db,
  queue,
  clock: () => new Date(),
  logger,
  publicUrl: "http://bench",
  feedEvents,
  checks: { database: database.ping, queue: queue.ping },
});
const screenToken = credentials.screens.find((screen) => screen.name.startsWith("Cầu Treo"))!.token;
const stationToken = credentials.stations[0]!.token;
const getJson = async (path: string, token: string) => (await app.request(path, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<any>;

/** About a minute of speech in Vietnamese (and a little less in English): a flood warning for Hà Tĩnh. */
const floodWarning = {
  vi: {
    headline: "Cảnh báo lũ khẩn cấp tại Hà Tĩnh",
    summary: "Lũ lớn trên sông Ngàn Phố và sông Ngàn Sâu; người dân vùng trũng sơ tán ngay.",
    body: [
      "Mưa lớn kéo dài làm mực nước sông Ngàn Phố và sông Ngàn Sâu dâng nhanh, vượt mức báo động ba.",
      "Các xã ven sông thuộc huyện Hương Sơn và Hương Khê có nguy cơ ngập sâu trong đêm nay.",
      "Người dân vùng trũng di chuyển ngay đến nơi cao, mang theo giấy tờ, thuốc men và nước uống.",
      "Không đi qua ngầm tràn, cầu yếu và đường bị ngập; không vớt củi trên sông.",
      "Cửa khẩu Cầu Treo tạm dừng thông quan cho đến khi có thông báo mới.",
      "Mọi trường hợp khẩn cấp xin gọi ban chỉ huy phòng chống thiên tai của huyện hoặc số 112.",
    ].join(" "),
  },
  en: {
    headline: "Urgent flood warning for Ha Tinh",
    summary: "Major floods on the Ngan Pho and Ngan Sau rivers; people in low-lying areas must leave now.",
    body: [
      "Heavy rain has raised the Ngan Pho and Ngan Sau rivers quickly, above alarm level three.",
      "Riverside communes of Huong Son and Huong Khe districts may be deeply flooded tonight.",
      "People in low-lying areas must move to high ground now, with papers, medicine and drinking water.",
      "Do not cross spillways, weak bridges or flooded roads, and do not collect wood from the rivers.",
      "The Cau Treo border gate stops clearance until further notice.",
      "In an emergency, call the district disaster command or 112.",
    ].join(" "),
  },
};

// Every try a minute later in validity: a slide shows it, so each try draws its slides as a new bulletin does (the
// same text valid until the same minute would reuse the last try's slides, and most tries would skip drawing)
let allChannelsTries = 0;
const allChannelsBulletin = async () => {
  allChannelsTries += 1;
  const input = CreateBulletinSchema.parse({
    category: "disaster",
    sourceLanguage: "vi",
    targetLanguages: ["vi", "en"],
    channels: ["sms", "display", "voice", "radio"],
    areas: ["VN-HT"],
    urgency: "urgent",
    validUntil: new Date(Date.now() + 86_400_000 + allChannelsTries * 60_000).toISOString(),
    text: floodWarning.vi,
  });
  const bulletin = await createBulletin(deps, editor, input);
  const translator = demoActor(credentials, "translator");
  await putBulletinText(deps, translator, { id: bulletin.id, language: "en", text: floodWarning.en });
  await approveBulletinText(deps, translator, { id: bulletin.id, language: "en" });
  await submitBulletin(deps, editor, bulletin.id);
  return bulletin.id;
};

/** Approves a new bulletin and watches every channel (every 20 ms) until each is ready, and the MP3s too. */
const channelTimes = async () => {
  const id = await allChannelsBulletin();
  const ready: Record<string, number> = {};
  const started = performance.now();
  await approveBulletin(deps, approver, id);
  const checks: Record<string, () => Promise<boolean>> = {
    // SMS: the partners' messages are claimable
    sms: async () =>
      (
        await db
          .select({ id: smsMessages.id })
          .from(smsMessages)
          .where(and(eq(smsMessages.bulletinId, id), eq(smsMessages.kind, "sms")))
          .limit(1)
      ).length > 0,
    // screens: the Cầu Treo screen's feed has it
    display: async () => ((await getJson("/screen/v1/feed", screenToken)).items as any[]).some((item) => item.bulletinId === id),
    // voice: the voice partner can claim vi and en, with their WAV
    voice: async () =>
      (
        await db
          .select({ id: smsMessages.id })
          .from(smsMessages)
          .where(and(eq(smsMessages.bulletinId, id), eq(smsMessages.kind, "voice"), isNotNull(smsMessages.audio)))
      ).length === 2,
    // radio: the station's vi and en scripts, with their audio (the WAV)
    radio: async () =>
      ((await getJson("/radio/v1/scripts?limit=100", stationToken)).scripts as any[]).filter((script) => script.bulletinId === id && script.audioWav).length ===
      2,
    // not a channel: the MP3s that follow
    mp3: async () => (await listVoiceRenditionContents(db, [id])).filter((row) => (row.content as VoiceRenditionContent).audio?.mp3).length === 2,
  };
  while (Object.keys(ready).length < Object.keys(checks).length) {
    if (performance.now() - started > 120_000) {
      const failed = await db.select().from(jobs).where(eq(jobs.status, "failed"));
      throw new Error(
        `bulletin ${id}: still waiting for ${Object.keys(checks)
          .filter((name) => !(name in ready))
          .join(
            ", ",
          )} after 120 s; failed jobs: ${failed.map((job) => `${job.name}: ${job.lastError}`).join("; ") || "none"}; workers said: ${workerProcesses.map((worker) => worker.output()).join("\n")}`,
      );
    }
    for (const [name, check] of Object.entries(checks)) if (!(name in ready) && (await check())) ready[name] = performance.now() - started;
    await sleep(20);
  }
  const voices = (await listVoiceRenditionContents(db, [id])).map((row) => ({ language: row.language, content: row.content as VoiceRenditionContent }));
  const steps = await listAudit(db, "bulletin", id);
  const at = (status: string) => steps.find((step) => step.toStatus === status)?.at.getTime() ?? NaN;
  const breakdown = `approved->localize start ${at("localized") - at("approved")} ms, ->format start ${at("published") - at("localized")} ms`;
  return { ready, spoken: voices.map((voice) => voice.content.audio?.durationSec ?? 0), voices, breakdown };
};

const everyChannel = async () => {
  const channels = ["sms", "display", "voice", "radio"] as const;
  await sleep(1_000);
  await channelTimes(); // warm-up: the first espeak-ng start and the first queries are slower
  const runs = [];
  for (let index = 0; index < settings.channelTries; index += 1) runs.push(await channelTimes());
  if (process.env.BENCH_BREAKDOWN)
    for (const [index, run] of runs.entries())
      console.log(
        `  try ${index + 1}: ${Object.entries(run.ready)
          .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
          .join(", ")} ms (${run.breakdown})`,
      );
  const spoken = runs[0]!.spoken.map((seconds) => seconds.toFixed(1)).join(" s and ");
  console.log(
    `urgent bulletin for Hà Tĩnh in sms, display, voice and radio (vi+en, ${spoken} s of speech), approval to ready, ${runs.length} tries; load average ${load()}`,
  );
  for (const name of [...channels, "mp3"] as const) {
    const times = runs.map((run) => run.ready[name]!);
    console.log(
      `${`  ${name === "mp3" ? "MP3 (after)" : name}:`.padEnd(16)}p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`,
    );
  }
  const every = runs.map((run) => Math.max(...channels.map((name) => run.ready[name]!)));
  const p95 = percentile(every, 95);
  console.log(
    `every channel ready: p50 ${percentile(every, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (target <= 1500 ms: ${p95 <= 1_500 ? "pass" : "FAIL"}); load average ${load()}`,
  );
  // the same run's yardstick for the voice step, in this process: the same vi and en parts spoken one after the
  // other and each encoded to WAV and MP3 before the next, as the step did before (issue 15, item 6)
  const engine = createEspeakNg();
  const oneByOne: number[] = [];
  for (let index = 0; index < 3; index += 1) {
    const started = performance.now();
    for (const voice of runs[0]!.voices) {
      const spoken = await engine.synthesize({ language: voice.language as "vi" | "en", parts: voice.content.parts });
      if (spoken.ok) await encodeTelephoneAudio(spoken.wav);
    }
    oneByOne.push(performance.now() - started);
  }
  const voiceStep = runs.map((run) => run.ready.voice! - run.ready.sms!);
  console.log(
    `voice after SMS: p50 ${percentile(voiceStep, 50).toFixed(0)} ms; yardstick, vi then en each spoken and encoded to WAV+MP3 in turn: p50 ${percentile(oneByOne, 50).toFixed(0)} ms; ratio ${(percentile(voiceStep, 50) / percentile(oneByOne, 50)).toFixed(2)}; load average ${load()}`,
  );
};

try {
  await sleep(1_500); // let the workers connect
  console.log(`bench/pipeline: PostgreSQL + BullMQ, ${settings.workers} worker processes x concurrency ${settings.concurrency}`);

  // 1. throughput
  if (settings.sections.has("throughput")) {
    const ids = await routineBacklog(settings.bulletins);
    const started = performance.now();
    await control.resume();
    while ((await publishedAmong(ids)) < ids.length) await sleep(20);
    const seconds = (performance.now() - started) / 1_000;
    const messages = await countMessages(db, ids);
    console.log(
      `throughput: ${ids.length} bulletins in ${seconds.toFixed(2)} s = ${(ids.length / seconds).toFixed(1)} bulletins/s, ${(messages / seconds).toFixed(1)} SMS messages/s`,
    );
  }

  // 2. urgent latency on an idle system and behind a backlog of routine bulletins, in alternating rounds, so that
  // the machine's own ups and downs (other tenants, background services) fall on both sides of the ratio alike
  if (settings.sections.has("urgent")) {
    const idle: number[] = [];
    const behind: number[] = [];
    const leftInBacklog: number[] = [];
    const rounds = Math.max(1, Math.min(settings.rounds, settings.tries));
    for (let round = 0; round < rounds; round += 1) {
      const tries = Math.floor(settings.tries / rounds) + (round < settings.tries % rounds ? 1 : 0);
      await sleep(1_000); // idle means idle: the last burst of work (and the housekeeping after it) is over
      for (let index = 0; index < tries; index += 1) idle.push(await urgentLatency());
      const backlog = await routineBacklog(settings.backlog);
      await control.resume();
      for (let index = 0; index < tries; index += 1) behind.push(await urgentLatency());
      leftInBacklog.push(backlog.length - (await publishedAmong(backlog)));
      while ((await publishedAmong(backlog)) < backlog.length) await sleep(50);
    }

    const idleP95 = percentile(idle, 95);
    const behindP95 = percentile(behind, 95);
    console.log(
      `urgent approve-to-claimable, idle:            p50 ${percentile(idle, 50).toFixed(0)} ms, p95 ${idleP95.toFixed(0)} ms (${settings.tries} tries in ${rounds} rounds)`,
    );
    console.log(
      `urgent approve-to-claimable, behind ${settings.backlog} routine: p50 ${percentile(behind, 50).toFixed(0)} ms, p95 ${behindP95.toFixed(0)} ms (${settings.tries} tries in ${rounds} rounds; at least ${Math.min(...leftInBacklog)} routine bulletins still waiting after each round's last try)`,
    );
    console.log(
      `ratio backlogged/idle p95: ${(behindP95 / idleP95).toFixed(2)} (target <= 1.5); backlogged p95 ${behindP95 <= 1_000 ? "<=" : ">"} 1 s (target <= 1 s)`,
    );
  }

  // 3. every channel: approval to ready on each, for an urgent flood warning in vi and en
  if (settings.sections.has("channels")) await everyChannel();
} finally {
  await feedEvents.close();
  await Promise.all(workerProcesses.map((worker) => worker.stop("SIGTERM")));
  await unlisten();
  await queue.close(1_000);
  await control.close();
  controlConnection.disconnect();
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  await deleteRedisPrefix(redisUrl, prefix);
}
