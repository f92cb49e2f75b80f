import { requireRole, type Actor } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { getBulletinTexts, updateBulletinRow } from "../db/queries/bulletins.ts";
import { AppError } from "../errors.ts";
import { dispatchJobs } from "../queue/outbox.ts";
import { placeLookup, requestTranslationDrafts, writeTemplateTexts } from "./bulletin-texts.ts";
import type { UpdateBulletinInput } from "./bulletin-schemas.ts";
import type { CommandDeps } from "./command-deps.ts";
import { assertWindow } from "./create-bulletin.ts";
import { assertKnownPlaces } from "../localize/gazetteer/known-places.ts";
import { editableStatuses } from "../domain/index.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";

/** Edits the fields of a draft or rejected bulletin; a submitted one goes back to draft. */
export const updateBulletin = async (deps: CommandDeps, actor: Actor, options: { id: string; changes: UpdateBulletinInput }) => {
  const { id, changes: input } = options;
  requireRole(actor, "editor");
  if (input.areas) await assertKnownPlaces(deps.db, input.areas);
  const now = deps.clock();
  const { bulletin, job } = await deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    if (!editableStatuses.includes(bulletin.status)) {
      throw new AppError("invalid_transition", `a ${bulletin.status} bulletin cannot be edited; make a correction instead`);
    }
    const validFrom = input.validFrom ? new Date(input.validFrom) : bulletin.validFrom;
    const validUntil = input.validUntil ? new Date(input.validUntil) : bulletin.validUntil;
    assertWindow(validFrom, validUntil, now);
    const targetLanguages = input.targetLanguages ? [...new Set([bulletin.sourceLanguage, ...input.targetLanguages])] : bulletin.targetLanguages;
    const updated = await updateBulletinRow(tx, {
      id,
      set: { ...input, targetLanguages, validFrom, validUntil, status: "draft", updatedAt: now },
      contributor: actor.id,
    });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: id,
      action: "update",
      fromStatus: bulletin.status,
      toStatus: "draft",
      detail: { fields: Object.keys(input) },
    });
    // new target languages: a template renders them; the memory and the machine draft the others
    const texts = await getBulletinTexts(tx, id);
    const missing = updated!.targetLanguages.filter((language) => !texts.some((text) => text.language === language));
    if (updated!.template && missing.length > 0) {
      await writeTemplateTexts(tx, { bulletin: updated!, languages: missing, places: await placeLookup(tx), actorId: actor.id, at: now });
    }
    return { bulletin: updated!, job: await requestTranslationDrafts(tx, { bulletin: updated!, texts: await getBulletinTexts(tx, id) }) };
  });
  await dispatchJobs(deps.queue, [job], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return bulletin;
};
