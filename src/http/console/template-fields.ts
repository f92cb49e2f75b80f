// The compose form's template fields: which input each template field takes, read back into the template's input.
// The template's own zod schema (TemplateInputSchema) checks what comes out; this only shapes the form.
import { diseases, gateReasons, hazards, healthActions, weatherAdvice, type TemplateName } from "../../localize/templates/index.ts";

export type TemplateFieldKind = "gate" | "place" | "places" | "date" | "instant" | "clock" | "enum" | "enums" | "text" | "paragraph";
export type TemplateField = { name: string; kind: TemplateFieldKind; optional?: boolean; values?: readonly string[]; labels?: string };

export const templateFields: Record<TemplateName, TemplateField[]> = {
  "gate-hours-change": [
    { name: "gate", kind: "gate" },
    { name: "from", kind: "date" },
    { name: "until", kind: "date", optional: true },
    { name: "opens", kind: "clock" },
    { name: "closes", kind: "clock" },
    { name: "reason", kind: "enum", values: gateReasons, labels: "gateReasons" },
  ],
  "gate-closure": [
    { name: "gate", kind: "gate" },
    { name: "from", kind: "instant" },
    { name: "reopening", kind: "instant", optional: true },
    { name: "reason", kind: "enum", values: gateReasons, labels: "gateReasons" },
    { name: "alternativeGate", kind: "gate", optional: true },
  ],
  "weather-warning": [
    { name: "hazard", kind: "enum", values: hazards, labels: "hazards" },
    { name: "areas", kind: "places" },
    { name: "from", kind: "instant" },
    { name: "until", kind: "instant" },
    { name: "advice", kind: "enums", values: weatherAdvice, labels: "advice" },
  ],
  "health-advisory": [
    { name: "disease", kind: "enum", values: diseases, labels: "diseases" },
    { name: "areas", kind: "places" },
    { name: "actions", kind: "enums", values: healthActions, labels: "healthActions" },
  ],
  "public-notice": [
    { name: "title", kind: "text" },
    { name: "details", kind: "paragraph" },
    { name: "place", kind: "place" },
    { name: "date", kind: "instant" },
    { name: "until", kind: "instant", optional: true },
  ],
};

/** The form's values of one template's fields (`tf.<name>`), as the template's input expects them. */
export const templateInputOf = (name: TemplateName, values: Record<string, string[]>, toInstant: (value: string) => string | undefined) => {
  const fields: Record<string, unknown> = {};
  for (const field of templateFields[name]) {
    const given = (values[field.name] ?? []).map((value) => value.trim()).filter(Boolean);
    if (field.kind === "enums") {
      if (given.length > 0 || !field.optional) fields[field.name] = given;
      continue;
    }
    if (field.kind === "places") {
      fields[field.name] = given.flatMap((value) => value.split(/[\s,;]+/)).filter(Boolean);
      continue;
    }
    const value = given[0];
    if (value === undefined) continue;
    fields[field.name] = field.kind === "instant" ? toInstant(value) : value;
  }
  return { name, fields };
};

/** A template bulletin's stored fields as the form shows them (the inverse of templateInputOf): to correct it. */
export const templateValuesOf = (name: TemplateName, fields: Record<string, unknown>, toLocal: (instant: string) => string) => {
  const values: Record<string, string[]> = {};
  for (const field of templateFields[name]) {
    const value = fields[field.name];
    if (value === undefined || value === null) continue;
    const list = (Array.isArray(value) ? value : [value]).map(String);
    values[field.name] =
      field.kind === "places" ? [list.join(", ")] : field.kind === "enums" ? list : field.kind === "instant" ? list.slice(0, 1).map(toLocal) : list.slice(0, 1);
  }
  return values;
};
