// The compose screen's live preview: a template rendered in every language, without creating anything.
import type { Db } from "../../db/client.ts";
import { placeLookup } from "../../db/queries/places.ts";
import type { Language } from "../../domain/index.ts";
import { areasOf, assertTemplatePlaces, languagesOf } from "./index.ts";
import { renderTemplate } from "./render-template.ts";
import type { TemplateInput } from "./template-schemas.ts";

/** The template's text per language: the languages given, or those of the places it names. */
export const previewTemplate = async (db: Db, input: { template: TemplateInput; languages?: Language[] }) => {
  const lookup = await placeLookup(db);
  const template = input.template;
  assertTemplatePlaces(template, lookup);
  const languages = input.languages ?? languagesOf(areasOf(template), lookup);
  return Object.fromEntries(languages.map((language) => [language, renderTemplate(template, language, { places: lookup })]));
};
