import { randomUUID } from "node:crypto";
import type { Actor } from "../access/actor.ts";
import { requireRole } from "../access/actor.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { unknownPlaceCodes } from "../db/queries/places.ts";
import { bulletins, bulletinTexts } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";
import type { CreateBulletinInput } from "./bulletin-schemas.ts";
import type { CommandDeps } from "./command-deps.ts";

export const assertKnownPlaces = async (deps: Pick<CommandDeps, "db">, areas: string[]) => {
  const unknown = await unknownPlaceCodes(deps.db, areas);
  if (unknown.length > 0) {
    throw new AppError("validation_failed", `unknown place: ${unknown.join(", ")}`, {
      errors: unknown.map((code) => ({ path: "areas", message: `unknown place ${code}` })),
    });
  }
};

export const assertWindow = (validFrom: Date, validUntil: Date, now: Date) => {
  if (validUntil <= validFrom) throw new AppError("validation_failed", "validUntil must be after validFrom");
  if (validUntil <= now) throw new AppError("validation_failed", "validUntil is already past");
};

export const createBulletin = async (deps: CommandDeps, actor: Actor, input: CreateBulletinInput) => {
  requireRole(actor, "editor");
  await assertKnownPlaces(deps, input.areas);
  const now = deps.clock();
  const validFrom = input.validFrom ? new Date(input.validFrom) : now;
  const validUntil = new Date(input.validUntil);
  assertWindow(validFrom, validUntil, now);
  return deps.db.transaction(async (tx) => {
    const [bulletin] = await tx
      .insert(bulletins)
      .values({
        seriesId: randomUUID(),
        category: input.category,
        sourceLanguage: input.sourceLanguage,
        targetLanguages: input.targetLanguages,
        channels: input.channels,
        areas: input.areas,
        urgency: input.urgency,
        mode: input.mode,
        validFrom,
        validUntil,
        createdBy: actor.id,
        contributors: [actor.id],
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (input.text) {
      await tx.insert(bulletinTexts).values({ bulletinId: bulletin!.id, language: input.sourceLanguage, ...input.text, updatedBy: actor.id, updatedAt: now });
    }
    await recordAudit(tx, { at: now, actorId: actor.id, entity: "bulletin", entityId: bulletin!.id, action: "create", toStatus: "draft" });
    return bulletin!;
  });
};
