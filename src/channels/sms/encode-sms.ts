// Encodes a message for one partner: GSM-7 where every character fits, else UCS-2; splits it into concatenated parts
// without ever cutting a grapheme cluster, a surrogate pair or an escape pair. A message that does not fit the
// partner's maximum number of parts is an error for the editor to fix: it is never cut.
import { gsm7Length } from "./gsm7.ts";
import { normalizeSmsText } from "./normalize-sms-text.ts";

export type SmsEncoding = "gsm7" | "ucs2";

/** Units per message: septets for GSM-7, UTF-16 code units for UCS-2; a concatenated part loses room to its header. */
export const smsLimits = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const satisfies Record<SmsEncoding, { single: number; part: number }>;

export type EncodeSmsPolicy = { stripDiacritics: boolean; maxParts: number };

export type EncodedSms = {
  /** The normalised text, exactly as sent: the parts joined give it back. */
  text: string;
  encoding: SmsEncoding;
  parts: string[];
  partCount: number;
  /** Septets (gsm7) or UTF-16 code units (ucs2) of the whole text. */
  units: number;
};

export type SmsTooLongError = {
  code: "sms_too_long";
  /** Parts the message needs (when a single cluster is longer than a part: the least it would need if it could be cut). */
  partCount: number;
  maxParts: number;
  encoding: SmsEncoding;
  units: number;
  detail: string;
};

export type SmsEmptyError = { code: "sms_empty"; partCount: 0; maxParts: number; encoding?: undefined; units: 0; detail: string };

export type SmsError = SmsTooLongError | SmsEmptyError;

export type EncodeSmsResult = { ok: true; sms: EncodedSms } | { ok: false; error: SmsError };

/** Units one piece of text costs in an encoding; throws for text that has no GSM-7 form when asked for gsm7. */
export const unitsOf = (text: string, encoding: SmsEncoding) => {
  if (encoding === "ucs2") return text.length;
  const septets = gsm7Length(text);
  if (septets === undefined) throw new RangeError("text has characters outside GSM-7");
  return septets;
};

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

// ICU keeps a Khmer consonant + coeng (U+17D2) + subscript consonant together; an ICU build with plain Unicode
// rules would not, and a part that begins with a subscript consonant renders as a broken syllable.
const endsWithCoeng = /\u17D2$/u;

// A part preferably ends after a space, a line break or a zero-width space (how Khmer and Lao mark word breaks).
const breakAfter = /^[ \n\u200B]$/u;

type Cluster = { text: string; units: number; breakAfter: boolean };

const clustersOf = (text: string, encoding: SmsEncoding): Cluster[] => {
  const pieces: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    const previous = pieces.length - 1;
    if (previous >= 0 && endsWithCoeng.test(pieces[previous]!)) pieces[previous] += segment;
    else pieces.push(segment);
  }
  return pieces.map((piece) => ({ text: piece, units: unitsOf(piece, encoding), breakAfter: breakAfter.test(piece) }));
};

/** Parts of at most `limit` units each, cut only between clusters; undefined when one cluster alone exceeds a part. */
const splitClusters = (clusters: Cluster[], limit: number): string[] | undefined => {
  const parts: string[] = [];
  let start = 0;
  while (start < clusters.length) {
    let end = start;
    let units = 0;
    let breakEnd = -1;
    let breakUnits = 0;
    while (end < clusters.length && units + clusters[end]!.units <= limit) {
      units += clusters[end]!.units;
      end += 1;
      if (clusters[end - 1]!.breakAfter) {
        breakEnd = end;
        breakUnits = units;
      }
    }
    if (end === start) return undefined;
    // end after the last word break, unless that would leave the part less than half full; the shorter part still fits
    if (end < clusters.length && breakEnd > start && breakUnits >= limit / 2) end = breakEnd;
    parts.push(
      clusters
        .slice(start, end)
        .map((cluster) => cluster.text)
        .join(""),
    );
    start = end;
  }
  return parts;
};

const unitName = (encoding: SmsEncoding) => (encoding === "gsm7" ? "GSM-7 characters" : "UCS-2 units");

export const encodeSms = (input: string, policy: EncodeSmsPolicy): EncodeSmsResult => {
  const { maxParts } = policy;
  const text = normalizeSmsText(input, { stripDiacritics: policy.stripDiacritics });
  // text made only of blanks and invisible format characters (U+2060-style joiners in a UCS-2 message) says nothing
  if (/^[\s\p{Cf}]*$/u.test(text)) {
    return { ok: false, error: { code: "sms_empty", partCount: 0, maxParts, units: 0, detail: "the SMS text is empty" } };
  }
  const encoding: SmsEncoding = gsm7Length(text) === undefined ? "ucs2" : "gsm7";
  const units = unitsOf(text, encoding);
  const limit = smsLimits[encoding];
  const parts = units <= limit.single ? [text] : splitClusters(clustersOf(text, encoding), limit.part);
  if (parts === undefined) {
    const partCount = Math.ceil(units / limit.part);
    return {
      ok: false,
      error: {
        code: "sms_too_long",
        partCount,
        maxParts,
        encoding,
        units,
        detail: `one character cluster is longer than an SMS part (${limit.part} ${unitName(encoding)}), so the message cannot be split without breaking it`,
      },
    };
  }
  if (parts.length > maxParts) {
    return {
      ok: false,
      error: {
        code: "sms_too_long",
        partCount: parts.length,
        maxParts,
        encoding,
        units,
        detail: `${units} ${unitName(encoding)} make ${parts.length} parts; at most ${maxParts} allowed (${limit.part} ${unitName(encoding)} per part)`,
      },
    };
  }
  return { ok: true, sms: { text, encoding, parts, partCount: parts.length, units } };
};
