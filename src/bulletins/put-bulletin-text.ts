import { eq, sql } from "drizzle-orm";
import { requireRole, type Actor } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { bulletins, bulletinTexts } from "../db/schema/index.ts";
import { type Language } from "../domain/index.ts";
import { getBulletinTexts } from "../db/queries/bulletins.ts";
import { AppError } from "../errors.ts";
import { dispatchJobs } from "../queue/outbox.ts";
import { requestTranslationDrafts } from "./bulletin-texts.ts";
import type { BulletinTextInput } from "./bulletin-schemas.ts";
import type { CommandDeps } from "./command-deps.ts";
import { editableStatuses } from "../domain/index.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";

/** Writes one language's text as a draft. Changing the source text of a submitted bulletin sends it back to draft. */
export const putBulletinText = async (deps: CommandDeps, actor: Actor, id: string, language: Language, input: BulletinTextInput) => {
  requireRole(actor, "editor", "translator");
  const now = deps.clock();
  const { text, job } = await deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    if (!editableStatuses.includes(bulletin.status)) {
      throw new AppError("invalid_transition", `the texts of a ${bulletin.status} bulletin cannot change; make a correction instead`);
    }
    if (!bulletin.targetLanguages.includes(language)) {
      throw new AppError("validation_failed", `${language} is not a target language of this bulletin`);
    }
    const isSource = language === bulletin.sourceLanguage;
    const backToDraft = isSource && bulletin.status === "submitted";
    const origin = isSource ? ("source" as const) : ("translator" as const);
    const [text] = await tx
      .insert(bulletinTexts)
      .values({ bulletinId: id, language, ...input, state: "draft", origin, updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({
        target: [bulletinTexts.bulletinId, bulletinTexts.language],
        set: { ...input, state: "draft", origin, originDetail: null, updatedBy: actor.id, updatedAt: now, approvedBy: null, approvedAt: null },
      })
      .returning();
    // a person is on this language now: it no longer waits for the memory or the machine
    const { [language]: _answered, ...waitingNotes } = bulletin.waitingNotes;
    await tx
      .update(bulletins)
      .set({
        updatedAt: now,
        waitingNotes,
        ...(backToDraft ? { status: "draft" as const } : {}),
        contributors: sql`array(select distinct unnest(${bulletins.contributors} || array[${actor.id}]::uuid[]))`,
      })
      .where(eq(bulletins.id, id));
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: id,
      action: `text:${language}:write`,
      ...(backToDraft ? { fromStatus: "submitted", toStatus: "draft" } : {}),
    });
    // a new source text: redraft what the memory and the machine can
    const job = isSource ? await requestTranslationDrafts(tx, bulletin, await getBulletinTexts(tx, id), { again: now }) : undefined;
    return { text: text!, job };
  });
  await dispatchJobs(deps.queue, [job], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return text;
};
