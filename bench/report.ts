// Report benchmark: the half-year report (buildReport, every section, actual and drills) over a year of history with
// 1,000,000 delivery-log rows, against ONE hand-written SQL query computing the same totals over the same rows, in the
// same run. Prints both times (median of the repetitions) and their ratio; the target is a ratio <= 1.5 and the
// report under 2 s. PostgreSQL only: it fills its own database bantin_bench_report (INSERT ... SELECT
// generate_series) and drops it afterwards.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:report
// Options (env): BENCH_ROWS (1000000), BENCH_REPEAT (5)
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client.ts";
import { seedDemo } from "../src/demo/seed-demo.ts";
import { buildReport } from "../src/delivery/reports/build-report.ts";
import * as queries from "../src/db/queries/reports.ts";
import { resolveReportPeriod } from "../src/delivery/reports/periods.ts";

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const repeat = Number(process.env.BENCH_REPEAT ?? 5);
if (!process.env.DATABASE_URL) {
  console.error("bench:report needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:report");
  process.exit(1);
}
const name = "bantin_bench_report";
const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.unsafe(`create database ${name}`);
const target = new URL(process.env.DATABASE_URL);
target.pathname = `/${name}`;
const database = await openDatabase({ url: target.toString(), maxConnections: 4 });
const client = postgres(target.toString(), { max: 1, onnotice: () => {} });

const elapsed = async (work: () => Promise<unknown>) => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  await database.migrate();
  const db = database.db;
  await seedDemo(db, new Date("2025-12-01T00:00:00Z"));
  const year = { from: "2025-12-15T00:00:00+07:00", to: "2026-12-15T00:00:00+07:00" };
  const bulletins = Math.max(100, Math.round(rows / 50));
  const fill = await elapsed(async () => {
    // bulletins over the year: one in ten a drill, one in twenty a correction of the one before, one in thirty withdrawn
    await client.unsafe(`
      insert into bulletins (id, series_id, version, status, category, source_language, target_languages, channels, areas, urgency, mode,
        valid_from, valid_until, supersedes_id, created_by, contributors, approved_at, published_at, withdrawn_at, created_at, updated_at)
      select md5('b' || i)::uuid, md5('s' || (i - (i % 20 = 0)::int))::uuid, 1 + (i % 20 = 0)::int,
        case when i % 30 = 0 then 'withdrawn' else 'published' end,
        (array['gate_closure','weather','health','correction','notice'])[1 + i % 5], 'vi',
        case when i % 2 = 0 then array['vi','lo','en'] else array['vi','km','en'] end, array['sms','display','radio'],
        case i % 4 when 0 then array['VN-HT-CAUTREO'] when 1 then array['VN-TN-MOCBAI'] when 2 then array['VN-HT'] else array['VN-TN-XAMAT','VN-TN-MOCBAI'] end,
        (array['routine','priority','urgent'])[1 + i % 3], case when i % 10 = 0 then 'test' else 'actual' end,
        t, t + interval '30 days', case when i % 20 = 0 then md5('b' || (i - 1))::uuid end,
        (select id from users where username = 'editor'), array[(select id from users where username = 'editor')],
        t, t + interval '40 seconds', case when i % 30 = 0 then t + interval '2 days' end, t, t
      from (select i, '${year.from}'::timestamptz + (i * (365.0 / ${bulletins})) * interval '1 day' as t from generate_series(1, ${bulletins}) i) s`);
    await client.unsafe(`
      insert into bulletin_texts (bulletin_id, language, headline, summary, body, state)
      select b.id, l, 'Headline ' || l, 'Summary', 'Body', 'approved' from bulletins b cross join unnest(b.target_languages) l`);
    // two partners x two languages per bulletin
    await client.unsafe(`
      insert into sms_messages (id, bulletin_id, partner_id, kind, language, status, urgency, rank, mode, areas, text, encoding, parts, sender, valid_from, valid_until, created_at)
      select md5(b.id::text || p.id::text || l)::uuid, b.id, p.id, 'sms', l, 'sent', b.urgency, 0, b.mode, b.areas, 'text', 'gsm7', 1 + (abs(hashtext(b.id::text || l)) % 3), 'BANTIN', b.valid_from, b.valid_until, b.published_at
      from bulletins b cross join partners p cross join lateral unnest(b.target_languages[1:2]) l`);
    const messages = Number((await client`select count(*)::int as n from sms_messages`)[0]!.n);
    await client.unsafe(`
      insert into radio_scripts (bulletin_id, station_id, language, content)
      select b.id, s.id, 'vi', jsonb_build_object('headline', 'h', 'script', 's', 'sections', '[]'::jsonb, 'readingSec', 30 + abs(hashtext(b.id::text)) % 90, 'rate', '{}'::jsonb)
      from bulletins b cross join stations s`);
    // the log: every message claimed and reported (one in eight rejected), a script fetched and aired per bulletin, the rest plays
    await client.unsafe(`
      insert into delivery_log (at, bulletin_id, message_id, partner_id, channel, language, event)
      select m.created_at + interval '90 seconds', m.bulletin_id, m.id, m.partner_id, 'sms', m.language, 'message.claimed' from sms_messages m`);
    await client.unsafe(`
      insert into delivery_log (at, bulletin_id, message_id, partner_id, channel, language, event, reason, submitted, delivered, failed)
      select m.created_at + interval '5 minutes', m.bulletin_id, m.id, m.partner_id, 'sms', m.language,
        case when abs(hashtext(m.id::text)) % 8 = 0 then 'message.rejected' else 'message.sent' end,
        case when abs(hashtext(m.id::text)) % 8 = 0 then 'no_coverage' end, 1000, 900, 100
      from sms_messages m`);
    await client.unsafe(`
      insert into delivery_log (at, occurred_at, bulletin_id, station_id, channel, language, event, detail)
      select r.created_at, case when e = 'radio.aired' then b.published_at + interval '20 minutes' end, r.bulletin_id, r.station_id, 'radio', r.language, e, jsonb_build_object('scriptId', r.id)
      from radio_scripts r join bulletins b on b.id = r.bulletin_id cross join unnest(array['radio.fetched','radio.aired']) e`);
    const plays = rows - 2 * messages - 2 * bulletins - 3 * bulletins;
    await client.unsafe(`
      insert into delivery_log (at, bulletin_id, screen_id, channel, language, event, detail)
      select b.published_at + interval '3 minutes', b.id, s.id, 'display', b.target_languages[1], 'display.served', '{}'::jsonb
      from bulletins b cross join screens s`);
    await client.unsafe(`
      insert into delivery_log (at, occurred_at, bulletin_id, screen_id, channel, language, event, detail)
      select b.published_at + (i % 7) * interval '1 day', b.published_at + (i % 2000) * interval '10 minutes', b.id, s.id, 'display', b.target_languages[1 + i % 3], 'display.played',
        jsonb_build_object('durationSec', 10 + i % 20)
      from generate_series(1, ${plays}) i
      join bulletins b on b.id = md5('b' || (1 + i % ${bulletins}))::uuid
      join lateral (select id from screens order by name offset i % 3 limit 1) s on true`);
    // screens heard from in nine of ten five-minute slots of the year
    await client.unsafe(`
      insert into screen_contacts (screen_id, slot)
      select s.id, slot from screens s cross join generate_series('${year.from}'::timestamptz, '${year.to}'::timestamptz - interval '5 minutes', interval '5 minutes') slot
      where abs(hashtext(s.id::text || slot::text)) % 10 <> 0`);
    await client.unsafe("analyze");
  });
  const logRows = Number((await client`select count(*)::int as n from delivery_log`)[0]!.n);
  console.log(
    `filled: ${logRows} delivery-log rows, ${bulletins} bulletins, ${(await client`select count(*)::int as n from screen_contacts`)[0]!.n} contact slots in ${(fill / 1000).toFixed(1)} s`,
  );

  const period = resolveReportPeriod({ preset: "half-year", year: 2026, index: 1 });
  const now = new Date("2026-12-20T00:00:00Z");
  const from = new Date(period.from).toISOString();
  const to = new Date(period.to).toISOString();
  // the same totals in one statement, written by hand: per mode (actual, drill), every section's figures
  const handWritten = sql.raw(`
    with b as (select id, mode <> 'actual' as drill, supersedes_id, category, urgency, channels, approved_at, published_at, withdrawn_at from bulletins),
    l as (select l.*, coalesce(l.occurred_at, l.at) as happened from delivery_log l
          where coalesce(l.occurred_at, l.at) >= '${from}' and coalesce(l.occurred_at, l.at) < '${to}'),
    per_message as (select l.message_id, bool_or(event = 'message.claimed') as handed, sum(submitted) as submitted, sum(delivered) as delivered, sum(failed) as failed,
          bool_or(event = 'message.rejected') as rejected, bool_or(event = 'message.cancelled') as cancelled
        from l where event in ('message.claimed','message.sent','message.rejected','message.cancelled') group by l.message_id),
    firsts as (select l.bulletin_id, l.channel, min(coalesce(l.occurred_at, l.at)) as first_at from delivery_log l
        join b on b.id = l.bulletin_id and b.approved_at >= '${from}' and b.approved_at < '${to}'
        where l.event in ('message.claimed','display.served','display.played','radio.fetched') group by 1, 2)
    select
      (select json_agg(x) from (select drill, count(*) filter (where supersedes_id is null and published_at >= '${from}' and published_at < '${to}') as published,
         count(*) filter (where supersedes_id is not null and published_at >= '${from}' and published_at < '${to}') as corrected,
         count(*) filter (where withdrawn_at >= '${from}' and withdrawn_at < '${to}') as withdrawn from b group by drill) x) as bulletins,
      (select json_agg(x) from (select b.drill, count(*) filter (where handed) as handed, sum(pm.submitted) as submitted, sum(pm.delivered) as delivered, sum(pm.failed) as failed,
         sum(pm.delivered * m.parts) as billed, count(*) filter (where pm.rejected) as rejected, count(*) filter (where pm.cancelled) as cancelled
         from per_message pm join sms_messages m on m.id = pm.message_id join b on b.id = m.bulletin_id group by b.drill) x) as messages,
      (select json_agg(x) from (select b.drill, l.reason, count(*) from l join b on b.id = l.bulletin_id where l.event in ('message.rejected','message.cancelled') group by 1, 2) x) as reasons,
      (select json_agg(x) from (select b.drill, l.screen_id, l.bulletin_id, l.language, count(*), sum((l.detail->>'durationSec')::float8) from l join b on b.id = l.bulletin_id
         where l.event = 'display.played' group by 1, 2, 3, 4) x) as plays,
      (select json_agg(x) from (select b.drill, l.station_id, l.language, count(*) filter (where l.event = 'radio.fetched') as fetched, count(*) filter (where l.event = 'radio.aired') as aired,
         sum((r.content->>'readingSec')::float8) filter (where l.event = 'radio.aired') / 60 as minutes
         from l join b on b.id = l.bulletin_id left join radio_scripts r on r.id = (l.detail->>'scriptId')::uuid where l.event in ('radio.fetched','radio.aired') group by 1, 2, 3) x) as radio,
      (select json_agg(x) from (select s.id, count(c.slot)::float8 / (extract(epoch from ('${to}'::timestamptz - '${from}'::timestamptz)) / 300) as share
         from screens s left join screen_contacts c on c.screen_id = s.id and c.slot >= '${from}' and c.slot < '${to}' group by s.id) x) as uptime,
      (select json_agg(x) from (select b.drill, f.channel, b.urgency, percentile_cont(array[0.5, 0.95]) within group (order by extract(epoch from f.first_at - b.approved_at)) as p
         from firsts f join b on b.id = f.bulletin_id group by 1, 2, 3) x) as speed,
      (select json_agg(x) from (select b.drill, percentile_cont(array[0.5, 0.95]) within group (order by extract(epoch from f.first_at - b.approved_at)) as p
         from (select bulletin_id, min(first_at) as first_at from firsts group by 1) f join b on b.id = f.bulletin_id where b.supersedes_id is not null or b.category = 'correction' group by 1) x) as corrections`);

  // a first run of each warms the caches; then they alternate
  let report = await buildReport(db, { period, groupBy: null, now });
  await db.execute(handWritten);
  const reportTimes: number[] = [];
  const sqlTimes: number[] = [];
  for (let i = 0; i < repeat; i++) {
    reportTimes.push(await elapsed(async () => (report = await buildReport(db, { period, groupBy: null, now }))));
    sqlTimes.push(await elapsed(() => db.execute(handWritten)));
  }
  const reportMs = median(reportTimes);
  const sqlMs = median(sqlTimes);
  console.log(
    `half-year report ${period.from} - ${period.to}: published ${report.figures.bulletins.totals.published}, messages handed over ${report.figures.messages.totals.handedOver}, play rows ${report.figures.screens.plays.length}`,
  );
  console.log(`buildReport (median of ${repeat}): ${reportMs.toFixed(0)} ms   [${reportTimes.map((time) => time.toFixed(0)).join(", ")}]`);
  console.log(`one hand-written query (median of ${repeat}): ${sqlMs.toFixed(0)} ms   [${sqlTimes.map((time) => time.toFixed(0)).join(", ")}]`);
  // where the report's time goes: each query alone, actual bulletins
  const scope = { from: new Date(period.from), to: new Date(period.to), drill: false };
  const parts: [string, () => Promise<unknown>][] = [
    ["bulletin counts", () => queries.reportBulletinCounts(db, scope, null)],
    ["bulletin languages", () => queries.reportBulletinLanguages(db, scope)],
    ["message counts", () => queries.reportMessageCounts(db, scope, null)],
    ["message reasons", () => queries.reportMessageReasons(db, scope)],
    ["screen plays", () => queries.reportScreenPlays(db, scope)],
    ["screen uptime", () => queries.reportScreenUptime(db, { from: scope.from, to: scope.to, now, slotMs: 300_000, silentAfterMs: 300_000 })],
    ["radio", () => queries.reportRadio(db, scope)],
    ["speed (by channel and corrections)", () => queries.reportSpeed(db, scope)],
  ];
  const each: string[] = [];
  for (const [label, work] of parts) each.push(`${label} ${(await elapsed(work)).toFixed(0)}`);
  console.log(`each query alone, actual bulletins (ms): ${each.join(", ")}`);
  console.log(`ratio report / hand-written: ${(reportMs / sqlMs).toFixed(2)} (target <= 1.5); report under 2 s: ${reportMs < 2_000 ? "yes" : "no"}`);
} finally {
  await client.end();
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
