import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client.ts";
import { places } from "../schema/index.ts";

export type Place = typeof places.$inferSelect;

export const listPlaces = (db: Db) => db.select().from(places).orderBy(asc(places.code));

/** Every place by code (templates, slides and CAP name places from it). */
export const placeLookup = async (db: Db): Promise<Map<string, Place>> => new Map((await listPlaces(db)).map((place) => [place.code, place]));

/** Every place's code and parent: all that area matching needs (cheaper than whole rows with their names). */
export const listPlaceParents = (db: Db) => db.select({ code: places.code, parentCode: places.parentCode }).from(places);

/** The codes among `codes` that are not in the gazetteer. */
export const unknownPlaceCodes = async (db: Db, codes: string[]) => {
  if (codes.length === 0) return [];
  const found = await db.select({ code: places.code }).from(places).where(inArray(places.code, codes));
  const known = new Set(found.map((row) => row.code));
  return codes.filter((code) => !known.has(code));
};

/** A place and all the places above it. */
export const ancestry = (byCode: ReadonlyMap<string, Pick<Place, "code" | "parentCode">>, code: string) => {
  const chain: string[] = [];
  let current: string | null | undefined = code;
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = byCode.get(current)?.parentCode;
  }
  return chain;
};

/** True when an endpoint serving `endpointAreas` is concerned by a bulletin for `bulletinAreas`:
 *  one area lies inside (or is) the other. */
export const areasOverlap = (
  byCode: ReadonlyMap<string, Pick<Place, "code" | "parentCode">>,
  endpointAreas: readonly string[],
  bulletinAreas: readonly string[],
) =>
  bulletinAreas.some((bulletinArea) =>
    endpointAreas.some(
      (endpointArea) =>
        ancestry(byCode, bulletinArea).includes(endpointArea) || ancestry(byCode, endpointArea).includes(bulletinArea),
    ),
  );

export type NewPlace = typeof places.$inferInsert;

/** Adds the places not in the database yet; places already there (perhaps edited through the API) are left as
 *  they are. Returns the codes added. */
export const insertMissingPlaces = async (db: Db, rows: NewPlace[]) => {
  if (rows.length === 0) return [];
  return db.insert(places).values(rows).onConflictDoNothing().returning({ code: places.code });
};

/** The places no native speaker has reviewed yet (their Lao and Khmer names), by code. */
export const listUnreviewedPlaces = (db: Db) => db.select().from(places).where(eq(places.reviewed, false)).orderBy(asc(places.code));
