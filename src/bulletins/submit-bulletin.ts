import { and, eq } from "drizzle-orm";
import { requireRole, type Actor } from "../access/actor.ts";
import { getBulletinTexts } from "../db/queries/bulletins.ts";
import { bulletinTexts } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";
import { assertSmsFits } from "./check-sms-fits.ts";
import { assertSlidesFit } from "../delivery/display-renditions.ts";
import type { CommandDeps } from "./command-deps.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";
import { transitionBulletin } from "./transition-bulletin.ts";

/** The editor submits for approval: the source text counts as approved by its author from here on. */
export const submitBulletin = async (deps: CommandDeps, actor: Actor, id: string) => {
  requireRole(actor, "editor");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    const texts = await getBulletinTexts(tx, id);
    const source = texts.find((text) => text.language === bulletin.sourceLanguage);
    if (!source) throw new AppError("validation_failed", `write the ${bulletin.sourceLanguage} (source) text before submitting`);
    if (bulletin.validUntil <= now) throw new AppError("validation_failed", "validUntil is already past");
    await assertSmsFits(tx, bulletin, texts);
    await assertSlidesFit(tx, bulletin, texts.filter((text) => bulletin.targetLanguages.includes(text.language)));
    const submitted = await transitionBulletin(tx, { bulletin, to: "submitted", actorId: actor.id, at: now, set: { submittedAt: now } });
    if (source.state !== "approved") {
      await tx
        .update(bulletinTexts)
        .set({ state: "approved", approvedBy: actor.id, approvedAt: now })
        .where(and(eq(bulletinTexts.bulletinId, id), eq(bulletinTexts.language, source.language)));
    }
    return submitted;
  });
};
