// Partners, screens and stations: each is created with its one token, shown once. A screen or station also gets its
// renditions of everything already in force (a job recorded with it, see record-render-job.ts).
import { issueToken } from "../access/issue-token.ts";
import { assertKnownPlaces } from "../localize/gazetteer/known-places.ts";
import type { Db } from "../db/client.ts";
import { findPartnerIdByName, insertPartner } from "../db/queries/partners.ts";
import { findScreenIdByName, insertScreen } from "../db/queries/screens.ts";
import { findStationIdByName, insertStation } from "../db/queries/stations.ts";
import { AppError, refusalIssue } from "../errors.ts";
import type { EndpointDeps } from "./endpoint-deps.ts";
import type { CreatePartnerInput, CreateScreenInput, CreateStationInput } from "./endpoint-schemas.ts";
import { dispatchRenderJob, recordRenderJob } from "./record-render-job.ts";
import { hasScriptName } from "./station-names.ts";

const assertNameFree = (existing: { id: string } | undefined, name: string) => {
  if (existing) throw new AppError("conflict", `${name} exists already`, {}, { issues: [refusalIssue("name", "exists already", "name_taken", { name })] });
};

/** A partner without a lease of its own gets the default (the column's). */
export const createPartner = async (db: Db, input: Omit<CreatePartnerInput, "leaseSeconds"> & { leaseSeconds?: number }, now: Date) => {
  await assertKnownPlaces(db, input.areas);
  assertNameFree(await findPartnerIdByName(db, input.name), input.name);
  return db.transaction(async (tx) => {
    const partner = await insertPartner(tx, { ...input, createdAt: now });
    const { token } = await issueToken(tx, { kind: "partner", subjectId: partner.id, label: input.name, now });
    return { partner, token };
  });
};

export const createScreen = async (deps: EndpointDeps, input: CreateScreenInput, now: Date) => {
  const { db } = deps;
  await assertKnownPlaces(db, [input.gateCode]);
  assertNameFree(await findScreenIdByName(db, input.name), input.name);
  const { job, ...created } = await db.transaction(async (tx) => {
    const screen = await insertScreen(tx, { ...input, createdAt: now });
    const { token } = await issueToken(tx, { kind: "screen", subjectId: screen.id, label: input.name, now });
    return { screen, token, job: await recordRenderJob(tx, { kind: "screen", id: screen.id }) };
  });
  await dispatchRenderJob(deps, job);
  return created;
};

export const createStation = async (deps: EndpointDeps, input: CreateStationInput, now: Date) => {
  const { db } = deps;
  await assertKnownPlaces(db, [input.areaCode]);
  assertNameFree(await findStationIdByName(db, input.name), input.name);
  const { job, ...created } = await db.transaction(async (tx) => {
    const station = await insertStation(tx, { ...input, namesReviewed: input.namesReviewed ?? !hasScriptName(input.names), createdAt: now });
    const { token } = await issueToken(tx, { kind: "station", subjectId: station.id, label: input.name, now });
    return { station, token, job: await recordRenderJob(tx, { kind: "station", id: station.id }) };
  });
  await dispatchRenderJob(deps, job);
  return created;
};
