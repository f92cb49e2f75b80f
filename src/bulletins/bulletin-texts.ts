// Writing a bulletin's texts from its template, and asking the workers to draft what is still missing.
import type { Db } from "../db/client.ts";
import { upsertBulletinText, type Bulletin, type BulletinText } from "../db/queries/bulletins.ts";
import type { Language } from "../domain/index.ts";
import { needsTranslation, renderTemplate, TemplateInputSchema, type PlaceLookup } from "../localize/templates/index.ts";
import { sourceVersion } from "../localize/draft-translations.ts";
import { urgencyPriority } from "../queue/job-queue.ts";
import { recordJob } from "../queue/outbox.ts";

export { placeLookup } from "../db/queries/places.ts";

/** The template of a bulletin, parsed; undefined for a free-text bulletin. */
export const templateOf = (bulletin: Pick<Bulletin, "template" | "templateFields">) =>
  bulletin.template ? TemplateInputSchema.parse({ name: bulletin.template, fields: bulletin.templateFields }) : undefined;

/** Renders the bulletin's template into `languages`. Rendered text counts as approved translation; the source
 *  language of a template with free text (public-notice) is the editor's own text, approved at submission, and
 *  its other languages are left to the translation workflow. */
export const writeTemplateTexts = async (
  db: Db,
  input: { bulletin: Bulletin; languages: readonly Language[]; places: PlaceLookup; actorId: string; at: Date },
) => {
  const template = templateOf(input.bulletin);
  if (!template) return [];
  const written: Language[] = [];
  for (const language of input.languages) {
    const isSource = language === input.bulletin.sourceLanguage;
    if (needsTranslation(template.name) && !isSource) continue;
    const text = renderTemplate(template, language, { places: input.places });
    const state = needsTranslation(template.name) ? ("draft" as const) : ("approved" as const);
    const values = {
      ...text,
      state,
      origin: needsTranslation(template.name) ? ("source" as const) : ("template" as const),
      originDetail: null,
      updatedBy: input.actorId,
      updatedAt: input.at,
      approvedBy: null,
      approvedAt: state === "approved" ? input.at : null,
    };
    await upsertBulletinText(db, { bulletinId: input.bulletin.id, language, ...values });
    written.push(language);
  }
  return written;
};

/** Records a draft-translations job for the current source text, when some target language lacks text. */
export const requestTranslationDrafts = async (
  db: Db,
  options: {
    bulletin: Pick<Bulletin, "id" | "urgency" | "sourceLanguage" | "targetLanguages">;
    texts: Pick<BulletinText, "language" | "updatedAt">[];
    /** record a job even when every language has text (a new source text, new template fields, asked again) */
    again?: Date;
  },
) => {
  const { bulletin, texts } = options;
  const source = texts.find((text) => text.language === bulletin.sourceLanguage);
  if (!source) return undefined;
  if (!options.again && bulletin.targetLanguages.every((language) => texts.some((text) => text.language === language))) return undefined;
  const again = options.again ? `:again:${options.again.toISOString()}` : "";
  return recordJob(db, {
    name: "draft-translations",
    key: `draft-translations:${bulletin.id}:${sourceVersion(source)}${again}`,
    payload: { bulletinId: bulletin.id },
    priority: urgencyPriority[bulletin.urgency],
  });
};
