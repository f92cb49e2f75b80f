import { z } from "zod";
import { bulletinModes, categories, languages, channels, urgencies } from "../domain/index.ts";
import { TemplateInputSchema } from "../localize/templates/template-schemas.ts";
import { ChannelSchema, LanguageSchema, PlaceCodeSchema } from "../domain/field-schemas.ts";
import { plainText } from "../domain/plain-text.ts";

export { ChannelSchema, LanguageSchema, PlaceCodeSchema } from "../domain/field-schemas.ts";

export const BulletinTextSchema = z.object({
  headline: plainText({ max: 200 }),
  summary: plainText({ max: 1_600, lines: true }),
  body: plainText({ max: 20_000, lines: true }),
});
export type BulletinTextInput = z.infer<typeof BulletinTextSchema>;

const bulletinFields = {
  category: z.enum(categories),
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
    context.addIssue({ code: "custom", path: ["validUntil"], message: "must be after validFrom", params: { rule: "after", field: "validFrom" } });
  }
};

const unique = <T>(list: T[]) => [...new Set(list)];

export const CreateBulletinSchema = z
  .strictObject({
    ...bulletinFields,
    // default: the template's, else "notice"
    category: bulletinFields.category.optional(),
    // default: the display languages of the areas (a Lao-border gate: vi, lo, en)
    targetLanguages: bulletinFields.targetLanguages.optional(),
    // default with a template: the places its fields name
    areas: bulletinFields.areas.optional(),
    // the source-language text, written with the bulletin...
    text: BulletinTextSchema.optional(),
    // ...or a template whose fields render every language
    template: TemplateInputSchema.optional(),
  })
  .superRefine(checkWindow)
  .superRefine((value, context) => {
    if (value.text && value.template)
      context.addIssue({ code: "custom", path: ["template"], message: "give either text or template, not both", params: { rule: "text_or_template" } });
    if (!value.template && !value.areas)
      context.addIssue({ code: "custom", path: ["areas"], message: "required unless a template names the places", params: { rule: "areas_required" } });
  })
  .transform((value) => ({
    ...value,
    targetLanguages: value.targetLanguages ? unique([value.sourceLanguage, ...value.targetLanguages]) : undefined,
    channels: unique(value.channels),
    areas: value.areas ? unique(value.areas) : undefined,
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

export const ReasonSchema = z.strictObject({ reason: plainText({ max: 1_000, lines: true }) });
/** A withdrawal says why: the audit log keeps it and partners' systems get it as the detail of the reason code. */
export const WithdrawSchema = z.strictObject({
  reason: z.string({ error: "a withdrawal needs a reason (shown in the audit log and to partners)" }).pipe(plainText({ max: 1_000, lines: true })),
});

export const DropLanguageSchema = z.strictObject({ reason: plainText({ max: 1_000, lines: true }).optional() });
