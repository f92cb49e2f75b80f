// Encodes a message for one partner: GSM-7 where every character fits, else UCS-2; splits into concatenated
// parts without ever cutting a grapheme cluster, a surrogate pair or an escape pair. Too long is an error.
import { gsm7Cost, fitsGsm7 } from "./gsm7.ts";
import { normalizeSmsText } from "./normalize-sms-text.ts";

export type SmsEncoding = "gsm7" | "ucs2";

export const limits = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

export type EncodedSms = { text: string; encoding: SmsEncoding; parts: string[]; partCount: number; units: number };

export type SmsError = {
  code: "sms_too_long" | "sms_empty";
  partCount?: number;
  maxParts: number;
  encoding?: SmsEncoding;
  units?: number;
  detail: string;
};

export type EncodeResult = { ok: true; sms: EncodedSms } | { ok: false; error: SmsError };

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Units (septets or UTF-16 code units) one piece of text costs in an encoding. */
export const unitsOf = (text: string, encoding: SmsEncoding) => {
  if (encoding === "ucs2") return text.length;
  let total = 0;
  for (const char of text) total += gsm7Cost(char) ?? 0;
  return total;
};

/** Splits into parts of at most `limit` units, at grapheme boundaries, preferring to break after a space. */
const split = (text: string, encoding: SmsEncoding, limit: number): string[] | undefined => {
  const parts: string[] = [];
  let current: string[] = [];
  let currentUnits = 0;
  let lastSpace = -1;
  for (const { segment } of graphemes.segment(text)) {
    const cost = unitsOf(segment, encoding);
    if (cost > limit) return undefined;
    if (currentUnits + cost > limit) {
      // break after the last space when it keeps at least half a part, so words stay whole
      const breakAt = lastSpace >= 0 && unitsOf(current.slice(0, lastSpace + 1).join(""), encoding) >= limit / 2 ? lastSpace + 1 : current.length;
      parts.push(current.slice(0, breakAt).join(""));
      current = current.slice(breakAt);
      currentUnits = unitsOf(current.join(""), encoding);
      lastSpace = current.findLastIndex((piece) => /^\s$/u.test(piece));
    }
    current.push(segment);
    currentUnits += cost;
    if (/^\s$/u.test(segment)) lastSpace = current.length - 1;
  }
  if (current.length > 0) parts.push(current.join(""));
  return parts;
};

export const encodeSms = (input: string, policy: { stripDiacritics: boolean; maxParts: number }): EncodeResult => {
  const text = normalizeSmsText(input, { stripDiacritics: policy.stripDiacritics });
  if (text.trim().length === 0) {
    return { ok: false, error: { code: "sms_empty", maxParts: policy.maxParts, detail: "the message is empty" } };
  }
  const encoding: SmsEncoding = fitsGsm7(text) ? "gsm7" : "ucs2";
  const units = unitsOf(text, encoding);
  const parts = units <= limits[encoding].single ? [text] : split(text, encoding, limits[encoding].part);
  const partCount = parts?.length ?? Number.POSITIVE_INFINITY;
  if (!parts || partCount > policy.maxParts) {
    const unit = encoding === "gsm7" ? "GSM-7 characters" : "UCS-2 units";
    return {
      ok: false,
      error: {
        code: "sms_too_long",
        partCount: parts ? partCount : undefined,
        maxParts: policy.maxParts,
        encoding,
        units,
        detail: `${units} ${unit} make ${parts ? partCount : "too many"} parts; at most ${policy.maxParts} allowed (${limits[encoding].part} ${unit} per part)`,
      },
    };
  }
  return { ok: true, sms: { text, encoding, parts, partCount, units } };
};
