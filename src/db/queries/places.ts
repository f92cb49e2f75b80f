import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { places } from "../schema/index.ts";
import type { PlaceKind } from "../../domain/index.ts";

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
    endpointAreas.some((endpointArea) => ancestry(byCode, bulletinArea).includes(endpointArea) || ancestry(byCode, endpointArea).includes(bulletinArea)),
  );

export const getPlace = async (db: Db, code: string, options: { forUpdate?: boolean } = {}) => {
  const query = db.select().from(places).where(eq(places.code, code));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row;
};

/** Adds a place; undefined when one with that code exists already. */
export const insertPlace = async (db: Db, values: typeof places.$inferInsert) => {
  const [row] = await db.insert(places).values(values).onConflictDoNothing().returning();
  return row;
};

export const updatePlaceRow = async (db: Db, options: { code: string; set: Partial<Omit<typeof places.$inferInsert, "code">> }) => {
  const [row] = await db.update(places).set(options.set).where(eq(places.code, options.code)).returning();
  return row;
};

/** The names of these places in every language (slides caption their gate, CAP names its areas). */
export const listPlaceNames = (db: Db, codes: string[]) =>
  db.select({ code: places.code, names: places.names }).from(places).where(inArray(places.code, codes));

export type PlaceFilters = { reviewed?: boolean; kind?: PlaceKind; country?: string };

/** Places matching every filter given, by code. */
export const searchPlaces = (db: Db, filters: PlaceFilters) => {
  const conditions: SQL[] = [];
  if (filters.reviewed !== undefined) conditions.push(eq(places.reviewed, filters.reviewed));
  if (filters.kind) conditions.push(eq(places.kind, filters.kind));
  if (filters.country) conditions.push(eq(places.country, filters.country));
  return db
    .select()
    .from(places)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(places.code));
};

export type NewPlace = typeof places.$inferInsert;

/** Adds the places not in the database yet; places already there (perhaps edited through the API) are left as
 *  they are. Returns the codes added. */
export const insertMissingPlaces = async (db: Db, rows: NewPlace[]) => {
  if (rows.length === 0) return [];
  return db.insert(places).values(rows).onConflictDoNothing().returning({ code: places.code });
};
