// Partners, screens and stations: each is created with its one token, shown once.
import { issueToken } from "../access/issue-token.ts";
import { assertKnownPlaces } from "../localize/gazetteer/known-places.ts";
import type { Db } from "../db/client.ts";
import { findPartnerIdByName, insertPartner } from "../db/queries/partners.ts";
import { findScreenIdByName, insertScreen } from "../db/queries/screens.ts";
import { findStationIdByName, insertStation } from "../db/queries/stations.ts";
import { AppError } from "../errors.ts";
import type { CreatePartnerInput, CreateScreenInput, CreateStationInput } from "./endpoint-schemas.ts";
import { hasScriptName } from "./station-names.ts";

const assertNameFree = (existing: { id: string } | undefined, name: string) => {
  if (existing) throw new AppError("conflict", `${name} exists already`);
};

export const createPartner = async (db: Db, input: CreatePartnerInput, now: Date) => {
  await assertKnownPlaces(db, input.areas);
  assertNameFree(await findPartnerIdByName(db, input.name), input.name);
  return db.transaction(async (tx) => {
    const partner = await insertPartner(tx, { ...input, createdAt: now });
    const { token } = await issueToken(tx, { kind: "partner", subjectId: partner.id, label: input.name, now });
    return { partner, token };
  });
};

export const createScreen = async (db: Db, input: CreateScreenInput, now: Date) => {
  await assertKnownPlaces(db, [input.gateCode]);
  assertNameFree(await findScreenIdByName(db, input.name), input.name);
  return db.transaction(async (tx) => {
    const screen = await insertScreen(tx, { ...input, createdAt: now });
    const { token } = await issueToken(tx, { kind: "screen", subjectId: screen.id, label: input.name, now });
    return { screen, token };
  });
};

export const createStation = async (db: Db, input: CreateStationInput, now: Date) => {
  await assertKnownPlaces(db, [input.areaCode]);
  assertNameFree(await findStationIdByName(db, input.name), input.name);
  return db.transaction(async (tx) => {
    const station = await insertStation(tx, { ...input, namesReviewed: input.namesReviewed ?? !hasScriptName(input.names), createdAt: now });
    const { token } = await issueToken(tx, { kind: "station", subjectId: station.id, label: input.name, now });
    return { station, token };
  });
};
