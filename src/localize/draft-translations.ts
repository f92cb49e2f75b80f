// Drafts the translations a bulletin still lacks: sentence by sentence from the translation memory (exact
// matches), then from the machine-translation provider when one is configured. Every draft waits for a
// translator; what cannot be drafted waits with a reason the editor sees.
import type { Db } from "../db/client.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { getBulletin, getBulletinTexts, updateBulletinRow, upsertBulletinText, type Bulletin, type BulletinText } from "../db/queries/bulletins.ts";
import { placeLookup } from "../db/queries/places.ts";
import { editableStatuses, type Language, type TextOriginDetail, type WaitingNote } from "../domain/index.ts";
import type { Logger } from "../logger.ts";
import { MachineTranslationError, type MachineTranslator } from "./machine-translation.ts";
import { renderTemplate, TemplateInputSchema, type FreeText } from "./templates/index.ts";
import {
  exactMatches,
  fuzzyMatches,
  joinSegmented,
  segmentFields,
  sentencesOf,
  textFields,
  type Segmented,
  type TextFields,
} from "./translation-memory/memory.ts";
import { normalizeSegment } from "./translation-memory/segment-sentences.ts";

export type DraftDeps = { db: Db; clock: () => Date; logger: Logger; machineTranslator?: MachineTranslator };

/** The version of the source text a draft is made from. */
export const sourceVersion = (source: Pick<BulletinText, "updatedAt">) => source.updatedAt.toISOString();

/** Languages whose text the system may (re)draft: no text yet, or an automatic draft of an older source text. */
export const languagesToDraft = (bulletin: Bulletin, texts: BulletinText[], version: string) =>
  bulletin.targetLanguages.filter((language) => {
    if (language === bulletin.sourceLanguage) return false;
    const text = texts.find((candidate) => candidate.language === language);
    if (!text) return true;
    return text.state === "draft" && (text.origin === "memory" || text.origin === "machine") && text.originDetail?.sourceVersion !== version;
  });

export type Draft = { language: Language; text?: TextFields; detail: TextOriginDetail; origin: "memory" | "machine"; note?: WaitingNote };

const translateSentences = async (
  deps: Omit<DraftDeps, "clock">,
  sourceLanguage: Language,
  language: Language,
  segmented: Segmented,
  at: Date,
): Promise<{ segmented: Segmented; detail: TextOriginDetail; note?: WaitingNote; machine: number }> => {
  const sentences = sentencesOf(segmented);
  const memory = await exactMatches(deps.db, { sourceLanguage, targetLanguage: language, sentences });
  const counts = { memory: 0, machine: 0, untranslated: 0 };
  let note: WaitingNote | undefined;
  const proposals: NonNullable<TextOriginDetail["proposals"]> = [];
  const translated = {} as Segmented;
  for (const field of textFields) {
    translated[field] = [];
    for (const line of segmented[field]) {
      const out: string[] = [];
      for (const sentence of line) {
        const exact = memory.get(normalizeSegment(sentence));
        if (exact !== undefined) {
          counts.memory += 1;
          out.push(exact);
          continue;
        }
        if (deps.machineTranslator && !note) {
          try {
            out.push(await deps.machineTranslator.translate({ text: sentence, source: sourceLanguage, target: language }));
            counts.machine += 1;
            continue;
          } catch (error) {
            const code = error instanceof MachineTranslationError ? error.code : "mt_unavailable";
            const detail = error instanceof MachineTranslationError ? error.detail : String(error);
            note = { code: "machine_translation_failed", detail: `${deps.machineTranslator.name}: ${code}: ${detail}`, at: at.toISOString() };
            deps.logger.warn({ language, code, detail }, "machine translation failed");
          }
        }
        counts.untranslated += 1;
        proposals.push(...(await fuzzyMatches(deps.db, { sourceLanguage, targetLanguage: language, sentence })).slice(0, 1));
        out.push(sentence);
      }
      translated[field].push(out);
    }
  }
  if (!note && counts.untranslated > 0) {
    note = {
      code: "needs_translator",
      detail: `${counts.untranslated} of ${sentences.length} sentences have no translation in memory${deps.machineTranslator ? "" : " and no machine translation is configured"}`,
      at: at.toISOString(),
    };
  }
  return {
    segmented: translated,
    detail: { segments: counts, proposals, provider: counts.machine ? deps.machineTranslator?.name : undefined },
    note,
    machine: counts.machine,
  };
};

/** One language's draft of a source text, read only (memory lookups and machine translation, nothing written):
 *  what draftTranslations stores, and what the compose screen's preview shows. */
export const draftFor = async (
  deps: Omit<DraftDeps, "clock">,
  bulletin: Pick<Bulletin, "template" | "templateFields" | "sourceLanguage">,
  source: Pick<BulletinText, "headline" | "summary" | "body">,
  language: Language,
  at: Date,
): Promise<Draft> => {
  const template = bulletin.template ? TemplateInputSchema.safeParse({ name: bulletin.template, fields: bulletin.templateFields }) : undefined;
  if (template?.success && template.data.name === "public-notice") {
    // translate the free text, then render the template's frame in the target language around it
    const fields = template.data.fields;
    const segmented = segmentFields(bulletin.sourceLanguage, { headline: fields.title, summary: "", body: fields.details });
    const result = await translateSentences(deps, bulletin.sourceLanguage, language, segmented, at);
    const joined = joinSegmented(result.segmented);
    const free: FreeText = { title: joined.headline, details: joined.body };
    const text = renderTemplate(template.data, language, { places: await placeLookup(deps.db), free });
    const translatedAny = (result.detail.segments?.memory ?? 0) + result.machine > 0;
    return { language, text: translatedAny ? text : undefined, detail: result.detail, origin: result.machine ? "machine" : "memory", note: result.note };
  }
  const segmented = segmentFields(bulletin.sourceLanguage, { headline: source.headline, summary: source.summary, body: source.body });
  const result = await translateSentences(deps, bulletin.sourceLanguage, language, segmented, at);
  const translatedAny = (result.detail.segments?.memory ?? 0) + result.machine > 0;
  return {
    language,
    text: translatedAny ? joinSegmented(result.segmented) : undefined,
    detail: result.detail,
    origin: result.machine ? "machine" : "memory",
    note: result.note,
  };
};

/** Drafts what the memory and the machine can for every language still lacking text. Network calls happen
 *  outside any transaction; the results are written only if the source text has not changed meanwhile. */
export const draftTranslations = async (deps: DraftDeps, bulletinId: string) => {
  const at = deps.clock();
  const bulletin = await getBulletin(deps.db, bulletinId);
  if (!bulletin || !editableStatuses.includes(bulletin.status)) return { drafted: [], waiting: [] };
  const texts = await getBulletinTexts(deps.db, bulletinId);
  const source = texts.find((text) => text.language === bulletin.sourceLanguage);
  if (!source) return { drafted: [], waiting: [] };
  const version = sourceVersion(source);
  const drafts: Draft[] = [];
  for (const language of languagesToDraft(bulletin, texts, version)) drafts.push(await draftFor(deps, bulletin, source, language, at));
  if (drafts.length === 0) return { drafted: [], waiting: [] };

  return deps.db.transaction(async (tx) => {
    const current = await getBulletin(tx, bulletinId, { forUpdate: true });
    if (!current || !editableStatuses.includes(current.status)) return { drafted: [], waiting: [] };
    const nowTexts = await getBulletinTexts(tx, bulletinId);
    const nowSource = nowTexts.find((text) => text.language === current.sourceLanguage);
    // the source changed while we were translating: the job recorded for the new version redoes this
    if (!nowSource || sourceVersion(nowSource) !== version) return { drafted: [], waiting: [] };
    const allowed = new Set(languagesToDraft(current, nowTexts, version));
    const drafted: Language[] = [];
    const notes = { ...current.waitingNotes };
    for (const draft of drafts) {
      if (!allowed.has(draft.language)) continue;
      if (draft.note) notes[draft.language] = draft.note;
      else delete notes[draft.language];
      if (!draft.text) continue;
      const detail = { ...draft.detail, sourceVersion: version };
      // never overwrite a translator's work or an approved text
      await upsertBulletinText(
        tx,
        {
          bulletinId,
          language: draft.language,
          ...draft.text,
          state: "draft",
          origin: draft.origin,
          originDetail: detail,
          updatedBy: null,
          updatedAt: at,
          approvedBy: null,
          approvedAt: null,
        },
        { onlyOverMachineDrafts: true },
      );
      drafted.push(draft.language);
      await recordAudit(tx, {
        at,
        actorId: null,
        entity: "bulletin",
        entityId: bulletinId,
        action: `text:${draft.language}:draft-from-${draft.origin}`,
        detail: draft.detail.segments,
      });
    }
    await updateBulletinRow(tx, { id: bulletinId, set: { waitingNotes: notes } });
    return { drafted, waiting: Object.keys(notes) as Language[] };
  });
};
