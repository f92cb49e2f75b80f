import { and, eq } from "drizzle-orm";
import { requireRole, type Actor } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { bulletinTexts, type Language } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";
import { assertSmsFits } from "./check-sms-fits.ts";
import type { CommandDeps } from "./command-deps.ts";
import { editableStatuses } from "./lifecycle.ts";
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
    await recordAudit(tx, { at: now, actorId: actor.id, entity: "bulletin", entityId: id, action: `text:${language}:approve` });
    return approved!;
  });
};
