// Radio scripts, one per (bulletin x station x language), read by stations after a cursor (seq).
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { bulletins, radioScripts, stations } from "../schema/index.ts";
import type { Language } from "../../domain/index.ts";

export type NewRadioScript = typeof radioScripts.$inferInsert;

/** Inserts a script unless the station already has one for that bulletin and language; how many were inserted. */
export const insertRadioScript = async (db: Db, row: NewRadioScript) => {
  const inserted = await db.insert(radioScripts).values(row).onConflictDoNothing().returning({ id: radioScripts.id });
  return inserted.length;
};

/** A station's scripts after a cursor, with their bulletin (one that went out), oldest change first. Only rows
 *  written by transactions older than every transaction still running are passed, so a cursor never jumps over a
 *  row that commits later with a lower seq. */
export const listStationScripts = (db: Db, options: { stationId: string; after: number; limit: number }) =>
  db
    .select({ script: radioScripts, bulletin: bulletins })
    .from(radioScripts)
    .innerJoin(bulletins, eq(bulletins.id, radioScripts.bulletinId))
    .where(
      and(
        eq(radioScripts.stationId, options.stationId),
        gt(radioScripts.seq, options.after),
        sql`${radioScripts.tx} < pg_snapshot_xmin(pg_current_snapshot())`,
        inArray(bulletins.status, ["published", "expired", "withdrawn", "superseded"]),
      ),
    )
    .orderBy(asc(radioScripts.seq))
    .limit(options.limit);

/** One of a station's scripts (another station's is not there). */
export const getStationScript = async (db: Db, options: { stationId: string; scriptId: string }) => {
  const [row] = await db
    .select({ id: radioScripts.id, bulletinId: radioScripts.bulletinId, language: radioScripts.language })
    .from(radioScripts)
    .where(and(eq(radioScripts.id, options.scriptId), eq(radioScripts.stationId, options.stationId)));
  return row;
};

/** Takes a script's cursor position again: stations reading "after" their last cursor see it once more
 *  (its audio arrived, or the bulletin was withdrawn or superseded). */
export const touchRadioScripts = async (db: Db, options: { bulletinId: string; language?: Language }) => {
  await db
    .update(radioScripts)
    .set({ seq: sql`nextval(pg_get_serial_sequence('radio_scripts', 'seq'))`, tx: sql`pg_current_xact_id()` })
    .where(and(eq(radioScripts.bulletinId, options.bulletinId), options.language ? eq(radioScripts.language, options.language) : undefined));
};

/** A bulletin's radio scripts with their station's name, by station name and language. */
export const listBulletinRadioScripts = (db: Db, bulletinId: string) =>
  db
    .select({ script: radioScripts, station: stations.name })
    .from(radioScripts)
    .innerJoin(stations, eq(stations.id, radioScripts.stationId))
    .where(eq(radioScripts.bulletinId, bulletinId))
    .orderBy(asc(stations.name), asc(radioScripts.language));
