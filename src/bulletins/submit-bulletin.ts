import { requireRole, type Actor } from "../access/actor.ts";
import { approveBulletinTextRow, getBulletin, getBulletinTexts, type Bulletin, type BulletinText } from "../db/queries/bulletins.ts";
import { assertSlidesFit, assertSmsFits, drawSlidesToCheck } from "../delivery/fit-checks.ts";
import { AppError, refusalIssue } from "../errors.ts";
import type { CommandDeps } from "./command-deps.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";
import { transitionBulletin } from "./transition-bulletin.ts";

/** The same bulletin and texts as when the slides were drawn: nothing was edited in between. */
const unchanged = (before: { bulletin: Bulletin; texts: BulletinText[] }, now: { bulletin: Bulletin; texts: BulletinText[] }) =>
  before.bulletin.updatedAt.getTime() === now.bulletin.updatedAt.getTime() &&
  before.texts.length === now.texts.length &&
  before.texts.every((text, index) => text.language === now.texts[index]?.language && text.updatedAt.getTime() === now.texts[index]?.updatedAt.getTime());

const targetTexts = (bulletin: Bulletin, texts: BulletinText[]) => texts.filter((text) => bulletin.targetLanguages.includes(text.language));

/** The editor submits for approval: the source text counts as approved by its author from here on. */
export const submitBulletin = async (deps: CommandDeps, actor: Actor, id: string) => {
  requireRole(actor, "editor");
  // slides are drawn before the transaction (drawing takes a while; no row stays locked meanwhile); should the
  // bulletin change in between, they are drawn again
  for (let attempt = 1; ; attempt += 1) {
    const bulletin = await getBulletin(deps.db, id);
    if (!bulletin) throw new AppError("not_found", `no bulletin ${id}`);
    const texts = await getBulletinTexts(deps.db, id);
    const slides = await drawSlidesToCheck(deps.db, bulletin, targetTexts(bulletin, texts));
    const now = deps.clock();
    const submitted = await deps.db.transaction(async (tx) => {
      const locked = await loadBulletinForUpdate(tx, id);
      const lockedTexts = await getBulletinTexts(tx, id);
      if (!unchanged({ bulletin, texts }, { bulletin: locked, texts: lockedTexts })) return undefined;
      const source = lockedTexts.find((text) => text.language === locked.sourceLanguage);
      if (!source)
        throw new AppError(
          "validation_failed",
          `write the ${locked.sourceLanguage} (source) text before submitting`,
          {},
          {
            issues: [refusalIssue("", "the source text is missing", "source_missing", { language: locked.sourceLanguage })],
          },
        );
      if (locked.validUntil <= now)
        throw new AppError("validation_failed", "validUntil is already past", {}, { issues: [refusalIssue("validUntil", "is already past", "past")] });
      await assertSmsFits(tx, locked, lockedTexts);
      await assertSlidesFit(tx, slides);
      const result = await transitionBulletin(tx, { bulletin: locked, to: "submitted", actorId: actor.id, at: now, set: { submittedAt: now } });
      if (source.state !== "approved") await approveBulletinTextRow(tx, { bulletinId: id, language: source.language, approvedBy: actor.id, at: now });
      return result;
    });
    if (submitted) return submitted;
    if (attempt >= 3) {
      const message = "the bulletin kept changing while it was being submitted; try again";
      throw new AppError("conflict", message, {}, { issues: [refusalIssue("", message, "kept_changing")] });
    }
  }
};
