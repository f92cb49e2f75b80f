// Partners, screens and stations: each is created with its one token, shown once.
import { asc, eq } from "drizzle-orm";
import { issueToken } from "../access/issue-token.ts";
import { assertKnownPlaces } from "../localize/gazetteer/known-places.ts";
import type { Db } from "../db/client.ts";
import { partners, screens, stations } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";
import type { CreatePartnerInput, CreateScreenInput, CreateStationInput } from "./endpoint-schemas.ts";

const assertNameFree = async (db: Db, table: typeof partners | typeof screens | typeof stations, name: string) => {
  const [existing] = await db.select({ id: table.id }).from(table).where(eq(table.name, name));
  if (existing) throw new AppError("conflict", `${name} exists already`);
};

export const createPartner = async (db: Db, input: CreatePartnerInput, now: Date) => {
  await assertKnownPlaces(db, input.areas);
  await assertNameFree(db, partners, input.name);
  return db.transaction(async (tx) => {
    const [partner] = await tx.insert(partners).values({ ...input, createdAt: now }).returning();
    const { token } = await issueToken(tx, { kind: "partner", subjectId: partner!.id, label: input.name, now });
    return { partner: partner!, token };
  });
};

export const createScreen = async (db: Db, input: CreateScreenInput, now: Date) => {
  await assertKnownPlaces(db, [input.gateCode]);
  await assertNameFree(db, screens, input.name);
  return db.transaction(async (tx) => {
    const [screen] = await tx.insert(screens).values({ ...input, createdAt: now }).returning();
    const { token } = await issueToken(tx, { kind: "screen", subjectId: screen!.id, label: input.name, now });
    return { screen: screen!, token };
  });
};

export const createStation = async (db: Db, input: CreateStationInput, now: Date) => {
  await assertKnownPlaces(db, [input.areaCode]);
  await assertNameFree(db, stations, input.name);
  return db.transaction(async (tx) => {
    const [station] = await tx.insert(stations).values({ ...input, createdAt: now }).returning();
    const { token } = await issueToken(tx, { kind: "station", subjectId: station!.id, label: input.name, now });
    return { station: station!, token };
  });
};

export const listScreens = (db: Db) => db.select().from(screens).orderBy(asc(screens.name));
export const listStations = (db: Db) => db.select().from(stations).orderBy(asc(stations.name));
