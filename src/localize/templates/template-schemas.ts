// The structured bulletins: each template is a zod schema of fields. Free text only where a template cannot
// do without it (public-notice); everything else is an enumerated choice, so every language renders from the fields.
import { z } from "zod";
import { PlaceCodeSchema } from "../../domain/field-schemas.ts";
import { plainText } from "../../domain/plain-text.ts";

export const gateReasons = [
  "holiday",
  "maintenance",
  "weather",
  "flooding",
  "landslide",
  "disease_control",
  "security",
  "high_traffic",
  "trade_event",
  "authority_decision",
] as const;
export const hazards = ["typhoon", "flood", "landslide", "heat", "cold"] as const;
export const weatherAdvice = [
  "stay_indoors",
  "avoid_rivers",
  "avoid_slopes",
  "secure_homes",
  "protect_livestock",
  "drink_water",
  "keep_warm",
  "prepare_supplies",
  "avoid_travel",
  "follow_authorities",
] as const;
/** Each disease and whether it strikes people or animals: the advisory's wording follows. */
export const diseaseHosts = {
  dengue: "human",
  malaria: "human",
  cholera: "human",
  measles: "human",
  hand_foot_mouth: "human",
  avian_influenza: "animal",
  african_swine_fever: "animal",
  foot_and_mouth: "animal",
  rabies: "animal",
} as const;
export type Disease = keyof typeof diseaseHosts;
export const diseases = Object.keys(diseaseHosts) as [Disease, ...Disease[]];
export const healthActions = [
  "remove_standing_water",
  "use_mosquito_nets",
  "see_doctor_fever",
  "wash_hands",
  "boil_water",
  "vaccinate",
  "report_sick_animals",
  "do_not_move_animals",
  "do_not_eat_sick_animals",
  "disinfect_barns",
] as const;

const day = z.iso.date({ error: "a date as YYYY-MM-DD" });
const instant = z.iso.datetime({ offset: true, error: "a date and time with offset, e.g. 2026-12-01T06:00:00+07:00" });
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a 24-hour time as HH:MM");
const places = z.array(PlaceCodeSchema).min(1).max(20);
const distinct = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .array(z.enum(values))
    .min(1)
    .max(values.length)
    .refine((list) => new Set(list).size === list.length, { message: "each choice once", params: { rule: "each_once" } });

const after = (earlier: string, later: string) => (value: Record<string, unknown>, context: z.RefinementCtx) => {
  const from = value[earlier];
  const until = value[later];
  if (typeof from === "string" && typeof until === "string" && Date.parse(until) <= Date.parse(from)) {
    context.addIssue({ code: "custom", path: [later], message: `must be after ${earlier}`, params: { rule: "after", field: earlier } });
  }
};

export const templateSchemas = {
  "gate-hours-change": z
    .strictObject({ gate: PlaceCodeSchema, from: day, until: day.optional(), opens: clock, closes: clock, reason: z.enum(gateReasons) })
    .superRefine(after("from", "until"))
    .superRefine((value, context) => {
      if (value.closes <= value.opens)
        context.addIssue({ code: "custom", path: ["closes"], message: "must be after opens", params: { rule: "after", field: "opens" } });
    }),
  "gate-closure": z
    .strictObject({
      gate: PlaceCodeSchema,
      from: instant,
      reopening: instant.optional(),
      reason: z.enum(gateReasons),
      alternativeGate: PlaceCodeSchema.optional(),
    })
    .superRefine(after("from", "reopening"))
    .superRefine((value, context) => {
      if (value.alternativeGate === value.gate)
        context.addIssue({ code: "custom", path: ["alternativeGate"], message: "must differ from gate", params: { rule: "differ", field: "gate" } });
    }),
  "weather-warning": z
    .strictObject({ hazard: z.enum(hazards), areas: places, from: instant, until: instant, advice: distinct(weatherAdvice) })
    .superRefine(after("from", "until")),
  "health-advisory": z.strictObject({ disease: z.enum(diseases), areas: places, actions: distinct(healthActions) }),
  "public-notice": z
    .strictObject({
      title: plainText({ max: 120 }),
      details: plainText({ max: 4_000, lines: true }),
      place: PlaceCodeSchema,
      date: instant,
      until: instant.optional(),
    })
    .superRefine(after("date", "until")),
} as const;

export type TemplateName = keyof typeof templateSchemas;
export const templateNames = Object.keys(templateSchemas) as [TemplateName, ...TemplateName[]];
export type TemplateFields<Name extends TemplateName> = z.infer<(typeof templateSchemas)[Name]>;

const entry = <Name extends TemplateName>(name: Name) => z.strictObject({ name: z.literal(name), fields: templateSchemas[name] });

export const TemplateInputSchema = z.discriminatedUnion(
  "name",
  [entry("gate-hours-change"), entry("gate-closure"), entry("weather-warning"), entry("health-advisory"), entry("public-notice")],
  { error: () => `unknown template: use one of ${templateNames.join(", ")}` },
);
export type TemplateInput = z.infer<typeof TemplateInputSchema>;
