// The report's figures, each computed in the database (GROUP BY, FILTER, percentile_cont): no row is loaded into
// JavaScript to be counted. Every query takes the same scope: a period (from inclusive, to exclusive), whether it
// counts actual bulletins or drills (test and exercise), and for the sections with groups, what they are grouped by.
// An event counts in the period it happened: coalesce(occurred_at, at), so a play or airing reported late after an
// outage counts when it was played or aired; a repeated report is never logged twice (dedupe keys), so never counted.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import type { BulletinCounts, MessageCounts, ReportGrouping } from "../../domain/reports.ts";

export type ReportScope = {
  from: Date;
  to: Date;
  /** false: actual bulletins only; true: test and exercise bulletins only */
  drill: boolean;
};

/** The group a row falls in when it has none of the grouping's kind (a bulletin for no gate, grouped by gate). */
export const noGroupKey = "none";

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
const run = async (db: Db, query: SQL) => rowsOf(await db.execute(query));
const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
/** the bulletin alias `b` is actual, or a drill */
const modeIs = (drill: boolean) => (drill ? sql`b.mode <> 'actual'` : sql`b.mode = 'actual'`);
/** when the logged event happened (alias `l`) */
const happened = sql`coalesce(l.occurred_at, l.at)`;
const inPeriod = (column: SQL, scope: ReportScope) => sql`${column} >= ${at(scope.from)} and ${column} < ${at(scope.to)}`;

/** Every place with each of its ancestors (itself included) and the ancestor's kind: commune -> district -> province. */
const placeUp = sql`place_up(code, ancestor, kind) as (
  select code, code, kind from places
  union all
  select u.code, p.parent_code, pp.kind from place_up u join places p on p.code = u.ancestor join places pp on pp.code = p.parent_code
)`;

const areaKinds = { province: "province", district: "district", gate: "gate" } as const;

/** A lateral subquery giving the groups (key, label) of the row in alias `b` (bulletins) or `m` (sms_messages, with
 *  its bulletin `b`). Areas roll up the gazetteer; a row can be in several groups (a bulletin for two provinces). */
const groupsOf = (grouping: ReportGrouping | null, target: "bulletin" | "message"): SQL => {
  const areas = target === "bulletin" ? sql`b.areas` : sql`m.areas`;
  switch (grouping) {
    case null:
      return sql`(select 'all'::text as key, 'all'::text as label)`;
    case "province":
    case "district":
    case "gate":
      return sql`(select distinct u.ancestor as key, coalesce(p.names->>'vi', u.ancestor) as label
        from unnest(${areas}) as a(code) join place_up u on u.code = a.code and u.kind = ${areaKinds[grouping]} join places p on p.code = u.ancestor)`;
    case "channel":
      return target === "bulletin" ? sql`(select c as key, c as label from unnest(b.channels) as c)` : sql`(select m.kind as key, m.kind as label)`;
    case "language":
      return target === "bulletin"
        ? sql`(select c as key, c as label from unnest(b.target_languages) as c)`
        : sql`(select m.language as key, m.language as label)`;
    case "category":
      return sql`(select b.category as key, b.category as label)`;
    case "urgency":
      return sql`(select b.urgency as key, b.urgency as label)`;
    case "endpoint":
      // the partners given its messages, the stations given its scripts, the screens served it
      return target === "message"
        ? sql`(select m.partner_id::text as key, pa.name as label from partners pa where pa.id = m.partner_id)`
        : sql`(select sm.partner_id::text as key, pa.name as label from sms_messages sm join partners pa on pa.id = sm.partner_id where sm.bulletin_id = b.id
            union select rs.station_id::text, st.name from radio_scripts rs join stations st on st.id = rs.station_id where rs.bulletin_id = b.id
            union select sc.id::text, sc.name from screens sc where exists (select 1 from delivery_log sl where sl.bulletin_id = b.id and sl.event = 'display.served' and sl.screen_id = sc.id))`;
  }
};

/** left join lateral: a row without a group of the grouping's kind is in the group "none" */
const groupJoin = (grouping: ReportGrouping | null, target: "bulletin" | "message") => sql`left join lateral ${groupsOf(grouping, target)} g on true`;
// the keys sort the same on every server, whatever its locale
const groupKey = sql`(coalesce(g.key, ${sql.raw(`'${noGroupKey}'`)}) collate "C")`;
const groupLabel = sql`coalesce(g.label, ${sql.raw(`'${noGroupKey}'`)})`;

export type GroupedRow<T> = { key: string; label: string } & T;

export type BulletinCountRow = GroupedRow<BulletinCounts>;

/** Bulletins first published, corrections published, and published bulletins withdrawn in the period, per group. */
export const reportBulletinCounts = async (db: Db, scope: ReportScope, grouping: ReportGrouping | null): Promise<BulletinCountRow[]> => {
  const published = inPeriod(sql`b.published_at`, scope);
  const withdrawn = sql`b.published_at is not null and ${inPeriod(sql`b.withdrawn_at`, scope)}`;
  const rows = await run(
    db,
    sql`with recursive ${placeUp},
      counted as (
        select b.*, (b.supersedes_id is null and ${published}) as is_published, (b.supersedes_id is not null and ${published}) as is_corrected, (${withdrawn}) as is_withdrawn
        from bulletins b where ${modeIs(scope.drill)} and ((${published}) or (${withdrawn}))
      )
      select ${groupKey} as key, ${groupLabel} as label,
        count(*) filter (where b.is_published)::int as published,
        count(*) filter (where b.is_corrected)::int as corrected,
        count(*) filter (where b.is_withdrawn)::int as withdrawn
      from counted b ${groupJoin(grouping, "bulletin")}
      group by 1, 2 order by 1`,
  );
  return rows.map((row) => ({
    key: String(row.key),
    label: String(row.label),
    published: num(row.published),
    corrected: num(row.corrected),
    withdrawn: num(row.withdrawn),
  }));
};

/** Bulletins first published in the period, by source language and by target language. */
export const reportBulletinLanguages = async (db: Db, scope: ReportScope) => {
  const where = sql`${modeIs(scope.drill)} and b.supersedes_id is null and ${inPeriod(sql`b.published_at`, scope)}`;
  const [source, target] = await Promise.all([
    run(
      db,
      sql`select b.source_language as language, count(*)::int as published from bulletins b where ${where} group by 1 order by b.source_language collate "C"`,
    ),
    run(
      db,
      sql`select t.language, count(*)::int as published from bulletins b cross join unnest(b.target_languages) as t(language) where ${where} group by 1 order by t.language collate "C"`,
    ),
  ]);
  const read = (rows: Record<string, unknown>[]) => rows.map((row) => ({ language: String(row.language), published: num(row.published) }));
  return { bySource: read(source), byTarget: read(target) };
};

export type MessageCountRow = GroupedRow<MessageCounts>;

/** SMS and voice messages: handed over (claimed) in the period, the partners' reports made in it (one per message,
 *  the repeated ones are logged apart), SMS parts x delivered, rejections and cancellations; per group. */
export const reportMessageCounts = async (db: Db, scope: ReportScope, grouping: ReportGrouping | null): Promise<MessageCountRow[]> => {
  const rows = await run(
    db,
    sql`with recursive ${placeUp},
      per_message as (
        select l.message_id,
          bool_or(l.event = 'message.claimed') as handed_over,
          coalesce(sum(l.submitted) filter (where l.event in ('message.sent', 'message.rejected')), 0) as submitted,
          coalesce(sum(l.delivered) filter (where l.event in ('message.sent', 'message.rejected')), 0) as delivered,
          coalesce(sum(l.failed) filter (where l.event in ('message.sent', 'message.rejected')), 0) as failed,
          bool_or(l.event = 'message.rejected') as rejected,
          bool_or(l.event = 'message.cancelled') as cancelled
        from delivery_log l
        where l.event in ('message.claimed', 'message.sent', 'message.rejected', 'message.cancelled') and ${inPeriod(happened, scope)}
        group by l.message_id
      )
      select ${groupKey} as key, ${groupLabel} as label,
        count(*) filter (where pm.handed_over)::int as handed_over,
        sum(pm.submitted)::float8 as submitted,
        sum(pm.delivered)::float8 as delivered,
        sum(pm.failed)::float8 as failed,
        coalesce(sum(pm.delivered * m.parts) filter (where m.kind = 'sms'), 0)::float8 as billed_parts,
        count(*) filter (where pm.rejected)::int as rejected,
        count(*) filter (where pm.cancelled)::int as cancelled
      from per_message pm join sms_messages m on m.id = pm.message_id join bulletins b on b.id = m.bulletin_id and ${modeIs(scope.drill)}
      ${groupJoin(grouping, "message")}
      group by 1, 2 order by 1`,
  );
  return rows.map((row) => ({
    key: String(row.key),
    label: String(row.label),
    handedOver: num(row.handed_over),
    submitted: num(row.submitted),
    delivered: num(row.delivered),
    failed: num(row.failed),
    billedParts: num(row.billed_parts),
    rejected: num(row.rejected),
    cancelled: num(row.cancelled),
  }));
};

/** Messages rejected by their partner and messages cancelled in the period, by reason code. */
export const reportMessageReasons = async (db: Db, scope: ReportScope) => {
  const rows = await run(
    db,
    sql`select coalesce(l.reason, 'unknown') as reason,
        count(*) filter (where l.event = 'message.rejected')::int as rejected,
        count(*) filter (where l.event = 'message.cancelled')::int as cancelled
      from delivery_log l join bulletins b on b.id = l.bulletin_id and ${modeIs(scope.drill)}
      where l.event in ('message.rejected', 'message.cancelled') and ${inPeriod(happened, scope)}
      group by 1 order by coalesce(l.reason, 'unknown') collate "C"`,
  );
  return rows.map((row) => ({ reason: String(row.reason), rejected: num(row.rejected), cancelled: num(row.cancelled) }));
};

/** Plays and played seconds per screen, item (bulletin) and language, counted when they were played. */
export const reportScreenPlays = async (db: Db, scope: ReportScope) => {
  const rows = await run(
    db,
    sql`select p.screen_id::text as screen_id, s.name as screen, coalesce(g.names->>'vi', s.gate_code) as gate, s.gate_code, p.bulletin_id::text as bulletin_id,
        coalesce(t.headline, '') as headline, p.language, p.plays, p.played_sec
      from (
        select l.screen_id, l.bulletin_id, l.language, count(*)::int as plays, coalesce(sum((l.detail->>'durationSec')::float8), 0)::float8 as played_sec
        from delivery_log l join bulletins b on b.id = l.bulletin_id and ${modeIs(scope.drill)}
        where l.event = 'display.played' and ${inPeriod(happened, scope)}
        group by l.screen_id, l.bulletin_id, l.language
      ) p
      join screens s on s.id = p.screen_id
      left join places g on g.code = s.gate_code
      left join bulletin_texts t on t.bulletin_id = p.bulletin_id and t.language = p.language
      order by s.name collate "C", p.bulletin_id, p.language collate "C"`,
  );
  return rows.map((row) => ({
    screenId: String(row.screen_id),
    screen: String(row.screen),
    gate: String(row.gate),
    gateCode: String(row.gate_code),
    bulletinId: String(row.bulletin_id),
    headline: String(row.headline),
    language: String(row.language),
    plays: num(row.plays),
    playedSec: num(row.played_sec),
  }));
};

/** Per screen existing in the period: the share of its five-minute slots (from its creation, up to the period's end
 *  or now) with a contact, its last contact by the period's end, and whether that was longer ago than `silentAfterMs`
 *  at the period's end (or now, for a period not over yet). */
export const reportScreenUptime = async (db: Db, options: { from: Date; to: Date; now: Date; slotMs: number; silentAfterMs: number }) => {
  const slotSec = options.slotMs / 1000;
  const stop = options.to.getTime() < options.now.getTime() ? options.to : options.now;
  const rows = await run(
    db,
    sql`with bounds as (
        select s.id, s.name, coalesce(g.names->>'vi', s.gate_code) as gate, s.gate_code, s.last_seen_at,
          greatest(${at(options.from)}, to_timestamp(floor(extract(epoch from s.created_at)::float8 / ${slotSec}::float8) * ${slotSec}::float8)) as start,
          ${at(stop)} as stop
        from screens s left join places g on g.code = s.gate_code
        where s.created_at < ${at(options.to)}
      ),
      heard as (
        select b.*,
          (select count(*) from screen_contacts c where c.screen_id = b.id and c.slot >= b.start and c.slot < b.stop)::float8 as heard,
          greatest(0, ceil(extract(epoch from (b.stop - b.start))::float8 / ${slotSec}::float8))::float8 as slots,
          case when b.last_seen_at < ${at(options.to)} then b.last_seen_at
            else (select max(c.slot) from screen_contacts c where c.screen_id = b.id and c.slot < ${at(options.to)}) end as last_contact
        from bounds b
      )
      select id::text as id, name, gate, gate_code,
        case when slots > 0 then least(1, heard / slots) else 0 end::float8 as heard_share,
        extract(epoch from last_contact)::float8 as last_contact,
        (last_contact is null or ${at(stop)} - last_contact > make_interval(secs => ${options.silentAfterMs / 1000}::float8)) as silent
      from heard order by name collate "C"`,
  );
  return rows.map((row) => ({
    screenId: String(row.id),
    screen: String(row.name),
    gate: String(row.gate),
    gateCode: String(row.gate_code),
    heardShare: num(row.heard_share),
    lastContact: row.last_contact === null || row.last_contact === undefined ? null : new Date(Number(row.last_contact) * 1000).toISOString(),
    silentTooLong: Boolean(row.silent),
  }));
};

/** Scripts fetched and aired per station and language, with the aired scripts' reading time in minutes. */
export const reportRadio = async (db: Db, scope: ReportScope) => {
  const rows = await run(
    db,
    sql`select r.station_id::text as station_id, st.name as station, coalesce(a.names->>'vi', st.area_code) as area, st.area_code,
        r.language, r.fetched, r.aired, r.aired_minutes
      from (
        select l.station_id, l.language,
          count(*) filter (where l.event = 'radio.fetched')::int as fetched,
          count(*) filter (where l.event = 'radio.aired')::int as aired,
          (coalesce(sum((rs.content->>'readingSec')::float8) filter (where l.event = 'radio.aired'), 0) / 60)::float8 as aired_minutes
        from delivery_log l join bulletins b on b.id = l.bulletin_id and ${modeIs(scope.drill)}
        left join radio_scripts rs on rs.id = (l.detail->>'scriptId')::uuid
        where l.event in ('radio.fetched', 'radio.aired') and ${inPeriod(happened, scope)}
        group by l.station_id, l.language
      ) r join stations st on st.id = r.station_id
      left join places a on a.code = st.area_code
      order by st.name collate "C", r.language collate "C"`,
  );
  return rows.map((row) => ({
    stationId: String(row.station_id),
    station: String(row.station),
    area: String(row.area),
    areaCode: String(row.area_code),
    language: String(row.language),
    fetched: num(row.fetched),
    aired: num(row.aired),
    airedMinutes: num(row.aired_minutes),
  }));
};

/** the first hand-over of each bulletin approved in the period, per channel: a claim (SMS, voice), a feed serve or
 *  play (display), a fetch (radio) */
const firstHandOvers = (scope: ReportScope) => sql`approved as (
    select b.id, b.urgency, b.approved_at, b.channels, (b.supersedes_id is not null or b.category = 'correction') as is_correction
    from bulletins b where ${modeIs(scope.drill)} and ${inPeriod(sql`b.approved_at`, scope)}
  ),
  first_hand_over as (
    select l.bulletin_id, l.channel, min(${happened}) as first_at
    from delivery_log l join approved a on a.id = l.bulletin_id
    where l.event in ('message.claimed', 'display.served', 'display.played', 'radio.fetched')
    group by l.bulletin_id, l.channel
  )`;

// null without a hand-over (greatest() would turn it into 0), never negative (a player's clock a little ahead)
const seconds = sql`case when f.first_at is null then null else greatest(0, extract(epoch from (f.first_at - a.approved_at))) end`;

/** Approval to first hand-over, for bulletins approved in the period (median and 95th percentile in seconds): per
 *  channel and urgency (a channel of a bulletin not yet handed over counts nowhere but gives its row), and for
 *  corrections (new versions, and bulletins of the category "correction") to their first hand-over on any channel.
 *  One statement, so the log is read once for both. */
export const reportSpeed = async (db: Db, scope: ReportScope) => {
  const rows = await run(
    db,
    sql`with ${firstHandOvers(scope)}
      select * from (
      select * from (
        select c.channel, a.urgency, count(f.first_at)::int as count,
          percentile_cont(0.5) within group (order by ${seconds})::float8 as median,
          percentile_cont(0.95) within group (order by ${seconds})::float8 as p95
        from approved a cross join unnest(a.channels) as c(channel)
        left join first_hand_over f on f.bulletin_id = a.id and f.channel = c.channel
        group by 1, 2
      ) by_channel
      union all
      select null, null, count(*)::int,
        percentile_cont(0.5) within group (order by ${seconds})::float8,
        percentile_cont(0.95) within group (order by ${seconds})::float8
      from approved a join (select bulletin_id, min(first_at) as first_at from first_hand_over group by bulletin_id) f on f.bulletin_id = a.id
      where a.is_correction
      ) speed order by channel collate "C" nulls last, urgency collate "C"`,
  );
  const speedOf = (row: Record<string, unknown> | undefined) => ({ count: num(row?.count), medianSec: numOrNull(row?.median), p95Sec: numOrNull(row?.p95) });
  return {
    byChannel: rows.filter((row) => row.channel !== null).map((row) => ({ channel: String(row.channel), urgency: String(row.urgency), ...speedOf(row) })),
    corrections: speedOf(rows.find((row) => row.channel === null)),
  };
};
