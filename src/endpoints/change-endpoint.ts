// Partners change their lease; screens and stations change: a screen's name, size (or orientation), gate or languages, a station's name, area or
// languages. A change to what their renditions depend on records the job that gives them their renditions of
// everything in force again (see record-render-job.ts), in the same transaction.
//
// Any of the three may be disabled and enabled again; nothing is deleted either way. While disabled its tokens
// answer 401 at once (a screen's cached token look-ups are dropped by the notification sent with the change, and its
// open event streams end), so a partner claims and acknowledges nothing, a screen reads no feed, a station no scripts;
// new bulletins are not formatted for it. A batch a partner had claimed is offered again once its lease runs out, and
// its waiting messages stay waiting (a withdrawn or superseded one is cancelled as usual). Enabled again, its tokens
// work again: a partner claims what still waits for it (none of what was published while it was off, as for a
// partner added later), a screen or station gets its renditions of everything in force, as when it was added.
import type { Db } from "../db/client.ts";
import { updatePartner } from "../db/queries/partners.ts";
import { findScreenIdByName, getScreen, updateScreen } from "../db/queries/screens.ts";
import { findStationIdByName, getStation, updateStation } from "../db/queries/stations.ts";
import { notifyFeedChange } from "../db/queries/feed-notify.ts";
import { AppError, refusalIssue } from "../errors.ts";
import { assertKnownPlaces } from "../localize/gazetteer/known-places.ts";
import type { EndpointDeps } from "./endpoint-deps.ts";
import type { UpdatePartnerInput, UpdateScreenInput, UpdateStationInput } from "./endpoint-schemas.ts";
import { nextStationNames } from "./station-names.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { dispatchRenderJob, recordRenderJob } from "./record-render-job.ts";

const assertNameFreeFor = (existing: { id: string } | undefined, options: { id: string; name: string }) => {
  if (existing && existing.id !== options.id)
    throw new AppError(
      "conflict",
      `${options.name} exists already`,
      {},
      { issues: [refusalIssue("name", "exists already", "name_taken", { name: options.name })] },
    );
};

const sameLanguages = (a: readonly string[], b: readonly string[]) => a.join() === b.join();

/** Enabled again: it missed what was published while it was off. */
const enabledAgain = (before: { disabled: boolean }, after: { disabled: boolean }) => before.disabled && !after.disabled;

/** Changes a screen (admin), audited; a new size, gate or languages, or being enabled again, give it its slides of
 *  everything in force anew. Disabling or enabling it tells every API process (its cached token look-ups and open
 *  event streams) after commit. */
export const changeScreen = async (deps: EndpointDeps, options: { id: string; changes: UpdateScreenInput; actorId: string; at: Date }) => {
  const { id, changes } = options;
  const { db } = deps;
  if (changes.gateCode !== undefined) await assertKnownPlaces(db, [changes.gateCode]);
  if (changes.name !== undefined) assertNameFreeFor(await findScreenIdByName(db, changes.name), { id, name: changes.name });
  const { screen, job } = await db.transaction(async (tx) => {
    const before = await getScreen(tx, id, { forUpdate: true });
    if (!before) throw new AppError("not_found", `no screen ${id}`);
    const after = (await updateScreen(tx, { id, set: changes }))!;
    await recordAudit(tx, {
      at: options.at,
      actorId: options.actorId,
      entity: "screen",
      entityId: id,
      action: "update",
      detail: { fields: Object.keys(changes), ...(changes.disabled === undefined ? {} : { disabled: after.disabled }) },
    });
    if (after.disabled !== before.disabled) await notifyFeedChange(tx, { screenId: id });
    const renditionsChange =
      after.gateCode !== before.gateCode ||
      after.width !== before.width ||
      after.height !== before.height ||
      !sameLanguages(after.languages, before.languages) ||
      enabledAgain(before, after);
    return { screen: after, job: renditionsChange ? await recordRenderJob(tx, { kind: "screen", id }) : undefined };
  });
  await dispatchRenderJob(deps, job);
  return screen;
};

/** Changes a station (admin), audited; a new area or languages, or being enabled again, give it its scripts of
 *  everything in force. */
export const changeStation = async (deps: EndpointDeps, options: { id: string; changes: UpdateStationInput; actorId: string; at: Date }) => {
  const {
    id,
    changes: { names: nameChanges, namesReviewed, ...changes },
  } = options;
  const { db } = deps;
  if (changes.areaCode !== undefined) await assertKnownPlaces(db, [changes.areaCode]);
  if (changes.name !== undefined) assertNameFreeFor(await findStationIdByName(db, changes.name), { id, name: changes.name });
  const { station, job } = await db.transaction(async (tx) => {
    const before = await getStation(tx, id, { forUpdate: true });
    if (!before) throw new AppError("not_found", `no station ${id}`);
    const onAir = nextStationNames(before, { languages: changes.languages ?? before.languages, names: nameChanges, namesReviewed });
    const after = (await updateStation(tx, { id, set: { ...changes, ...onAir } }))!;
    await recordAudit(tx, {
      at: options.at,
      actorId: options.actorId,
      entity: "station",
      entityId: id,
      action: "update",
      detail: {
        fields: Object.keys(options.changes),
        namesReviewed: onAir.namesReviewed,
        ...(changes.disabled === undefined ? {} : { disabled: after.disabled }),
      },
    });
    const scriptsChange = after.areaCode !== before.areaCode || !sameLanguages(after.languages, before.languages) || enabledAgain(before, after);
    return { station: after, job: scriptsChange ? await recordRenderJob(tx, { kind: "station", id }) : undefined };
  });
  await dispatchRenderJob(deps, job);
  return station;
};

/** Changes a partner's lease or disables or enables it (admin), audited; batches already claimed keep the lease they
 *  were given. */
export const changePartner = async (db: Db, options: { id: string; changes: UpdatePartnerInput; actorId: string; at: Date }) =>
  db.transaction(async (tx) => {
    const partner = await updatePartner(tx, { id: options.id, changes: options.changes });
    if (!partner) throw new AppError("not_found", `no partner ${options.id}`);
    await recordAudit(tx, {
      at: options.at,
      actorId: options.actorId,
      entity: "partner",
      entityId: partner.id,
      action: "update",
      detail: { fields: Object.keys(options.changes), ...options.changes },
    });
    return partner;
  });
