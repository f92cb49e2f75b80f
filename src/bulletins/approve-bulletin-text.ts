import { and, eq } from "drizzle-orm";
import { requireRole, type Actor } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { bulletins, bulletinTexts } from "../db/schema/index.ts";
import { type Language } from "../domain/index.ts";
import { learnTranslation } from "../localize/translation-memory/memory.ts";
import { AppError } from "../errors.ts";
import { assertSmsFits } from "../delivery/fit-checks.ts";
import type { CommandDeps } from "./command-deps.ts";
import { editableStatuses } from "../domain/index.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";

/** A translator approves one language's text; only approved text ever goes out. */
export const approveBulletinText = async (deps: CommandDeps, actor: Actor, id: string, language: Language) => {
  requireRole(actor, "translator");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    if (!editableStatuses.includes(bulletin.status)) {
      throw new AppError("invalid_transition", `the texts of a ${bulletin.status} bulletin cannot change`);
    }
    const [text] = await tx
      .select()
      .from(bulletinTexts)
      .where(and(eq(bulletinTexts.bulletinId, id), eq(bulletinTexts.language, language)));
    if (!text) throw new AppError("not_found", `no ${language} text to approve`);
    await assertSmsFits(tx, bulletin, [text]);
    const [approved] = await tx
      .update(bulletinTexts)
      .set({ state: "approved", approvedBy: actor.id, approvedAt: now })
      .where(and(eq(bulletinTexts.bulletinId, id), eq(bulletinTexts.language, language)))
      .returning();
    if (language !== bulletin.sourceLanguage) {
      const { [language]: _answered, ...waitingNotes } = bulletin.waitingNotes;
      await tx.update(bulletins).set({ waitingNotes, updatedAt: now }).where(eq(bulletins.id, id));
    }
    // an approved translation teaches the memory (a re-approved one corrects it)
    const [source] = await tx
      .select()
      .from(bulletinTexts)
      .where(and(eq(bulletinTexts.bulletinId, id), eq(bulletinTexts.language, bulletin.sourceLanguage)));
    const learned =
      source && language !== bulletin.sourceLanguage && text.origin !== "template"
        ? await learnTranslation(tx, {
            sourceLanguage: bulletin.sourceLanguage,
            targetLanguage: language,
            source,
            target: approved!,
            bulletinId: id,
            approvedBy: actor.id,
            at: now,
          })
        : 0;
    await recordAudit(tx, { at: now, actorId: actor.id, entity: "bulletin", entityId: id, action: `text:${language}:approve`, detail: { origin: text.origin, memoryPairs: learned } });
    return approved!;
  });
};
