// Normalises a message before it is counted and split: LF line ends, NFC, optional Vietnamese without diacritics,
// and typographic characters mapped to plain ones, but only when that lets the whole message travel as GSM-7.
//
// Why all or nothing: a message that needs UCS-2 anyway (Lao, Khmer, Vietnamese with diacritics, emoji) gains nothing
// from plain quotes (each costs one UTF-16 unit either way; "…" would even grow to "...") and would lose the
// zero-width spaces Khmer and Lao put between words so phones can wrap lines. In a message that can be GSM-7, the
// invisible characters ICU inserts when it formats dates and numbers (narrow no-break space U+202F, thin space, zero
// width space, word joiner; `icuSpecialCharacters` in src/localize/format-locale.ts lists them) are mapped away, so
// they never force UCS-2 on their own.
import { fitsGsm7 } from "./gsm7.ts";
import { stripVietnameseDiacritics } from "./strip-vietnamese-diacritics.ts";

// Unicode line and paragraph separators are line ends too; handsets only know LF.
const lineEnds = /\r\n?|[\u0085\u2028\u2029]/g;

const replacements: [RegExp, string][] = [
  // single quotes, primes, acute and grave accents used as apostrophes (` is ASCII but not GSM-7), single guillemets
  [/[\u2018\u2019\u201A\u201B\u2032\u2035\u00B4\u0060\u2039\u203A]/g, "'"],
  // double quotes, double primes, guillemets
  [/[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB]/g, '"'],
  // hyphens, figure dash, en and em dashes, horizontal bar, minus sign
  [/[\u2010-\u2015\u2212]/g, "-"],
  [/\u2026/g, "..."],
  // bullets and middle dots used as list markers or separators
  [/[\u2022\u2023\u2043\u2027\u2219\u25E6\u00B7]/g, "-"],
  [/\u2044/g, "/"],
  // every other Unicode space (no-break, narrow no-break, thin, ideographic...) and tab
  [/[\t\p{Zs}]/gu, " "],
  // invisible: soft hyphen, combining grapheme joiner, Arabic letter mark, Mongolian vowel separator, zero-width
  // space/non-joiner/joiner, left-to-right and right-to-left marks, word joiner, invisible operators, BOM.
  // ZWNJ and ZWJ (U+200C, U+200D) steer Lao and Khmer shaping, but this list only applies when the whole result is
  // GSM-7, that is when no Lao or Khmer letter is left for them to shape; a Lao or Khmer message keeps them.
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible format character (joiners too) is removed on its own, on purpose
  [/[\u00AD\u034F\u061C\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g, ""],
];

/** Maps typographic punctuation, Unicode spaces and invisible characters to plain GSM-7-friendly equivalents. */
export const toPlainPunctuation = (text: string) => replacements.reduce((result, [pattern, plain]) => result.replace(pattern, plain), text);

export type NormalizeOptions = { stripDiacritics: boolean };

/** The text exactly as it will be counted, split and sent. */
export const normalizeSmsText = (text: string, options: NormalizeOptions) => {
  let result = text.replace(lineEnds, "\n").normalize("NFC");
  if (options.stripDiacritics) result = stripVietnameseDiacritics(result);
  const plain = toPlainPunctuation(result);
  // leading and trailing blanks (a summary's final newline) would cost units and sometimes a whole extra part
  return (fitsGsm7(plain) ? plain : result).trim();
};
