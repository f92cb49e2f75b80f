// Templates: structured bulletins rendered in every language from their fields alone.
import { languages, type Category } from "../../domain/index.ts";
import { AppError, refusalIssue } from "../../errors.ts";
import type { PlaceLookup } from "./render-template.ts";
import { diseaseHosts, type TemplateInput } from "./template-schemas.ts";

export * from "./render-template.ts";
export * from "./template-schemas.ts";

/** The places a template's fields name, with the kind each must be. */
export const placesOf = (input: TemplateInput): { path: string; code: string; kinds?: string[] }[] => {
  switch (input.name) {
    case "gate-hours-change":
      return [{ path: "fields.gate", code: input.fields.gate, kinds: ["gate"] }];
    case "gate-closure":
      return [
        { path: "fields.gate", code: input.fields.gate, kinds: ["gate"] },
        ...(input.fields.alternativeGate ? [{ path: "fields.alternativeGate", code: input.fields.alternativeGate, kinds: ["gate"] }] : []),
      ];
    case "weather-warning":
    case "health-advisory":
      return input.fields.areas.map((code, index) => ({ path: `fields.areas.${index}`, code }));
    case "public-notice":
      return [{ path: "fields.place", code: input.fields.place }];
  }
};

/** The areas a bulletin made from the template concerns, when the editor does not name them. */
export const areasOf = (input: TemplateInput) => {
  switch (input.name) {
    case "gate-hours-change":
    case "gate-closure":
      return [input.fields.gate];
    case "weather-warning":
    case "health-advisory":
      return input.fields.areas;
    case "public-notice":
      return [input.fields.place];
  }
};

export const categoryOf = (input: TemplateInput): Category => {
  switch (input.name) {
    case "gate-hours-change":
      return "gate_hours";
    case "gate-closure":
      return "gate_closure";
    case "weather-warning":
      return input.fields.hazard === "flood" || input.fields.hazard === "landslide" ? "disaster" : "weather";
    case "health-advisory":
      return diseaseHosts[input.fields.disease] === "animal" ? "animal_disease" : "health";
    case "public-notice":
      return "notice";
  }
};

/** Throws a 422 naming every field whose place is unknown or of the wrong kind. */
export const assertTemplatePlaces = (input: TemplateInput, places: PlaceLookup) => {
  const issues = placesOf(input).flatMap(({ path, code, kinds }) => {
    const place = places.get(code);
    if (!place) return [refusalIssue(`template.${path}`, `unknown place ${code}`, "unknown_place", { code })];
    if (kinds && !kinds.includes(place.kind))
      return [
        refusalIssue(`template.${path}`, `${code} is a ${place.kind}, not a ${kinds.join(" or ")}`, "place_kind", { code, kind: place.kind, expected: kinds }),
      ];
    return [];
  });
  const errors = issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  if (errors.length > 0) throw new AppError("validation_failed", errors.map((error) => `${error.path}: ${error.message}`).join("; "), { errors }, { issues });
};

/** The display languages of the places a template names, in a stable order (the neighbours' languages before
 *  English): the default target languages. */
export const languagesOf = (areas: string[], places: PlaceLookup) => {
  const order = [...languages.filter((language) => language !== "en"), "en" as const];
  const wanted = new Set(areas.flatMap((code) => places.get(code)?.languages ?? []));
  return order.filter((language) => wanted.has(language));
};
