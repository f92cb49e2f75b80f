import { requireRole, type Actor } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { findOpenCorrection, getBulletinTexts, insertBulletin, insertBulletinTexts, latestVersion } from "../db/queries/bulletins.ts";
import { AppError, refusalIssue } from "../errors.ts";
import { refusedInStatus } from "./lifecycle.ts";
import type { CommandDeps } from "./command-deps.ts";
import { correctableStatuses } from "../domain/index.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";

/** Starts a correction: a new draft version of the same series, with the texts copied as drafts.
 *  When it is published it supersedes the old version everywhere. */
export const correctBulletin = async (deps: CommandDeps, actor: Actor, id: string) => {
  requireRole(actor, "editor");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const old = await loadBulletinForUpdate(tx, id);
    if (!correctableStatuses.includes(old.status)) {
      throw refusedInStatus(old.status, `a ${old.status} bulletin cannot be corrected`);
    }
    const open = await findOpenCorrection(tx, old.id);
    if (open)
      throw new AppError(
        "conflict",
        `a correction is already being written: ${open.id}`,
        { correctionId: open.id },
        { issues: [refusalIssue("", "a correction is already being written", "correction_open")] },
      );
    const latest = await latestVersion(tx, old.seriesId);
    const correction = await insertBulletin(tx, {
      seriesId: old.seriesId,
      version: (latest ?? old.version) + 1,
      organisationId: old.organisationId,
      category: old.category,
      sourceLanguage: old.sourceLanguage,
      targetLanguages: old.targetLanguages,
      channels: old.channels,
      areas: old.areas,
      urgency: old.urgency,
      mode: old.mode,
      // biome-ignore lint/complexity/useMathMinMax: dates, not numbers (Math.max would give a number)
      validFrom: old.validFrom < now ? now : old.validFrom,
      validUntil: old.validUntil,
      supersedesId: old.id,
      template: old.template,
      templateFields: old.templateFields,
      createdBy: actor.id,
      contributors: [actor.id],
      createdAt: now,
      updatedAt: now,
    });
    const texts = await getBulletinTexts(tx, old.id);
    await insertBulletinTexts(
      tx,
      texts.map((text) => ({
        bulletinId: correction.id,
        language: text.language,
        headline: text.headline,
        summary: text.summary,
        body: text.body,
        // template text stays approved (the same fields render the same text); anything else is checked again
        state: text.origin === "template" ? text.state : ("draft" as const),
        approvedAt: text.origin === "template" ? text.approvedAt : null,
        origin: text.origin,
        originDetail: text.originDetail,
        updatedBy: actor.id,
        updatedAt: now,
      })),
    );
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: correction.id,
      action: "correct",
      toStatus: "draft",
      detail: { supersedes: old.id, version: correction.version },
    });
    return correction;
  });
};
