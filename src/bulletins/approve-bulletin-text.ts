import { requireRole, type Actor } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { approveBulletinTextRow, getBulletinText, updateBulletinRow } from "../db/queries/bulletins.ts";
import type { Language } from "../domain/index.ts";
import { learnTranslation } from "../localize/translation-memory/memory.ts";
import { AppError } from "../errors.ts";
import { refusedInStatus } from "./lifecycle.ts";
import { assertSmsFits } from "../delivery/fit-checks.ts";
import type { CommandDeps } from "./command-deps.ts";
import { editableStatuses } from "../domain/index.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";

/** A translator approves one language's text; only approved text ever goes out. */
export const approveBulletinText = async (deps: CommandDeps, actor: Actor, options: { id: string; language: Language }) => {
  const { id, language } = options;
  requireRole(actor, "translator");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    if (!editableStatuses.includes(bulletin.status)) {
      throw refusedInStatus(bulletin.status, `the texts of a ${bulletin.status} bulletin cannot change`, "not_editable");
    }
    const text = await getBulletinText(tx, id, language);
    if (!text) throw new AppError("not_found", `no ${language} text to approve`);
    await assertSmsFits(tx, bulletin, [text]);
    const approved = await approveBulletinTextRow(tx, { bulletinId: id, language, approvedBy: actor.id, at: now });
    if (language !== bulletin.sourceLanguage) {
      const { [language]: _answered, ...waitingNotes } = bulletin.waitingNotes;
      await updateBulletinRow(tx, { id, set: { waitingNotes, updatedAt: now } });
    }
    // an approved translation teaches the memory (a re-approved one corrects it)
    const source = await getBulletinText(tx, id, bulletin.sourceLanguage);
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
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: id,
      action: `text:${language}:approve`,
      detail: { origin: text.origin, memoryPairs: learned },
    });
    return approved!;
  });
};
