// The translation workflow's commands besides writing and approving texts: change a template's fields,
// drop a language the bulletin will go out without, and ask the workers to draft translations again.
import { requireRole, type Actor } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { getBulletinTexts, updateBulletinRow } from "../db/queries/bulletins.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import type { BulletinStatus, Language } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { refusedInStatus } from "./lifecycle.ts";
import { areasOf, assertTemplatePlaces, type TemplateInput } from "../localize/templates/index.ts";
import { dispatchJobs } from "../queue/outbox.ts";
import { placeLookup, requestTranslationDrafts, writeTemplateTexts } from "./bulletin-texts.ts";
import type { CommandDeps } from "./command-deps.ts";
import { editableStatuses } from "../domain/index.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";

const assertEditable = (status: BulletinStatus) => {
  if (!editableStatuses.includes(status)) {
    throw refusedInStatus(status, `a ${status} bulletin cannot be edited; make a correction instead`, "not_editable");
  }
};

/** Replaces a template bulletin's fields and renders every language again. A submitted bulletin goes back to draft. */
export const setTemplateFields = async (deps: CommandDeps, actor: Actor, options: { id: string; template: TemplateInput }) => {
  const { id, template: input } = options;
  requireRole(actor, "editor");
  const places = await placeLookup(deps.db);
  assertTemplatePlaces(input, places);
  const now = deps.clock();
  const { bulletin, job } = await deps.db.transaction(async (tx) => {
    const current = await loadBulletinForUpdate(tx, id);
    assertEditable(current.status);
    if (current.template !== input.name) {
      throw new AppError(
        "validation_failed",
        current.template ? `this bulletin uses the ${current.template} template` : "this bulletin has no template; write its texts instead",
      );
    }
    const updated = await updateBulletinRow(tx, { id, set: { templateFields: input.fields, status: "draft", updatedAt: now }, contributor: actor.id });
    await writeTemplateTexts(tx, { bulletin: updated!, languages: updated!.targetLanguages, places, actorId: actor.id, at: now });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: id,
      action: "template:update",
      fromStatus: current.status,
      toStatus: "draft",
      detail: { areasFromTemplate: areasOf(input) },
    });
    return { bulletin: updated!, job: await requestTranslationDrafts(tx, { bulletin: updated!, texts: await getBulletinTexts(tx, id), again: now }) };
  });
  await dispatchJobs(deps.queue, [job], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return bulletin;
};

/** The editor decides the bulletin goes out without `language`; the log says so (reason language_dropped). */
export const dropLanguage = async (deps: CommandDeps, actor: Actor, options: { id: string; language: Language; reason?: string }) => {
  const { id, language, reason } = options;
  requireRole(actor, "editor");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    assertEditable(bulletin.status);
    if (language === bulletin.sourceLanguage) throw new AppError("validation_failed", "the source language cannot be dropped");
    if (!bulletin.targetLanguages.includes(language)) throw new AppError("validation_failed", `${language} is not a target language of this bulletin`);
    const { [language]: _dropped, ...waitingNotes } = bulletin.waitingNotes;
    const updated = await updateBulletinRow(tx, {
      id,
      set: {
        targetLanguages: bulletin.targetLanguages.filter((candidate) => candidate !== language),
        droppedLanguages: [...bulletin.droppedLanguages, { language, reason: reason ?? "dropped by the editor", by: actor.id, at: now.toISOString() }],
        waitingNotes,
        updatedAt: now,
      },
      contributor: actor.id,
    });
    await logDelivery(tx, {
      at: now,
      bulletinId: id,
      channel: "all",
      language,
      event: "message.skipped",
      reason: "language_dropped",
      detail: { by: actor.username, note: reason ?? null },
      dedupeKey: `skip:${id}:${language}:language_dropped`,
    });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: id,
      action: `language:${language}:drop`,
      detail: { reason: reason ?? null },
    });
    return updated!;
  });
};

/** Asks the workers to draft missing translations again (e.g. once the machine-translation provider is back). */
export const redraftTranslations = async (deps: CommandDeps, actor: Actor, id: string) => {
  requireRole(actor, "editor", "translator");
  const now = deps.clock();
  const job = await deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    assertEditable(bulletin.status);
    const texts = await getBulletinTexts(tx, id);
    if (!texts.some((text) => text.language === bulletin.sourceLanguage)) {
      throw new AppError("validation_failed", `write the ${bulletin.sourceLanguage} (source) text first`);
    }
    return requestTranslationDrafts(tx, { bulletin, texts, again: now });
  });
  await dispatchJobs(deps.queue, [job], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return { queued: job !== undefined };
};
