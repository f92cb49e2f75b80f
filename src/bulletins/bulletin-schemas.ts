import { z } from "zod";
import { bulletinModes, categories, channels, languages, urgencies } from "../db/schema/index.ts";
import { plainText } from "./plain-text.ts";

export const LanguageSchema = z.enum(languages, { error: () => `unknown language: use one of ${languages.join(", ")}` });
export const ChannelSchema = z.enum(channels, { error: () => `unknown channel: use one of ${channels.join(", ")}` });
export const PlaceCodeSchema = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,40}$/, "a place code such as VN-HT or VN-HT-CAUTREO");

export const BulletinTextSchema = z.object({
  headline: plainText({ max: 200 }),
  summary: plainText({ max: 1_600 }),
  body: plainText({ max: 20_000 }),
});
export type BulletinTextInput = z.infer<typeof BulletinTextSchema>;

const bulletinFields = {
  category: z.enum(categories).default("notice"),
  sourceLanguage: LanguageSchema,
  targetLanguages: z.array(LanguageSchema).min(1).max(languages.length),
  channels: z.array(ChannelSchema).min(1).max(channels.length),
  areas: z.array(PlaceCodeSchema).min(1).max(200),
  urgency: z.enum(urgencies).default("routine"),
  mode: z.enum(bulletinModes).default("actual"),
  validFrom: z.iso.datetime({ offset: true }).optional(),
  validUntil: z.iso.datetime({ offset: true }),
};

const checkWindow = <T extends { validFrom?: string; validUntil?: string }>(value: T, context: z.RefinementCtx) => {
  if (value.validFrom && value.validUntil && new Date(value.validUntil) <= new Date(value.validFrom)) {
    context.addIssue({ code: "custom", path: ["validUntil"], message: "must be after validFrom" });
  }
};

const unique = <T>(list: T[]) => [...new Set(list)];

export const CreateBulletinSchema = z
  .strictObject({
    ...bulletinFields,
    // the source-language text, written with the bulletin
    text: BulletinTextSchema.optional(),
  })
  .superRefine(checkWindow)
  .transform((value) => ({
    ...value,
    targetLanguages: unique([value.sourceLanguage, ...value.targetLanguages]),
    channels: unique(value.channels),
    areas: unique(value.areas),
  }));
export type CreateBulletinInput = z.infer<typeof CreateBulletinSchema>;

export const UpdateBulletinSchema = z
  .strictObject({
    category: bulletinFields.category.optional(),
    targetLanguages: bulletinFields.targetLanguages.optional(),
    channels: bulletinFields.channels.optional(),
    areas: bulletinFields.areas.optional(),
    urgency: z.enum(urgencies).optional(),
    mode: z.enum(bulletinModes).optional(),
    validFrom: bulletinFields.validFrom,
    validUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine(checkWindow);
export type UpdateBulletinInput = z.infer<typeof UpdateBulletinSchema>;

export const ReasonSchema = z.strictObject({ reason: plainText({ max: 1_000 }) });
export const OptionalReasonSchema = z.strictObject({ reason: plainText({ max: 1_000 }).optional() });
