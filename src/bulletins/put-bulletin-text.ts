import { requireRole, type Actor } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import type { Language } from "../domain/index.ts";
import { getBulletinTexts, updateBulletinRow, upsertBulletinText } from "../db/queries/bulletins.ts";
import { AppError } from "../errors.ts";
import { refusedInStatus } from "./lifecycle.ts";
import { dispatchJobs } from "../queue/outbox.ts";
import { requestTranslationDrafts } from "./bulletin-texts.ts";
import type { BulletinTextInput } from "./bulletin-schemas.ts";
import type { CommandDeps } from "./command-deps.ts";
import { editableStatuses } from "../domain/index.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";

/** Writes one language's text as a draft. Changing the source text of a submitted bulletin sends it back to draft. */
export const putBulletinText = async (deps: CommandDeps, actor: Actor, options: { id: string; language: Language; text: BulletinTextInput }) => {
  const { id, language, text: input } = options;
  requireRole(actor, "editor", "translator");
  const now = deps.clock();
  const { text, job } = await deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    if (!editableStatuses.includes(bulletin.status)) {
      throw refusedInStatus(bulletin.status, `the texts of a ${bulletin.status} bulletin cannot change; make a correction instead`, "not_editable");
    }
    if (!bulletin.targetLanguages.includes(language)) {
      throw new AppError("validation_failed", `${language} is not a target language of this bulletin`);
    }
    const isSource = language === bulletin.sourceLanguage;
    const backToDraft = isSource && bulletin.status === "submitted";
    const origin = isSource ? ("source" as const) : ("translator" as const);
    const text = await upsertBulletinText(tx, {
      bulletinId: id,
      language,
      ...input,
      state: "draft",
      origin,
      originDetail: null,
      updatedBy: actor.id,
      updatedAt: now,
      approvedBy: null,
      approvedAt: null,
    });
    // a person is on this language now: it no longer waits for the memory or the machine
    const { [language]: _answered, ...waitingNotes } = bulletin.waitingNotes;
    await updateBulletinRow(tx, { id, set: { updatedAt: now, waitingNotes, ...(backToDraft ? { status: "draft" as const } : {}) }, contributor: actor.id });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: id,
      action: `text:${language}:write`,
      ...(backToDraft ? { fromStatus: "submitted", toStatus: "draft" } : {}),
    });
    // a new source text: redraft what the memory and the machine can
    const job = isSource ? await requestTranslationDrafts(tx, { bulletin, texts: await getBulletinTexts(tx, id), again: now }) : undefined;
    return { text: text!, job };
  });
  await dispatchJobs(deps.queue, [job], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return text;
};
