import { z } from "zod";
import { LanguageSchema, PlaceCodeSchema } from "../domain/field-schemas.ts";
import { partnerLease } from "../domain/access.ts";
import { plainText } from "../domain/plain-text.ts";
import { SmsPolicySchema } from "../channels/sms/index.ts";

const languageList = z
  .array(LanguageSchema)
  .min(1)
  .transform((list) => [...new Set(list)]);

export const CreatePartnerSchema = z.strictObject({
  name: plainText({ max: 100 }),
  areas: z.array(PlaceCodeSchema).min(1),
  languages: languageList,
  kinds: z
    .array(z.enum(["sms", "voice"]))
    .min(1)
    .default(["sms"]),
  smsPolicy: SmsPolicySchema,
  leaseSeconds: z.number().int().min(partnerLease.minSeconds).max(partnerLease.maxSeconds).default(partnerLease.defaultSeconds),
});
export type CreatePartnerInput = z.infer<typeof CreatePartnerSchema>;

/** Whether a partner, screen or station is switched off (see change-endpoint.ts for what that does to its work). */
const disabledField = { disabled: z.boolean() };

const somethingToChange = <Input extends object>(input: Input) => Object.keys(input).length > 0;

/** A partner's settings that may change without touching what it was given (any of them, at least one): its lease
 *  (the next batch it claims has the new one; batches already claimed keep theirs) and whether it is disabled. */
export const UpdatePartnerSchema = z
  .strictObject({
    leaseSeconds: z.number().int().min(partnerLease.minSeconds).max(partnerLease.maxSeconds),
    ...disabledField,
  })
  .partial()
  .refine(somethingToChange, "send at least one field to change");
export type UpdatePartnerInput = z.infer<typeof UpdatePartnerSchema>;

export const CreateScreenSchema = z.strictObject({
  name: plainText({ max: 100 }),
  gateCode: PlaceCodeSchema,
  languages: languageList,
  width: z.number().int().min(64).max(7_680),
  height: z.number().int().min(64).max(7_680),
});
export type CreateScreenInput = z.infer<typeof CreateScreenSchema>;

/** A screen's settings to change (any of them, at least one): a new size (or orientation), gate or languages gives
 *  it its slides of everything in force anew, and so does enabling it again. */
export const UpdateScreenSchema = CreateScreenSchema.extend(disabledField).partial().refine(somethingToChange, "send at least one field to change");
export type UpdateScreenInput = z.infer<typeof UpdateScreenSchema>;

/** What a station calls itself on air, per language: { "vi": "Đài truyền thanh huyện Hương Sơn", "lo": "..." }. */
export const StationNamesSchema = z.partialRecord(LanguageSchema, plainText({ min: 1, max: 100 }));

const namesInLanguages = (value: { names?: Partial<Record<string, string>>; languages: string[] }, context: z.RefinementCtx) => {
  for (const language of Object.keys(value.names ?? {})) {
    if (!value.languages.includes(language))
      context.addIssue({ code: "custom", path: ["names", language], message: `the station does not broadcast in ${language}` });
  }
};

const stationFields = {
  name: plainText({ max: 100 }),
  areaCode: PlaceCodeSchema,
  languages: languageList,
};

export const CreateStationSchema = z
  .strictObject({
    ...stationFields,
    names: StationNamesSchema.default({}),
    /** whether a native speaker has checked the Lao and Khmer names; default: false when there is one */
    namesReviewed: z.boolean().optional(),
  })
  .superRefine(namesInLanguages);
export type CreateStationInput = z.infer<typeof CreateStationSchema>;

/** A station's settings to change (any of them, at least one): a new area or languages gives it its scripts of
 *  everything in force, and so does enabling it again; a name given in `names` replaces that language's on-air name,
 *  null removes it. */
export const UpdateStationSchema = z
  .strictObject({
    ...stationFields,
    names: z.partialRecord(LanguageSchema, plainText({ min: 1, max: 100 }).nullable()),
    namesReviewed: z.boolean(),
    ...disabledField,
  })
  .partial()
  .refine(somethingToChange, "send at least one field to change");
export type UpdateStationInput = z.infer<typeof UpdateStationSchema>;
