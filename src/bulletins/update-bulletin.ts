import { requireRole, type Actor } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { getBulletinTexts, updateBulletinRow } from "../db/queries/bulletins.ts";
import { AppError } from "../errors.ts";
import { refusedInStatus } from "./lifecycle.ts";
import { dispatchJobs } from "../queue/outbox.ts";
import { placeLookup, requestTranslationDrafts, writeTemplateTexts } from "./bulletin-texts.ts";
import type { UpdateBulletinInput } from "./bulletin-schemas.ts";
import type { CommandDeps } from "./command-deps.ts";
import { assertWindow } from "./create-bulletin.ts";
import { assertKnownPlaces } from "../localize/gazetteer/known-places.ts";
import { assertTemplatePlaces, needsTranslation, type TemplateInput } from "../localize/templates/index.ts";
import { editableStatuses } from "../domain/index.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";

// the same fields however jsonb ordered their keys
const sameFields = (a: unknown, b: unknown) => {
  const canonical = (value: unknown) => JSON.stringify(Object.entries((value ?? {}) as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)));
  return canonical(a) === canonical(b);
};

/** Edits the fields of a draft or rejected bulletin; a submitted one goes back to draft. A bulletin made from a
 *  template may get new template fields (the console's correction form: a changed reopening time) of the same
 *  template: every language is rendered again from them, and a template with free text asks for drafts again. */
export const updateBulletin = async (deps: CommandDeps, actor: Actor, options: { id: string; changes: UpdateBulletinInput; template?: TemplateInput }) => {
  const { id, changes: input, template } = options;
  requireRole(actor, "editor");
  if (input.areas) await assertKnownPlaces(deps.db, input.areas);
  const places = template ? await placeLookup(deps.db) : undefined;
  if (template) assertTemplatePlaces(template, places!);
  const now = deps.clock();
  const { bulletin, job } = await deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    if (!editableStatuses.includes(bulletin.status)) {
      throw refusedInStatus(bulletin.status, `a ${bulletin.status} bulletin cannot be edited; make a correction instead`, "not_editable");
    }
    if (template && bulletin.template !== template.name) {
      throw new AppError(
        "validation_failed",
        `template: the bulletin ${bulletin.template ? `is made from ${bulletin.template}` : "has free text"}, not ${template.name}`,
      );
    }
    const newFields = template && !sameFields(bulletin.templateFields, template.fields) ? template.fields : undefined;
    const validFrom = input.validFrom ? new Date(input.validFrom) : bulletin.validFrom;
    const validUntil = input.validUntil ? new Date(input.validUntil) : bulletin.validUntil;
    assertWindow(validFrom, validUntil, now);
    const targetLanguages = input.targetLanguages ? [...new Set([bulletin.sourceLanguage, ...input.targetLanguages])] : bulletin.targetLanguages;
    const updated = await updateBulletinRow(tx, {
      id,
      set: { ...input, ...(newFields ? { templateFields: newFields } : {}), targetLanguages, validFrom, validUntil, status: "draft", updatedAt: now },
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
      detail: { fields: [...Object.keys(input), ...(newFields ? ["templateFields"] : [])] },
    });
    // new target languages (every language, for new template fields): a template renders them; the memory and the
    // machine draft the others
    const texts = await getBulletinTexts(tx, id);
    const missing = updated!.targetLanguages.filter((language) => newFields || !texts.some((text) => text.language === language));
    if (updated!.template && missing.length > 0) {
      await writeTemplateTexts(tx, { bulletin: updated!, languages: missing, places: places ?? (await placeLookup(tx)), actorId: actor.id, at: now });
    }
    // the other languages of a template with free text are translations of the old fields: draft them again
    const again = newFields && needsTranslation(template!.name) ? { again: now } : {};
    return { bulletin: updated!, job: await requestTranslationDrafts(tx, { bulletin: updated!, texts: await getBulletinTexts(tx, id), ...again }) };
  });
  await dispatchJobs(deps.queue, [job], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return bulletin;
};
