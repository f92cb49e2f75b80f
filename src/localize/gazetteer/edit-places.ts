// Editing the gazetteer through the API: admins add places and correct names; a native speaker's check sets reviewed.
import { z } from "zod";
import { requireRole, type Actor } from "../../access/actor.ts";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../db/queries/audit.ts";
import { getPlace, insertPlace, updatePlaceRow } from "../../db/queries/places.ts";
import { AppError, refusalIssue } from "../../errors.ts";
import { plainText } from "../../domain/plain-text.ts";
import { GazetteerPlaceSchema } from "./gazetteer.ts";

const placeName = plainText({ min: 1, max: 200 });
const placeCode = GazetteerPlaceSchema.shape.code;
const NamesSchema = z.strictObject({ vi: placeName, lo: placeName, en: placeName, km: placeName });

export const CreatePlaceSchema = GazetteerPlaceSchema.extend({
  parentCode: placeCode.nullable(),
  names: NamesSchema,
  reviewed: z.boolean().default(false),
  counterpartCode: placeCode.nullable().default(null),
  gateType: GazetteerPlaceSchema.shape.gateType.default(null),
  note: plainText({ max: 1_000, lines: true }).optional(),
}).strict();
export type CreatePlaceInput = z.infer<typeof CreatePlaceSchema>;

export const UpdatePlaceSchema = z
  .strictObject({
    names: NamesSchema.partial(),
    languages: GazetteerPlaceSchema.shape.languages,
    reviewed: z.boolean(),
    counterpartCode: placeCode.nullable(),
    gateType: GazetteerPlaceSchema.shape.gateType,
    parentCode: placeCode.nullable(),
    note: plainText({ max: 1_000, lines: true }).nullable(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, "nothing to change");
export type UpdatePlaceInput = z.infer<typeof UpdatePlaceSchema>;

const assertExists = async (db: Db, path: string, code: string | null | undefined) => {
  if (!code) return;
  if (!(await getPlace(db, code)))
    throw new AppError(
      "validation_failed",
      `${path}: unknown place ${code}`,
      { errors: [{ path, message: `unknown place ${code}` }] },
      { issues: [refusalIssue(path, `unknown place ${code}`, "unknown_place", { code })] },
    );
};

export const createPlace = async (db: Db, options: { actor: Actor; input: CreatePlaceInput; at: Date }) => {
  const { actor, input, at: now } = options;
  requireRole(actor, "admin");
  return db.transaction(async (tx) => {
    await assertExists(tx, "parentCode", input.parentCode);
    await assertExists(tx, "counterpartCode", input.counterpartCode);
    const created = await insertPlace(tx, { ...input, createdAt: now, updatedAt: now });
    if (!created)
      throw new AppError(
        "conflict",
        `place ${input.code} already exists`,
        {},
        { issues: [refusalIssue("code", "already exists", "place_exists", { code: input.code })] },
      );
    await recordAudit(tx, { at: now, actorId: actor.id, entity: "place", entityId: input.code, action: "create" });
    return created;
  });
};

/** Changes a place. Changing a Lao or Khmer name without saying it was reviewed marks the place unreviewed. */
export const updatePlace = async (db: Db, options: { actor: Actor; code: string; input: UpdatePlaceInput; at: Date }) => {
  const { actor, code, input, at: now } = options;
  requireRole(actor, "admin");
  return db.transaction(async (tx) => {
    const current = await getPlace(tx, code, { forUpdate: true });
    if (!current) throw new AppError("not_found", `no place ${code}`);
    if (input.parentCode === code)
      throw new AppError(
        "validation_failed",
        "a place cannot be its own parent",
        {},
        { issues: [refusalIssue("parentCode", "cannot be the place itself", "own_parent")] },
      );
    await assertExists(tx, "parentCode", input.parentCode);
    await assertExists(tx, "counterpartCode", input.counterpartCode);
    const names = { ...current.names, ...input.names };
    const scriptNamesChanged =
      (input.names?.lo !== undefined && input.names.lo !== current.names.lo) || (input.names?.km !== undefined && input.names.km !== current.names.km);
    const reviewed = input.reviewed ?? (scriptNamesChanged ? false : current.reviewed);
    const updated = await updatePlaceRow(tx, { code, set: { ...input, names, reviewed, updatedAt: now } });
    await recordAudit(tx, { at: now, actorId: actor.id, entity: "place", entityId: code, action: "update", detail: { fields: Object.keys(input), reviewed } });
    return updated!;
  });
};
