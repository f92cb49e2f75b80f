// Bulk writes for the demo's history (src/demo/demo-history.ts): months of bulletins, messages, partner reports,
// plays, contacts and airings, written in a few statements so that `npm start` on a fresh database stays quick.
// Rows are made by the caller; plays and contact slots are expanded here, in the database, from time windows.
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../client.ts";
import { bumpConsoleListVersion } from "./console-list-version.ts";
import {
  auditLog,
  batches,
  batchMessages,
  bulletins,
  bulletinTexts,
  type deliveryLog,
  partners,
  radioScripts,
  screens,
  smsMessages,
  stations,
} from "../schema/index.ts";

// PostgreSQL takes at most 65,535 parameters per statement; stay well below it
const maxParameters = 30_000;

const insertChunked = async <Table extends PgTable>(db: Db, table: Table, rows: Table["$inferInsert"][]) => {
  if (rows.length === 0) return 0;
  const columns = Math.max(...rows.slice(0, 50).map((row) => Object.keys(row as object).length), 1);
  const size = Math.max(1, Math.floor(maxParameters / columns));
  for (let start = 0; start < rows.length; start += size) await db.insert(table).values(rows.slice(start, start + size) as never);
  return rows.length;
};

export type HistoryRows = {
  bulletins: (typeof bulletins.$inferInsert)[];
  texts: (typeof bulletinTexts.$inferInsert)[];
  audit: (typeof auditLog.$inferInsert)[];
  messages: (typeof smsMessages.$inferInsert)[];
  batches: (typeof batches.$inferInsert)[];
  batchMessages: (typeof batchMessages.$inferInsert)[];
  radioScripts: (typeof radioScripts.$inferInsert)[];
  deliveries: (typeof deliveryLog.$inferInsert)[];
};

/** The demo's history, written in one transaction: rows in the order their references need, then plays and contact
 *  slots expanded from their windows; how many of each. As a superuser (PGlite always, a local PostgreSQL usually)
 *  the foreign-key triggers are skipped for this transaction only (session_replication_role = replica, as
 *  pg_restore --disable-triggers does): every reference was just read from this database, and checking 200,000
 *  contact slots one by one against their screen would triple the time `npm start` takes. */
export const insertHistory = async (db: Db, history: { rows: HistoryRows; plays: PlayWindow[]; contacts: ContactWindow[] }) => {
  const written = await insertHistoryRows(db, history);
  // fresh statistics for the planner (thousands of rows it has never seen: without them it reads whole tables), and
  // the console's list version moved by hand (the insert ran with triggers off)
  await db.execute(sql`analyze bulletins, bulletin_texts, audit_log, batches, sms_messages, batch_messages, radio_scripts, delivery_log`);
  await bumpConsoleListVersion(db);
  return written;
};

const insertHistoryRows = (db: Db, history: { rows: HistoryRows; plays: PlayWindow[]; contacts: ContactWindow[] }) =>
  db.transaction(async (tx) => {
    const [role] = rowsOf<{ superuser: boolean }>(await tx.execute(sql`select current_setting('is_superuser') = 'on' as superuser`));
    if (role?.superuser) await tx.execute(sql`set local session_replication_role = replica`);
    const { rows } = history;
    return {
      bulletins: await insertChunked(tx, bulletins, rows.bulletins),
      texts: await insertChunked(tx, bulletinTexts, rows.texts),
      audit: await insertChunked(tx, auditLog, rows.audit),
      batches: await insertChunked(tx, batches, rows.batches),
      messages: await insertChunked(tx, smsMessages, rows.messages),
      batchMessages: await insertChunked(tx, batchMessages, rows.batchMessages),
      radioScripts: await insertChunked(tx, radioScripts, rows.radioScripts),
      deliveries: await insertDeliveries(tx, rows.deliveries),
      plays: await insertPlayWindows(tx, history.plays),
      contactSlots: await insertContactWindows(tx, history.contacts),
    };
  });

/** Delivery-log rows as one JSON parameter per chunk: far quicker to send and parse than 17 parameters a row. */
const insertDeliveries = async (db: Db, entries: (typeof deliveryLog.$inferInsert)[]) => {
  const size = 5_000;
  for (let start = 0; start < entries.length; start += size) {
    const chunk = entries
      .slice(start, start + size)
      .map((entry) => ({ ...entry, at: (entry.at ?? new Date()).toISOString(), occurredAt: entry.occurredAt?.toISOString() ?? null }));
    await db.execute(sql`
      insert into delivery_log (at, occurred_at, bulletin_id, message_id, batch_id, partner_id, screen_id, station_id, channel, language, event, reason, submitted, delivered, failed, dedupe_key, detail)
      select e.at, e."occurredAt", e."bulletinId", e."messageId", e."batchId", e."partnerId", e."screenId", e."stationId", e.channel, e.language, e.event, e.reason, e.submitted, e.delivered, e.failed, e."dedupeKey", e.detail
      from json_to_recordset(${JSON.stringify(chunk)}::json) as e(
        at timestamptz, "occurredAt" timestamptz, "bulletinId" uuid, "messageId" uuid, "batchId" uuid, "partnerId" uuid, "screenId" uuid, "stationId" uuid,
        channel text, language text, event text, reason text, submitted int, delivered int, failed int, "dedupeKey" text, detail jsonb)`);
  }
  return entries.length;
};

/** A window in which a screen played an item every `everySec` seconds (between 06:00 and 22:00 at the gate), from
 *  `from` (inclusive) to `until` (exclusive). `reportedAt` set: the screen was cut off and sent the plays when it came
 *  back (late reports, counted when they happened); unset: each play is reported as it ends. */
export type PlayWindow = {
  bulletinId: string;
  screenId: string;
  language: string;
  from: string;
  until: string;
  everySec: number;
  durationSec: number;
  reportedAt?: string;
};

// play windows expanded into display.played rows, in the database; how many were written
const insertPlayWindows = async (db: Db, windows: PlayWindow[]) => {
  if (windows.length === 0) return 0;
  const result = await db.execute(sql`
      insert into delivery_log (at, occurred_at, bulletin_id, screen_id, channel, language, event, dedupe_key, detail)
      select
        coalesce(w."reportedAt", s.t + make_interval(secs => w."durationSec")),
        s.t,
        w."bulletinId",
        w."screenId",
        'display',
        w.language,
        'display.played',
        'play:' || w."screenId" || ':' || w."bulletinId" || ':' || w.language || ':' || extract(epoch from s.t)::bigint,
        jsonb_build_object(
          'startedAt', to_char(s.t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'durationSec', w."durationSec",
          'lateBySec', greatest(0, extract(epoch from coalesce(w."reportedAt", s.t + make_interval(secs => w."durationSec")) - s.t)::int),
          'demoHistory', true
        )
      from json_to_recordset(${JSON.stringify(windows)}::json)
        as w("bulletinId" uuid, "screenId" uuid, language text, "from" timestamptz, "until" timestamptz, "everySec" int, "durationSec" int, "reportedAt" timestamptz)
      cross join lateral generate_series(w."from", w."until" - interval '1 second', make_interval(secs => w."everySec")) as s(t)
      where extract(hour from s.t at time zone 'Asia/Ho_Chi_Minh') between 6 and 21`);
  return affectedRows(result);
};

/** A stretch in which a screen was heard from: one contact row per five-minute slot from `from` to `until`
 *  (both aligned to five minutes; `until` exclusive). */
export type ContactWindow = { screenId: string; from: string; until: string };

// contact windows expanded into screen_contacts slots, in the database; how many were written
const insertContactWindows = async (db: Db, windows: ContactWindow[]) => {
  if (windows.length === 0) return 0;
  const result = await db.execute(sql`
      insert into screen_contacts (screen_id, slot)
      select w."screenId", s.slot
      from json_to_recordset(${JSON.stringify(windows)}::json) as w("screenId" uuid, "from" timestamptz, "until" timestamptz)
      cross join lateral generate_series(w."from", w."until" - interval '1 second', interval '5 minutes') as s(slot)`);
  return affectedRows(result);
};

// how many rows a statement wrote: postgres-js says `count`, PGlite `affectedRows`
const affectedRows = (result: unknown) => Number((result as { count?: number }).count ?? (result as { affectedRows?: number }).affectedRows ?? 0);

// postgres-js answers an array of rows, PGlite an object with `rows`
const rowsOf = <Row>(result: unknown): Row[] => (Array.isArray(result) ? (result as Row[]) : ((result as { rows?: Row[] }).rows ?? []));

/** Whether any bulletin exists: the history goes into a database that has none of its own. */
export const hasBulletins = async (db: Db) => {
  const [row] = await db.select({ id: bulletins.id }).from(bulletins).limit(1);
  return row !== undefined;
};

/** The demo's endpoints have been there as long as its history: their creation moves back to `at`; a screen's last
 *  contact becomes its last contact slot. */
export const backdateDemoEndpoints = async (db: Db, at: Date) => {
  await db.update(partners).set({ createdAt: at });
  await db.update(stations).set({ createdAt: at });
  await db.update(screens).set({ createdAt: at });
  await db.execute(sql`
    update screens set last_seen_at = contact.last
    from (select screen_id, max(slot) as last from screen_contacts group by screen_id) as contact
    where contact.screen_id = screens.id`);
};
