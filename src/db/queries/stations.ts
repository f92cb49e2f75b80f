import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { stations } from "../schema/index.ts";

export type Station = typeof stations.$inferSelect;
export type NewStation = typeof stations.$inferInsert;

export const getStation = async (db: Db, id: string, options: { forUpdate?: boolean } = {}) => {
  const query = db.select().from(stations).where(eq(stations.id, id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row;
};

/** The id of the station with this name (names are unique). */
export const findStationIdByName = async (db: Db, name: string) => {
  const [row] = await db.select({ id: stations.id }).from(stations).where(eq(stations.name, name));
  return row;
};

export const insertStation = async (db: Db, values: NewStation) => {
  const [row] = await db.insert(stations).values(values).returning();
  return row!;
};

/** The station's settings an admin may change: name, area, languages, on-air names, disabled. */
export type StationChanges = Partial<Pick<NewStation, "name" | "areaCode" | "languages" | "names" | "namesReviewed" | "disabled">>;

/** Changes a station's settings; the station as it now is, or undefined when there is no such station. */
export const updateStation = async (db: Db, options: { id: string; set: StationChanges }) => {
  const [row] = await db.update(stations).set(options.set).where(eq(stations.id, options.id)).returning();
  return row;
};

export const listStations = (db: Db) => db.select().from(stations).orderBy(asc(stations.name));

/** Every station that is not disabled, by name. */
export const listActiveStations = (db: Db) => db.select().from(stations).where(eq(stations.disabled, false)).orderBy(asc(stations.name));

/** Records that the station called at `at`. */
export const touchStation = async (db: Db, options: { id: string; at: Date }) => {
  await db.update(stations).set({ lastSeenAt: options.at }).where(eq(stations.id, options.id));
};
