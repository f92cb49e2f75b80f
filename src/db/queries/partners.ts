import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { partners } from "../schema/index.ts";
import { areasOverlap, listPlaceParents } from "./places.ts";

export type Partner = typeof partners.$inferSelect;
export type NewPartner = typeof partners.$inferInsert;

export const getPartner = async (db: Db, id: string) => {
  const [row] = await db.select().from(partners).where(eq(partners.id, id));
  return row;
};

/** The id of the partner with this name (names are unique). */
export const findPartnerIdByName = async (db: Db, name: string) => {
  const [row] = await db.select({ id: partners.id }).from(partners).where(eq(partners.name, name));
  return row;
};

export const insertPartner = async (db: Db, values: NewPartner) => {
  const [row] = await db.insert(partners).values(values).returning();
  return row!;
};

/** Changes a partner's settings; undefined when there is no such partner. */
export const updatePartner = async (db: Db, options: { id: string; changes: Partial<Pick<NewPartner, "leaseSeconds" | "disabled">> }) => {
  const [row] = await db.update(partners).set(options.changes).where(eq(partners.id, options.id)).returning();
  return row;
};

/** Records that the partner called at `at`. */
export const touchPartner = async (db: Db, options: { id: string; at: Date }) => {
  await db.update(partners).set({ lastSeenAt: options.at }).where(eq(partners.id, options.id));
};

export const listPartners = (db: Db) => db.select().from(partners).orderBy(asc(partners.name));

export const listActivePartners = (db: Db) => db.select().from(partners).where(eq(partners.disabled, false)).orderBy(asc(partners.name));

/** Active partners whose areas overlap `areas` (one lies inside the other). */
export const listPartnersForAreas = async (db: Db, areas: readonly string[]) => {
  const [active, places] = await Promise.all([listActivePartners(db), listPlaceParents(db)]);
  const byCode = new Map(places.map((place) => [place.code, place]));
  return active.filter((partner) => areasOverlap(byCode, partner.areas, areas));
};
