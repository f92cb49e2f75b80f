// Speaking rates, one table for every spoken channel: the radio reading time, the voice message's estimated
// duration, and the pace a speech engine is asked to speak at all come from here. Change a rate here and all
// three follow. Lao and Khmer are estimates until someone times a presenter reading the sample scripts
// (docs/voice-and-radio.md says how).
import type { Language } from "../domain/index.ts";
import { spokenForm } from "../localize/spoken-forms.ts";

export type SpeechRate = {
  /** what is counted: whitespace-separated syllables (Vietnamese), words, or ICU word segments (Lao, Khmer) */
  unit: "syllable" | "word";
  /** units per minute for a bulletin read aloud: calmer than conversation */
  perMinute: number;
  /** true until measured for this use */
  estimate: boolean;
  source: string;
};

export const speechRates: Record<Language, SpeechRate> = {
  vi: {
    unit: "syllable",
    perMinute: 190,
    estimate: false,
    source:
      "Read Vietnamese runs at about 5 syllables a second (Coupé, Oh, Dediu & Pellegrino 2019, Science Advances 5(9) eaaw2594, " +
      "17-language read-speech corpus); public announcements are read at about 60% of that, 190 syllables a minute.",
  },
  en: {
    unit: "word",
    perMinute: 150,
    estimate: false,
    source: "150 words a minute: the usual pace for scripted English broadcast and announcements (BBC and NCVS guidance: 150-160).",
  },
  lo: {
    unit: "word",
    perMinute: 110,
    estimate: true,
    source:
      "Estimate: ICU word segments (mostly one or two syllables) at the Vietnamese announcement pace in syllables, " +
      "by analogy with Thai read speech (Coupé et al. 2019). To be measured with a Lao presenter.",
  },
  km: {
    unit: "word",
    perMinute: 110,
    estimate: true,
    source: "Estimate: ICU word segments, as for Lao. To be measured with a Khmer presenter.",
  },
};

/** Seconds of pause a reader or engine makes at punctuation, beyond the words. */
export const pauseSeconds = { sentence: 0.45, clause: 0.2 } as const;

const wordSegmenters = new Map<Language, Intl.Segmenter>();
const words = (language: Language, text: string) => {
  let segmenter = wordSegmenters.get(language);
  if (!segmenter) wordSegmenters.set(language, (segmenter = new Intl.Segmenter(language, { granularity: "word" })));
  return [...segmenter.segment(text)].filter((segment) => segment.isWordLike).map((segment) => segment.segment);
};

/**
 * How many units a text has when read aloud, counted on its spoken form ("02/12/2026" as "2 December 2026", "QL8A"
 * as "National Road 8 A": localize/spoken-forms.ts). A number is read as several words ("150": one hundred fifty).
 */
export const spokenUnits = (language: Language, text: string) => unitsOf(language, spokenForm(language, text));

const unitsOf = (language: Language, spoken: string) => {
  let units = 0;
  for (const word of words(language, spoken)) {
    const digits = word.replace(/\D/g, "").length;
    units += digits > 0 ? digits + (word.length > digits ? 1 : 0) : 1;
  }
  return units;
};

/** Seconds to read a text at the language's rate, with its pauses, counted on its spoken form ("18:30" has no colon to pause at). */
export const readingSeconds = (language: Language, text: string) => {
  const rate = speechRates[language];
  const spoken = spokenForm(language, text);
  const sentences = (spoken.match(/[.!?។៕\n]+/gu) ?? []).length;
  const clauses = (spoken.match(/[,;:、]/gu) ?? []).length;
  return (unitsOf(language, spoken) / rate.perMinute) * 60 + sentences * pauseSeconds.sentence + clauses * pauseSeconds.clause;
};
