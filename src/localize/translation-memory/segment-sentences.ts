// Sentence segmentation for the translation memory: ICU sentence boundaries (Intl.Segmenter) per language,
// after splitting on line breaks, so a heading, a list item or a paragraph is never merged with the next line.
//
// What ICU does with our languages (Node 20, full ICU):
// - km: "។" (U+17D4) and "៕" (U+17D5) are sentence terminators; a sentence ends after them with or without a
//   following space ("…បិទ។សូម…" splits). "?" and "!" work as elsewhere.
// - lo: "." followed by a space ends a sentence. Lao prose often has no sentence punctuation and uses spaces
//   between phrases as well as between sentences; ICU does not split on those spaces (nor do we: a space is no
//   reliable boundary), so such a run stays one segment.
// - vi, en: ".", "?", "!" followed by a space. V8's ICU applies no abbreviation suppressions, so "TP. Vinh" or
//   "Mr. Smith" split after the abbreviation; segmentation is deterministic, so memory lookups stay consistent.
import type { Language } from "../../domain/index.ts";

export const segmenterLocales: Record<Language, string> = {
  vi: "vi-VN",
  lo: "lo-LA",
  en: "en",
  km: "km-KH",
};

const segmenters = new Map<Language, Intl.Segmenter>();

const sentenceSegmenter = (language: Language): Intl.Segmenter => {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(segmenterLocales[language], { granularity: "sentence" });
    segmenters.set(language, segmenter);
  }
  return segmenter;
};

// CRLF, LF, CR, NEL, line separator, paragraph separator; blank lines just give empty lines that are dropped.
const lineBreak = /\r\n|[\n\r\u0085\u2028\u2029]/;

/** The sentences of a text, in order: each trimmed, with its own punctuation; no empty segments. */
export const segmentSentences = (language: Language, text: string): string[] => {
  const segmenter = sentenceSegmenter(language);
  const sentences: string[] = [];
  for (const line of text.split(lineBreak)) {
    if (line.trim() === "") continue;
    for (const { segment } of segmenter.segment(line)) {
      const sentence = segment.trim();
      if (sentence !== "") sentences.push(sentence);
    }
  }
  return sentences;
};

/** The exact-match key of a segment: NFC, every whitespace run collapsed to one space, trimmed. */
export const normalizeSegment = (text: string): string => text.normalize("NFC").replace(/\s+/gu, " ").trim();
