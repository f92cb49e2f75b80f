import { randomUUID } from "node:crypto";
import type { Actor } from "../access/actor.ts";
import { requireRole } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { getBulletinTexts, insertBulletin, insertBulletinTexts } from "../db/queries/bulletins.ts";
import { assertKnownPlaces } from "../localize/gazetteer/known-places.ts";
import { AppError, refusalIssue } from "../errors.ts";
import { areasOf, assertTemplatePlaces, categoryOf, languagesOf } from "../localize/templates/index.ts";
import { dispatchJobs } from "../queue/outbox.ts";
import type { CreateBulletinInput } from "./bulletin-schemas.ts";
import { placeLookup, requestTranslationDrafts, writeTemplateTexts } from "./bulletin-texts.ts";
import type { CommandDeps } from "./command-deps.ts";

export const assertWindow = (validFrom: Date, validUntil: Date, now: Date) => {
  if (validUntil <= validFrom)
    throw new AppError(
      "validation_failed",
      "validUntil must be after validFrom",
      {},
      { issues: [refusalIssue("validUntil", "must be after validFrom", "after", { field: "validFrom" })] },
    );
  if (validUntil <= now)
    throw new AppError("validation_failed", "validUntil is already past", {}, { issues: [refusalIssue("validUntil", "is already past", "past")] });
};

/** An editor creates a draft: with the source text, or with a template that renders every language. */
export const createBulletin = async (deps: CommandDeps, actor: Actor, input: CreateBulletinInput) => {
  requireRole(actor, "editor");
  const places = await placeLookup(deps.db);
  if (input.template) assertTemplatePlaces(input.template, places);
  const areas = input.areas ?? (input.template ? areasOf(input.template) : []);
  await assertKnownPlaces(deps.db, areas);
  const targetLanguages = input.targetLanguages ?? [...new Set([input.sourceLanguage, ...languagesOf(areas, places)])];
  const now = deps.clock();
  const validFrom = input.validFrom ? new Date(input.validFrom) : now;
  const validUntil = new Date(input.validUntil);
  assertWindow(validFrom, validUntil, now);
  const { bulletin, job } = await deps.db.transaction(async (tx) => {
    const bulletin = await insertBulletin(tx, {
      seriesId: randomUUID(),
      category: input.category ?? (input.template ? categoryOf(input.template) : "notice"),
      sourceLanguage: input.sourceLanguage,
      targetLanguages,
      channels: input.channels,
      areas,
      urgency: input.urgency,
      mode: input.mode,
      validFrom,
      validUntil,
      template: input.template?.name ?? null,
      templateFields: input.template?.fields ?? null,
      createdBy: actor.id,
      contributors: [actor.id],
      createdAt: now,
      updatedAt: now,
    });
    if (input.text) {
      await insertBulletinTexts(tx, [
        { bulletinId: bulletin.id, language: input.sourceLanguage, ...input.text, origin: "source", updatedBy: actor.id, updatedAt: now },
      ]);
    }
    if (input.template) await writeTemplateTexts(tx, { bulletin, languages: targetLanguages, places, actorId: actor.id, at: now });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: bulletin.id,
      action: "create",
      toStatus: "draft",
      ...(input.template ? { detail: { template: input.template.name } } : {}),
    });
    const job = await requestTranslationDrafts(tx, { bulletin, texts: await getBulletinTexts(tx, bulletin.id) });
    return { bulletin: bulletin, job };
  });
  await dispatchJobs(deps.queue, [job], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return bulletin;
};
