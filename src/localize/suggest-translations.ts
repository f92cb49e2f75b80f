// What the memory knows for a bulletin's source text in one language, sentence by sentence: an exact earlier
// translation, or similar ones (similarity >= 0.85) with their scores, for the translator to take or leave.
import type { Db } from "../db/client.ts";
import { getBulletinTexts, type Bulletin } from "../db/queries/bulletins.ts";
import type { Language } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { exactMatches, fuzzyMatches, fuzzyThreshold, segmentFields, textFields } from "./translation-memory/memory.ts";
import { normalizeSegment } from "./translation-memory/segment-sentences.ts";

export const suggestTranslations = async (db: Db, bulletin: Bulletin, language: Language) => {
  if (language === bulletin.sourceLanguage) throw new AppError("validation_failed", `${language} is this bulletin's source language`);
  const source = (await getBulletinTexts(db, bulletin.id)).find((text) => text.language === bulletin.sourceLanguage);
  if (!source) throw new AppError("not_found", `no ${bulletin.sourceLanguage} (source) text yet`);
  const segmented = segmentFields(bulletin.sourceLanguage, source);
  const sentences = textFields.flatMap((field) => segmented[field].flat().map((sentence) => ({ field, sentence })));
  const exact = await exactMatches(db, { sourceLanguage: bulletin.sourceLanguage, targetLanguage: language, sentences: sentences.map((entry) => entry.sentence) });
  const segments = [];
  for (const { field, sentence } of sentences) {
    const match = exact.get(normalizeSegment(sentence));
    segments.push({
      field,
      source: sentence,
      ...(match !== undefined ? { exact: match, fuzzy: [] } : { fuzzy: await fuzzyMatches(db, { sourceLanguage: bulletin.sourceLanguage, targetLanguage: language, sentence }) }),
    });
  }
  return { sourceLanguage: bulletin.sourceLanguage, language, threshold: fuzzyThreshold, segments };
};
