// The languages bantin serves, written once. Everything per language (fonts, speaking rates, SMS rules, locale
// files, place names) is a Record<Language, ...> somewhere else, so a fifth language is data, locale files and a
// font: the compiler lists every table that still lacks it.
export const languages = ["vi", "lo", "en", "km"] as const;
export type Language = (typeof languages)[number];

/** A text in every language, e.g. a place name. */
export type LanguageNames = Record<Language, string>;

export const isLanguage = (value: string): value is Language => (languages as readonly string[]).includes(value);
