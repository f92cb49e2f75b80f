// The demo's history (`npm start` on an empty database): months of bulletins in both provinces with everything a
// report counts, checked here by direct counts in the database: rows of each kind, both provinces, the months
// covered, corrections, withdrawals, drills, partners' reports, plays, contacts and airings, and that they hang
// together the way the pipeline leaves them.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { buildReport } from "../../src/delivery/reports/build-report.ts";
import { resolveReportPeriod } from "../../src/delivery/reports/periods.ts";
import type { ReportFigures } from "../../src/domain/reports.ts";
import { demoHistoryDays, seedDemoHistory, type DemoHistorySummary } from "../../src/demo/demo-history.ts";
import { seedDemo, type DemoCredentials } from "../../src/demo/seed-demo.ts";
import { openDatabase } from "../../src/db/client.ts";
import { backends, type BackendInstance } from "../helpers/backends.ts";

const rowsOf = <Row>(result: unknown): Row[] => (Array.isArray(result) ? (result as Row[]) : ((result as { rows: Row[] }).rows ?? []));
const query = async <Row>(db: Db, statement: ReturnType<typeof sql>) => rowsOf<Row>(await db.execute(statement));
const one = async <Row>(db: Db, statement: ReturnType<typeof sql>) => (await query<Row>(db, statement))[0]!;
const num = (value: unknown) => Number(value);

describe.each(backends)("the demo history on $name", (backend) => {
  let instance: BackendInstance;
  let db: Db;
  let credentials: DemoCredentials;
  let summary: DemoHistorySummary;
  const now = new Date("2026-12-03T02:00:00Z");

  beforeAll(async () => {
    instance = await backend.open();
    db = instance.database.db;
    credentials = await seedDemo(db, now);
    summary = await seedDemoHistory(db, credentials, now);
  }, 120_000);
  afterAll(() => instance?.cleanup());

  it("adds a demo reporter who can sign in like the other demo users", () => {
    expect(credentials.users.find((user) => user.username === "reporter")).toMatchObject({ roles: ["reporter"], password: expect.stringMatching(/\S{12,}/) });
  });

  it("holds about eight months of bulletins in both provinces, corrected, withdrawn, test and exercise ones among them", async () => {
    const counts = await one<Record<string, unknown>>(
      db,
      sql`select
        count(*) as total,
        count(*) filter (where published_at is not null) as published,
        count(*) filter (where supersedes_id is not null) as corrections,
        count(*) filter (where status = 'superseded') as superseded,
        count(*) filter (where status = 'withdrawn' and withdrawn_at is not null and withdrawal_reason is not null) as withdrawn,
        count(*) filter (where mode = 'test') as test,
        count(*) filter (where mode = 'exercise') as exercise,
        count(*) filter (where exists (select 1 from unnest(areas) a where a like 'VN-HT%')) as hatinh,
        count(*) filter (where exists (select 1 from unnest(areas) a where a like 'VN-TN%')) as tayninh,
        count(distinct category) as categories,
        count(distinct urgency) as urgencies,
        count(distinct source_language) as sources,
        count(distinct to_char(published_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')) as months,
        min(published_at) as first, max(valid_until) as last,
        count(*) filter (where approved_at is null or published_at < approved_at or approved_at < submitted_at) as out_of_order,
        count(*) filter (where status in ('published') or valid_until > ${now.toISOString()}::timestamptz) as still_in_force
      from bulletins`,
    );
    expect(num(counts.total)).toBe(summary.bulletins);
    expect(num(counts.total)).toBeGreaterThanOrEqual(190);
    expect(num(counts.published)).toBe(num(counts.total));
    expect(num(counts.corrections)).toBeGreaterThan(0);
    expect(num(counts.superseded)).toBe(num(counts.corrections));
    expect(num(counts.withdrawn)).toBeGreaterThan(0);
    expect(num(counts.test)).toBeGreaterThan(0);
    expect(num(counts.exercise)).toBeGreaterThan(0);
    expect(num(counts.test) + num(counts.exercise)).toBe(summary.drills);
    expect(num(counts.hatinh)).toBeGreaterThan(40);
    expect(num(counts.tayninh)).toBeGreaterThan(40);
    expect(num(counts.categories)).toBeGreaterThanOrEqual(8);
    expect(num(counts.urgencies)).toBe(3);
    expect(num(counts.sources)).toBe(2);
    expect(num(counts.months)).toBeGreaterThanOrEqual(8);
    expect(now.getTime() - new Date(counts.first as string).getTime()).toBeGreaterThan((demoHistoryDays - 10) * 86_400_000);
    expect(new Date(counts.last as string).getTime()).toBeLessThan(now.getTime());
    expect(num(counts.out_of_order)).toBe(0);
    // the history is over: nothing of it is in force, so the screens' feeds and the console show only today's demo
    expect(num(counts.still_in_force)).toBe(0);
    // a text, approved, for every target language of every bulletin, in every language of the provinces
    const texts = await one<Record<string, unknown>>(
      db,
      sql`select
        (select count(*) from bulletins b cross join unnest(b.target_languages) l where not exists (
          select 1 from bulletin_texts t where t.bulletin_id = b.id and t.language = l and t.state = 'approved')) as missing,
        (select array_agg(distinct l order by l) from bulletins b cross join unnest(b.target_languages) l) as languages`,
    );
    expect(num(texts.missing)).toBe(0);
    expect(texts.languages).toEqual(["en", "km", "lo", "vi"]);
  });

  it("has the partners' claims and reports: submitted, delivered, failed, parts, rejections and cancellations with reasons", async () => {
    const messages = await one<Record<string, unknown>>(
      db,
      sql`select
        count(*) as total,
        count(*) filter (where kind = 'voice') as voice,
        count(*) filter (where status = 'sent') as sent,
        count(*) filter (where status = 'rejected') as rejected,
        count(*) filter (where status = 'cancelled') as cancelled,
        count(*) filter (where status in ('pending', 'claimed')) as unfinished,
        count(distinct partner_id) as partners
      from sms_messages`,
    );
    expect(num(messages.total)).toBe(summary.messages);
    expect(num(messages.voice)).toBeGreaterThan(0);
    expect(num(messages.rejected)).toBeGreaterThan(0);
    expect(num(messages.cancelled)).toBeGreaterThan(0);
    expect(num(messages.unfinished)).toBe(0);
    expect(num(messages.partners)).toBe(2);
    const log = await one<Record<string, unknown>>(
      db,
      sql`select
        count(*) filter (where event = 'message.sent') as sent,
        count(*) filter (where event = 'message.rejected') as rejected,
        count(*) filter (where event = 'message.cancelled') as cancelled,
        count(*) filter (where event = 'message.report_repeated') as repeated,
        count(*) filter (where event = 'message.lease_expired') as lease_expired,
        count(distinct reason) filter (where event = 'message.rejected') as rejection_reasons,
        array_agg(distinct reason) filter (where event = 'message.cancelled') as cancel_reasons,
        sum(submitted) filter (where event = 'message.sent') as submitted,
        sum(delivered) filter (where event = 'message.sent') as delivered,
        sum(failed) filter (where event = 'message.sent') as failed,
        count(*) filter (where event = 'message.sent' and submitted <> delivered + failed) as unbalanced
      from delivery_log`,
    );
    // one report per message, as the partner API logs them
    expect(num(log.sent)).toBe(num(messages.sent));
    expect(num(log.rejected)).toBe(num(messages.rejected));
    expect(num(log.cancelled)).toBe(num(messages.cancelled));
    expect(num(log.repeated)).toBeGreaterThan(0);
    expect(num(log.lease_expired)).toBeGreaterThan(0);
    expect(num(log.rejection_reasons)).toBeGreaterThanOrEqual(2);
    expect(log.cancel_reasons).toEqual(expect.arrayContaining(["withdrawn", "superseded"]));
    expect(num(log.submitted)).toBeGreaterThan(num(log.delivered));
    expect(num(log.delivered)).toBeGreaterThan(0);
    expect(num(log.failed)).toBeGreaterThan(0);
    expect(num(log.unbalanced)).toBe(0);
    // what the operators bill: SMS parts x delivered, in both provinces
    const billed = await query<{ province: string; parts: string }>(
      db,
      sql`select substr(b.areas[1], 1, 5) as province, sum(m.parts * d.delivered) as parts
        from delivery_log d join sms_messages m on m.id = d.message_id join bulletins b on b.id = d.bulletin_id
        where d.event = 'message.sent' and m.kind = 'sms' group by 1 order by 1`,
    );
    expect(billed.map((row) => row.province)).toEqual(["VN-HT", "VN-TN"]);
    for (const row of billed) expect(num(row.parts)).toBeGreaterThan(0);
  });

  it("hands over after approval, so the speed section has figures per channel and urgency, corrections included", async () => {
    const speed = await query<{ channel: string; urgency: string; bulletins: string; early: string }>(
      db,
      sql`select first.channel, b.urgency, count(*) as bulletins, count(*) filter (where first.at < b.approved_at) as early
        from bulletins b
        join lateral (
          select d.channel, min(d.at) as at from delivery_log d
          where d.bulletin_id = b.id and d.event in ('message.claimed', 'display.served', 'radio.fetched') group by d.channel
        ) first on true
        where b.mode = 'actual' group by 1, 2 order by 1, 2`,
    );
    expect(speed.reduce((sum, row) => sum + num(row.early), 0)).toBe(0);
    expect(new Set(speed.map((row) => row.channel))).toEqual(new Set(["sms", "voice", "display", "radio"]));
    for (const urgency of ["urgent", "routine"])
      expect(speed.filter((row) => row.urgency === urgency && row.channel === "sms").map((row) => num(row.bulletins))[0]).toBeGreaterThan(3);
    const corrections = await one<{ count: string }>(
      db,
      sql`select count(distinct b.id) as count from bulletins b join delivery_log d on d.bulletin_id = b.id and d.event = 'message.claimed'
        where b.mode = 'actual' and (b.supersedes_id is not null or b.category = 'correction')`,
    );
    expect(num(corrections.count)).toBeGreaterThan(3);
  });

  it("has plays on every screen while the item was in force, some reported late, and most screens heard most of the time", async () => {
    const plays = await query<{ screen: string; plays: string; late: string; seconds: string; outside: string; languages: string }>(
      db,
      sql`select s.name as screen, count(*) as plays,
          count(*) filter (where d.at - d.occurred_at > interval '30 minutes') as late,
          sum((d.detail->>'durationSec')::int) as seconds,
          count(*) filter (where d.occurred_at < b.published_at or d.occurred_at >= coalesce(b.withdrawn_at, b.valid_until)) as outside,
          count(distinct d.language) as languages
        from delivery_log d join screens s on s.id = d.screen_id join bulletins b on b.id = d.bulletin_id
        where d.event = 'display.played' group by s.name order by s.name`,
    );
    expect(plays.map((row) => row.screen)).toEqual(["Cầu Treo gate screen", "Mộc Bài gate screen", "Xa Mát gate LED panel"]);
    expect(plays.reduce((sum, row) => sum + num(row.plays), 0)).toBe(summary.plays);
    for (const row of plays) {
      expect(num(row.plays)).toBeGreaterThan(100);
      expect(num(row.late)).toBeGreaterThan(0);
      expect(num(row.seconds)).toBeGreaterThan(num(row.plays) * 10);
      expect(num(row.outside)).toBe(0);
      expect(num(row.languages)).toBe(3);
    }
    const span = { from: summary.from, to: summary.to };
    const uptime = await query<{ screen: string; share: string; longest: string; created: string; last_seen: string }>(
      db,
      sql`select s.name as screen, s.created_at as created, s.last_seen_at as last_seen,
          count(c.slot)::float / (extract(epoch from ${span.to}::timestamptz - ${span.from}::timestamptz) / 300) as share,
          extract(epoch from max(c.gap)) / 86400 as longest
        from screens s join (
          select screen_id, slot, slot - lag(slot) over (partition by screen_id order by slot) as gap from screen_contacts
        ) c on c.screen_id = s.id
        group by s.id order by s.name`,
    );
    expect(uptime).toHaveLength(3);
    const shares = uptime.map((row) => num(row.share));
    expect(shares[0]).toBeGreaterThan(0.9);
    expect(shares[1]).toBeGreaterThan(0.9);
    for (const share of shares) expect(share).toBeLessThan(1);
    expect(shares[2]).toBeLessThan(Math.min(shares[0]!, shares[1]!) - 0.05);
    // the Xa Mát panel is dark for three weeks
    expect(num(uptime[2]!.longest)).toBeGreaterThanOrEqual(20);
    expect(num(uptime[0]!.longest)).toBeLessThan(2);
    for (const row of uptime) {
      // the screens have been there as long as the history, and were last heard from where it ends
      expect(new Date(row.created).getTime()).toBeLessThanOrEqual(new Date(summary.from).getTime());
      expect(new Date(row.last_seen).getTime()).toBeLessThan(now.getTime());
      expect(now.getTime() - new Date(row.last_seen).getTime()).toBeLessThan(2 * 3_600_000);
    }
    expect(num((await one<{ count: string }>(db, sql`select count(*) as count from screen_contacts`)).count)).toBe(summary.contactSlots);
  });

  it("has radio scripts fetched and aired, by station and language, each airing once and after its fetch", async () => {
    const radio = await query<{ language: string; scripts: string; fetched: string; aired: string; late: string; misordered: string }>(
      db,
      sql`select r.language, count(*) as scripts,
          count(f.id) as fetched, count(a.id) as aired,
          count(a.id) filter (where a.at - a.occurred_at > interval '1 day') as late,
          count(a.id) filter (where a.occurred_at < f.at or f.id is null) as misordered
        from radio_scripts r
        left join delivery_log f on f.event = 'radio.fetched' and f.dedupe_key = 'radio-fetched:' || r.id
        left join delivery_log a on a.event = 'radio.aired' and a.dedupe_key = 'radio-aired:' || r.id
        group by r.language order by r.language`,
    );
    expect(radio.map((row) => row.language)).toEqual(["en", "lo", "vi"]);
    expect(radio.reduce((sum, row) => sum + num(row.scripts), 0)).toBe(summary.radioScripts);
    for (const row of radio) {
      expect(num(row.aired)).toBeGreaterThan(0);
      expect(num(row.aired)).toBeLessThan(num(row.fetched));
      expect(num(row.misordered)).toBe(0);
    }
    expect(radio.reduce((sum, row) => sum + num(row.late), 0)).toBeGreaterThan(0);
    const minutes = await one<{ minutes: string }>(
      db,
      sql`select sum((r.content->>'readingSec')::float) / 60 as minutes from delivery_log a join radio_scripts r on 'radio-aired:' || r.id = a.dedupe_key where a.event = 'radio.aired'`,
    );
    expect(num(minutes.minutes)).toBeGreaterThan(10);
  });

  it("gives the drill section figures of its own: test and exercise bulletins went out too", async () => {
    const drills = await one<Record<string, unknown>>(
      db,
      sql`select
        count(*) filter (where d.event = 'message.sent') as sent,
        count(*) filter (where d.event = 'display.played') as plays,
        count(distinct b.mode) as modes
      from bulletins b join delivery_log d on d.bulletin_id = b.id where b.mode <> 'actual'`,
    );
    expect(num(drills.sent)).toBeGreaterThan(0);
    expect(num(drills.plays)).toBeGreaterThan(0);
    expect(num(drills.modes)).toBe(2);
    const messages = await one<{ count: string }>(
      db,
      sql`select count(*) as count from sms_messages m join bulletins b on b.id = m.bulletin_id where m.mode <> b.mode`,
    );
    expect(num(messages.count)).toBe(0);
  });

  /** Every section of the report has figures: bulletins, messages, screens, radio, speed. */
  const expectEverySection = (figures: ReportFigures, options: { all: boolean }) => {
    expect(figures.bulletins.totals.published).toBeGreaterThan(0);
    expect(figures.bulletins.bySourceLanguage.length).toBeGreaterThan(0);
    expect(figures.bulletins.byTargetLanguage.length).toBeGreaterThan(0);
    expect(figures.messages.totals.handedOver).toBeGreaterThan(0);
    expect(figures.messages.totals.delivered).toBeGreaterThan(0);
    expect(figures.messages.totals.billedParts).toBeGreaterThan(0);
    expect(figures.screens.plays.length).toBeGreaterThan(0);
    expect(figures.screens.plays.every((row) => row.plays > 0 && row.playedSec > 0)).toBe(true);
    expect(figures.screens.uptime).toHaveLength(3);
    expect(figures.screens.uptime.filter((row) => row.heardShare > 0.5).length).toBeGreaterThanOrEqual(2);
    expect(figures.radio.length).toBeGreaterThan(0);
    expect(figures.radio.some((row) => row.aired > 0 && row.airedMinutes > 0)).toBe(true);
    expect(figures.speed.byChannel.some((row) => row.count > 0 && row.medianSec !== null && row.p95Sec !== null)).toBe(true);
    if (!options.all) return;
    // over half a year, every figure
    expect(figures.bulletins.totals.corrected).toBeGreaterThan(0);
    expect(figures.bulletins.totals.withdrawn).toBeGreaterThan(0);
    expect(figures.bulletins.bySourceLanguage.map((row) => row.language).sort()).toEqual(["en", "vi"]);
    expect(figures.bulletins.byTargetLanguage.map((row) => row.language).sort()).toEqual(["en", "km", "lo", "vi"]);
    const totals = figures.messages.totals;
    for (const key of ["submitted", "failed", "rejected", "cancelled"] as const) expect(totals[key], key).toBeGreaterThan(0);
    expect(figures.messages.reasons.filter((row) => row.rejected > 0).length).toBeGreaterThanOrEqual(2);
    expect(figures.messages.reasons.filter((row) => row.cancelled > 0).length).toBeGreaterThanOrEqual(2);
    expect(new Set(figures.radio.map((row) => row.language))).toEqual(new Set(["vi", "lo", "en"]));
    for (const channel of ["sms", "voice", "display", "radio"]) {
      for (const urgency of ["urgent", "routine"]) {
        const row = figures.speed.byChannel.find((entry) => entry.channel === channel && entry.urgency === urgency);
        if (channel === "voice" && urgency === "routine") continue;
        expect(row?.count, `${channel} ${urgency}`).toBeGreaterThan(0);
        expect(row!.medianSec).toBeLessThanOrEqual(row!.p95Sec!);
      }
    }
    expect(figures.speed.corrections.count).toBeGreaterThan(0);
    expect(figures.speed.corrections.medianSec).not.toBeNull();
  };

  it("gives every section of the report figures, for the half-year, a month and grouped by province, and a drill section", async () => {
    const halfYear = await buildReport(db, { period: resolveReportPeriod({ preset: "half-year", year: 2026, index: 2 }), groupBy: null, now });
    expectEverySection(halfYear.figures, { all: true });
    // the drills: test and exercise bulletins, left out of the figures above
    expect(halfYear.drills.bulletins.totals.published).toBeGreaterThan(0);
    expect(halfYear.drills.messages.totals.handedOver).toBeGreaterThan(0);
    expect(halfYear.drills.screens.plays.length).toBeGreaterThan(0);
    // the Xa Mát panel was dark for three weeks of it
    const uptime = new Map(halfYear.figures.screens.uptime.map((row) => [row.screen, row.heardShare]));
    expect(uptime.get("Xa Mát gate LED panel")).toBeLessThan(Math.min(uptime.get("Cầu Treo gate screen")!, uptime.get("Mộc Bài gate screen")!));

    const month = await buildReport(db, { period: resolveReportPeriod({ preset: "month", year: 2026, index: 10 }), groupBy: null, now });
    expectEverySection(month.figures, { all: false });

    const byProvince = await buildReport(db, { period: resolveReportPeriod({ preset: "year", year: 2026 }), groupBy: "province", now });
    expect(byProvince.figures.bulletins.groups.map((row) => row.group.key).sort()).toEqual(["VN-HT", "VN-TN"]);
    for (const row of byProvince.figures.bulletins.groups) expect(row.published).toBeGreaterThan(20);
    for (const row of byProvince.figures.messages.groups) expect(row.delivered).toBeGreaterThan(0);
    // the year's figures are the history's: every actual bulletin published in it
    const actual = await one<{ count: string }>(db, sql`select count(*) as count from bulletins where mode = 'actual' and supersedes_id is null`);
    expect(byProvince.figures.bulletins.totals.published).toBe(num(actual.count));
  }, 120_000);

  it("goes only into a database without bulletins, and adds nothing when refused", async () => {
    const before = await one<{ count: string }>(db, sql`select count(*) as count from delivery_log`);
    await expect(seedDemoHistory(db, credentials, now)).rejects.toThrow(/without bulletins/);
    expect(await one<{ count: string }>(db, sql`select count(*) as count from delivery_log`)).toEqual(before);
  });

  it("is the same history for the same moment (seeded random)", async () => {
    if (backend.name !== backends[0]!.name) return;
    const other = await openDatabase({});
    try {
      await other.migrate();
      const again = await seedDemoHistory(other.db, await seedDemo(other.db, now), now);
      expect({ ...again, elapsedMs: 0 }).toEqual({ ...summary, elapsedMs: 0 });
      const fingerprint = (target: Db) =>
        one<Record<string, unknown>>(
          target,
          sql`select (select string_agg(category || urgency || mode || status || array_to_string(areas, ',') || published_at::text, ';' order by published_at) from bulletins) as bulletins,
            (select sum(delivered) from delivery_log) as delivered, (select sum(extract(epoch from occurred_at)) from delivery_log) as occurred`,
        );
      expect(await fingerprint(other.db)).toEqual(await fingerprint(db));
    } finally {
      await other.close();
    }
  }, 120_000);
});
