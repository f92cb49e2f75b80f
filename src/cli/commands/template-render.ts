import { z } from "zod";
import { LanguageSchema } from "../../domain/field-schemas.ts";
import { gazetteerPlaces } from "../../localize/gazetteer/gazetteer.ts";
import { areasOf, assertTemplatePlaces, languagesOf, renderTemplate, TemplateInputSchema } from "../../localize/templates/index.ts";
import { fail, listOption, parseInput, readJsonFile } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";

export const templateRender = defineCommand({
  synopsis: "bantin template render <name> --fields FILE.json [--languages LIST]",
  about: "Renders a template in every language its places use, with the gazetteer in the repository (no database needed).",
  arguments: { "<name>": "the template (bantin templates lists them)" },
  options: {
    fields: { type: "string", value: "FILE.json", description: "the template's fields as a JSON object" },
    languages: { type: "string", value: "LIST", description: "comma-separated languages to render (default: the places' languages)" },
  },
  run: ({ values, positionals: [name] }) => {
    if (!name || !values.fields) return fail("template render needs a template name and --fields <file.json>");
    const template = parseInput(TemplateInputSchema, { name, fields: readJsonFile(values.fields) });
    const places = new Map(gazetteerPlaces().map((place) => [place.code, place]));
    assertTemplatePlaces(template, places);
    const languages = values.languages ? parseInput(z.array(LanguageSchema), listOption(values.languages)) : languagesOf(areasOf(template), places);
    for (const language of languages) {
      const text = renderTemplate(template, language, { places });
      console.log(`[${language}] ${text.headline}\n  summary: ${text.summary}\n  body:    ${text.body}\n`);
    }
  },
});
