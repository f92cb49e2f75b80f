// Text for slides: Pango markup escaped, and break opportunities where Lao and Khmer put none.
import { languageFacts, type Language } from "../../domain/index.ts";

/** Pango markup is XML: user text is always shown as text. */
export const escapePango = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[char]!);

const segmenters = new Map<Language, Intl.Segmenter>();
const southeastAsian = /[\u0E80-\u0EFF\u1780-\u17FF\u19E0-\u19FF]$/u;
const startsSoutheastAsian = /^[\u0E80-\u0EFF\u1780-\u17FF\u19E0-\u19FF]/u;

/** Lao and Khmer are written without spaces between words; Pango would only break them character by character.
 *  A zero-width space between two words of those scripts (ICU's dictionary word boundaries) lets lines break
 *  between words. Dates, numbers and Latin text are left alone. */
export const breakableText = (language: Language, text: string) => {
  if (languageFacts[language].spacesBetweenWords) return text;
  let segmenter = segmenters.get(language);
  if (!segmenter) segmenters.set(language, (segmenter = new Intl.Segmenter(language, { granularity: "word" })));
  let out = "";
  for (const { segment } of segmenter.segment(text)) {
    if (out && southeastAsian.test(out) && startsSoutheastAsian.test(segment)) out += "\u200B";
    out += segment;
  }
  return out;
};
