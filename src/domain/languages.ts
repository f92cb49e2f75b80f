// The languages bantin serves, written once. Everything per language (fonts, speaking rates, SMS rules, locale
// files, place names) is a Record<Language, ...> somewhere else, so a fifth language is data, locale files and a
// font: the compiler lists every table that still lacks it.
export const languages = ["vi", "lo", "en", "km"] as const;
export type Language = (typeof languages)[number];

/** A text in every language, e.g. a place name. */
export type LanguageNames = Record<Language, string>;

/** ISO 15924 codes of the scripts the languages are written in; each script has its font (channels/display/fonts.ts). */
export type Script = "Latn" | "Laoo" | "Khmr";

export type LanguageFacts = {
  /** BCP 47 tag with the region bantin writes it for, the one tag everywhere a region is wanted (CAP <language>,
   *  SSML xml:lang, locale formatting): English is en-GB, day-first dates like the other three */
  tag: string;
  /** the language's English name */
  name: string;
  /** its name in itself */
  endonym: string;
  script: Script;
  /** false for scripts written without spaces between words (Lao, Khmer): lines break at dictionary word boundaries */
  spacesBetweenWords: boolean;
};

export const languageFacts: Record<Language, LanguageFacts> = {
  vi: { tag: "vi-VN", name: "Vietnamese", endonym: "Tiếng Việt", script: "Latn", spacesBetweenWords: true },
  lo: { tag: "lo-LA", name: "Lao", endonym: "ພາສາລາວ", script: "Laoo", spacesBetweenWords: false },
  en: { tag: "en-GB", name: "English", endonym: "English", script: "Latn", spacesBetweenWords: true },
  km: { tag: "km-KH", name: "Khmer", endonym: "ភាសាខ្មែរ", script: "Khmr", spacesBetweenWords: false },
};
