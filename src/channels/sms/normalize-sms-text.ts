// Normalises a message: NFC, LF line ends, and typographic characters mapped to plain ones when that lets the
// whole message travel as GSM-7. Characters ICU inserts when formatting dates and numbers (narrow no-break and
// thin spaces, zero-width spaces) are mapped too, so they never force UCS-2 on their own.
import { fitsGsm7 } from "./gsm7.ts";
import { stripVietnameseDiacritics } from "./strip-vietnamese-diacritics.ts";

const replacements: [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032\u00B4\u0060]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, "-"],
  [/\u2026/g, "..."],
  [/[\u2022\u00B7\u2027]/g, "-"],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " "],
  [/[\u200B\u200C\u200D\u2060\uFEFF\u00AD]/g, ""],
  [/\t/g, " "],
];

export const toPlainPunctuation = (text: string) => replacements.reduce((result, [pattern, plain]) => result.replace(pattern, plain), text);

export type NormalizeOptions = { stripDiacritics: boolean };

export const normalizeSmsText = (text: string, options: NormalizeOptions) => {
  let result = text.replace(/\r\n?/g, "\n").normalize("NFC");
  if (options.stripDiacritics) result = stripVietnameseDiacritics(result);
  const plain = toPlainPunctuation(result);
  // a message that needs UCS-2 anyway keeps its typography (and the zero-width spaces Khmer and Lao use)
  return fitsGsm7(plain) ? plain : result;
};
