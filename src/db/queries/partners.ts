import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { partners } from "../schema/index.ts";

export type Partner = typeof partners.$inferSelect;

export const listPartners = (db: Db) => db.select().from(partners).orderBy(asc(partners.name));

export const listActivePartners = (db: Db) => db.select().from(partners).where(eq(partners.disabled, false)).orderBy(asc(partners.name));

export const getPartner = async (db: Db, id: string) => {
  const [row] = await db.select().from(partners).where(eq(partners.id, id));
  return row;
};
