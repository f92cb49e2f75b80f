// What the API shows of a bulletin's outputs: its renditions and its radio scripts (read only).
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { radioScripts, renditions, stations } from "../schema/index.ts";

/** Every rendition of a bulletin, by language, channel and target. */
export const listBulletinRenditions = (db: Db, bulletinId: string) =>
  db.select().from(renditions).where(eq(renditions.bulletinId, bulletinId)).orderBy(asc(renditions.language), asc(renditions.channel), asc(renditions.target));

/** A bulletin's voice renditions, by language. */
export const listVoiceRenditions = (db: Db, bulletinId: string) =>
  db.select().from(renditions).where(and(eq(renditions.bulletinId, bulletinId), eq(renditions.channel, "voice"))).orderBy(asc(renditions.language));

/** A bulletin's radio scripts with their station's name, by station name and language. */
export const listBulletinRadioScripts = (db: Db, bulletinId: string) =>
  db
    .select({ script: radioScripts, station: stations.name })
    .from(radioScripts)
    .innerJoin(stations, eq(stations.id, radioScripts.stationId))
    .where(eq(radioScripts.bulletinId, bulletinId))
    .orderBy(asc(stations.name), asc(radioScripts.language));
