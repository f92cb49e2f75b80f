import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { partners } from "../schema/index.ts";
import { areasOverlap, listPlaceParents } from "./places.ts";

export type Partner = typeof partners.$inferSelect;

export const listPartners = (db: Db) => db.select().from(partners).orderBy(asc(partners.name));

export const listActivePartners = (db: Db) => db.select().from(partners).where(eq(partners.disabled, false)).orderBy(asc(partners.name));

/** Active partners whose areas overlap `areas` (one lies inside the other). */
export const listPartnersForAreas = async (db: Db, areas: readonly string[]) => {
  const [active, places] = await Promise.all([listActivePartners(db), listPlaceParents(db)]);
  const byCode = new Map(places.map((place) => [place.code, place]));
  return active.filter((partner) => areasOverlap(byCode, partner.areas, areas));
};
