// What the demo's history adds to `npm start` on a fresh database: the time of seedDemoHistory against the time of
// the rest of the demo seed (seedDemo: gazetteer, users, endpoints), on a fresh database each run, and what it wrote.
//   npm run bench:demo-seed                      (embedded PGlite in a temporary folder, as `npm start` without DATABASE_URL)
//   DATABASE_URL=postgres://... npm run bench:demo-seed
// Options (env): BENCH_RUNS (3)
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "../src/db/client.ts";
import { seedDemoHistory } from "../src/demo/demo-history.ts";
import { seedDemo } from "../src/demo/seed-demo.ts";

const runs = Number(process.env.BENCH_RUNS ?? 3);

const freshDatabase = async () => {
  if (!process.env.DATABASE_URL) {
    // on disk, as `npm start` keeps it in BANTIN_DATA_DIR
    const dataDir = mkdtempSync(path.join(tmpdir(), "bantin-bench-demo-"));
    return { database: await openDatabase({ dataDir }), drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `bantin_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const target = new URL(process.env.DATABASE_URL);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString() });
  return {
    database,
    drop: async () => {
      const dropper = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seedTimes: number[] = [];
const historyTimes: number[] = [];
// CPU time of this process (PGlite runs in it): what the step costs on an idle machine, whatever the load
const historyCpu: number[] = [];
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
let summary: Awaited<ReturnType<typeof seedDemoHistory>> | undefined;
for (let run = 0; run < runs; run += 1) {
  const { database, drop } = await freshDatabase();
  try {
    await database.migrate();
    const now = new Date();
    let started = performance.now();
    const credentials = await seedDemo(database.db, now);
    seedTimes.push(performance.now() - started);
    started = performance.now();
    const cpu = cpuMs();
    summary = await seedDemoHistory(database.db, credentials, now);
    historyTimes.push(performance.now() - started);
    historyCpu.push(cpuMs() - cpu);
  } finally {
    await database.close();
    await drop();
  }
}
const seedMs = median(seedTimes);
const historyMs = median(historyTimes);
console.log(`back end: ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (on disk)"}, ${runs} runs, medians`);
console.log(`demo seed (gazetteer, users, endpoints): ${seedMs.toFixed(0)} ms`);
console.log(`demo history:                            ${historyMs.toFixed(0)} ms  (ratio to the demo seed: ${(historyMs / seedMs).toFixed(2)})`);
if (!process.env.DATABASE_URL)
  console.log(
    `demo history, CPU time of this process:  ${median(historyCpu).toFixed(0)} ms  (the wall time on an idle machine; load average now ${loadavg()[0]!.toFixed(1)})`,
  );
console.log(
  `history written: ${summary!.bulletins} bulletins (${summary!.drills} test/exercise), ${summary!.messages} messages, ${summary!.deliveries} delivery-log rows ` +
    `(${summary!.plays} plays), ${summary!.contactSlots} screen contact slots, ${summary!.radioScripts} radio scripts, ${summary!.from} .. ${summary!.to}`,
);
