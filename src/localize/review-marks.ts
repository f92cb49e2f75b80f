// Which texts of a bulletin still need a native speaker's eye: a text rendered from Lao or Khmer template strings
// that locales/<lng>/_review.json still lists (or with place names the gazetteer marks unreviewed), and any draft
// the memory or the machine made that no translator has approved yet.
import { readFileSync } from "node:fs";
import type { TFunction } from "i18next";
import type { Bulletin, BulletinText } from "../db/queries/bulletins.ts";
import type { Place } from "../db/queries/places.ts";
import { languages, type Language } from "../domain/index.ts";
import { fixedT } from "./i18n.ts";
import { renderTemplate, TemplateInputSchema, type PlaceLookup } from "./templates/index.ts";

export type ReviewMark =
  /** `count` template strings used in this text are listed in the language's _review.json */
  | { kind: "template_strings"; count: number }
  /** `count` place names in this text are not yet checked (the gazetteer's `reviewed` is false) */
  | { kind: "place_names"; count: number }
  /** a draft from the translation memory or the machine, not yet approved by a translator */
  | { kind: "automatic_draft"; origin: "memory" | "machine" };

type ReviewList = { reviewed: boolean; keys: string[] };

const unreviewedKeys = new Map<Language, ReadonlySet<string>>(
  languages.map((language) => {
    const list = JSON.parse(readFileSync(new URL(`../../locales/${language}/_review.json`, import.meta.url), "utf8")) as ReviewList;
    return [language, new Set(list.reviewed ? [] : list.keys)];
  }),
);

/** The _review.json keys ("templates:gateHours.headline") still waiting for a native speaker in `language`. */
export const keysToReview = (language: Language) => unreviewedKeys.get(language) ?? new Set<string>();

/** Languages whose place names the gazetteer's `reviewed` flag is about. */
const reviewedNameLanguages: readonly Language[] = ["lo", "km"];

/** The template strings and places a rendering of the bulletin's template in `language` uses. */
const templateParts = (
  bulletin: Pick<Bulletin, "template" | "templateFields">,
  language: Language,
  places: ReadonlyMap<string, Pick<Place, "reviewed">> & PlaceLookup,
) => {
  const template = bulletin.template ? TemplateInputSchema.safeParse({ name: bulletin.template, fields: bulletin.templateFields }) : undefined;
  if (!template?.success) return undefined;
  const keys = new Set<string>();
  const codes = new Set<string>();
  const base = fixedT(language, "templates");
  const t = ((key: string | string[], ...rest: unknown[]) => {
    for (const one of Array.isArray(key) ? key : [key]) keys.add(`templates:${one}`);
    return (base as unknown as (...args: unknown[]) => string)(key, ...rest);
  }) as unknown as TFunction;
  const noting = { get: (code: string) => (codes.add(code), places.get(code)) } as unknown as PlaceLookup;
  try {
    renderTemplate(template.data, language, { places: noting, t, free: { title: "", details: "" } });
  } catch {
    return undefined;
  }
  return { keys, codes };
};

/** Per language of `texts`, what still needs a native speaker's review (an empty list: nothing). */
export const reviewMarks = (
  bulletin: Pick<Bulletin, "template" | "templateFields" | "sourceLanguage">,
  texts: Pick<BulletinText, "language" | "state" | "origin">[],
  places: ReadonlyMap<string, Pick<Place, "reviewed">> & PlaceLookup,
): Partial<Record<Language, ReviewMark[]>> => {
  const marks: Partial<Record<Language, ReviewMark[]>> = {};
  for (const text of texts) {
    const own: ReviewMark[] = [];
    if (text.state === "draft" && (text.origin === "memory" || text.origin === "machine")) own.push({ kind: "automatic_draft", origin: text.origin });
    // a template's frame is in every language but the source's own words (public-notice translations wear it too)
    const framed = text.origin === "template" || (bulletin.template === "public-notice" && text.language !== bulletin.sourceLanguage);
    const parts = framed ? templateParts(bulletin, text.language, places) : undefined;
    if (parts) {
      const toReview = keysToReview(text.language);
      const strings = [...parts.keys].filter((key) => toReview.has(key)).length;
      if (strings > 0) own.push({ kind: "template_strings", count: strings });
      const names = reviewedNameLanguages.includes(text.language) ? [...parts.codes].filter((code) => places.get(code)?.reviewed === false).length : 0;
      if (names > 0) own.push({ kind: "place_names", count: names });
    }
    marks[text.language] = own;
  }
  return marks;
};
