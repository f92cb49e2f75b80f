// The gazetteer as the API lists it: filtered places, one place by code.
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { places } from "../schema/index.ts";
import type { PlaceKind } from "../../domain/index.ts";

export type PlaceFilters = { reviewed?: boolean; kind?: PlaceKind; country?: string };

/** Places matching every filter given, by code. */
export const searchPlaces = (db: Db, filters: PlaceFilters) => {
  const conditions: SQL[] = [];
  if (filters.reviewed !== undefined) conditions.push(eq(places.reviewed, filters.reviewed));
  if (filters.kind) conditions.push(eq(places.kind, filters.kind));
  if (filters.country) conditions.push(eq(places.country, filters.country));
  return db.select().from(places).where(conditions.length ? and(...conditions) : undefined).orderBy(asc(places.code));
};

export const getPlace = async (db: Db, code: string) => {
  const [row] = await db.select().from(places).where(eq(places.code, code));
  return row;
};
