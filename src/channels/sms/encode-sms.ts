// Encodes a message for one partner: GSM-7 where every character fits, else UCS-2; splits it into the fewest
// concatenated parts that never cut a grapheme cluster, a surrogate pair, an escape pair or a Khmer coeng pair, and
// within that count ends parts at word breaks where it can. A message that does not fit the partner's maximum number
// of parts is an error for the editor to fix: it is never cut.
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

// Text in which every UTF-16 unit is a grapheme cluster of its own: Latin (Vietnamese is precomposed after
// normalisation), Latin Extended Additional, general punctuation and currency signs, none of them a combining mark,
// a joiner, a surrogate or a CR (which pairs with LF). Asking Intl.Segmenter costs about 1 µs a character, most of
// an SMS preview's time; this answer is the same, so it is skipped here.
const oneUnitClusters = /^[\t\n\u0020-\u007E\u00A0-\u02FF\u1E00-\u1EFF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0]*$/u;

const clustersOf = (text: string, encoding: SmsEncoding): Cluster[] => {
  if (oneUnitClusters.test(text))
    return Array.prototype.map.call(text, (unit: string) => ({ text: unit, units: unitsOf(unit, encoding), breakAfter: breakAfter.test(unit) })) as Cluster[];
  const pieces: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    const previous = pieces.length - 1;
    if (previous >= 0 && endsWithCoeng.test(pieces[previous]!)) pieces[previous] += segment;
    else pieces.push(segment);
  }
  return pieces.map((piece) => ({ text: piece, units: unitsOf(piece, encoding), breakAfter: breakAfter.test(piece) }));
};

/**
 * For each cluster index, the index one past the last cluster a part starting there can hold within `limit` units
 * (index `clusters.length` for the end of the text); undefined when one cluster alone exceeds a part.
 */
const partReach = (clusters: Cluster[], limit: number): number[] | undefined => {
  const reach: number[] = [];
  let end = 0;
  let units = 0;
  for (let start = 0; start < clusters.length; start += 1) {
    while (end < clusters.length && units + clusters[end]!.units <= limit) {
      units += clusters[end]!.units;
      end += 1;
    }
    if (end === start) return undefined;
    reach.push(end);
    units -= clusters[start]!.units;
  }
  return reach;
};

/** An array of `length` copies of `value` (Array.from({ length }) costs ~20 µs for 300 entries: most of a preview's SMS). */
const filled = (length: number, value: number): number[] => new Array<number>(length).fill(value);

/** The fewest parts the clusters from each index on fit in (0 at the end): filling every part as far as it goes is never beaten. */
const fewestPartsFrom = (reach: number[]) => {
  const fewest = filled(reach.length + 1, 0);
  for (let start = reach.length - 1; start >= 0; start -= 1) fewest[start] = 1 + fewest[reach[start]!]!;
  return fewest;
};

/** The fewest parts the clusters before each index fit in (0 at the start). */
const fewestPartsBefore = (reach: number[]) => {
  const fewest = filled(reach.length + 1, 0);
  let first = 0; // the first cluster whose part can reach as far as `end`
  for (let end = 1; end <= reach.length; end += 1) {
    while (reach[first]! < end) first += 1;
    fewest[end] = 1 + fewest[first]!;
  }
  return fewest;
};

/**
 * Splits the clusters into exactly the fewest parts they fit in, choosing the cuts that end the most parts after a
 * word break; among those, parts are filled front first. A word break never costs an extra part: operators bill
 * every part, and a gateway's own count must agree with ours.
 */
const splitClusters = (clusters: Cluster[], reach: number[], after: number[]): string[] => {
  const count = clusters.length;
  const before = fewestPartsBefore(reach);
  const partCount = after[0]!;
  // breaks[r][i]: the most word-break cuts with which clusters i.. fit in exactly r parts (-Infinity: they do not);
  // cut[r][i]: where the first of those parts ends. Only a start that both sides of the cut allow is looked at.
  const breaks: number[][] = [filled(count + 1, -Infinity)];
  breaks[0]![count] = 0;
  const cut: number[][] = [[]];
  // the candidate ends of a start, deque-ordered (see below); at most count + 1 pushes a round
  const window = new Int32Array(count + 2);
  for (let remaining = 1; remaining <= partCount; remaining += 1) {
    const fewer = breaks[remaining - 1]!;
    const best = filled(count + 1, -Infinity);
    const ends = filled(count + 1, count);
    // A part from `start` may end anywhere in [max(start + 1, lowest), reach[start]], where `lowest` is the first
    // index the rest fits from in remaining - 1 parts (after[] never grows with the index). Both bounds only move
    // down as `start` does, so the best end of each start is a sliding-window maximum: the deque holds ends by
    // ascending index with scores that never fall, and its last entry is the best, the latest end winning a tie (a
    // tie keeps the fuller front part). Linear in the clusters per round, where trying every end was quadratic.
    let lowest = count;
    while (lowest > 0 && after[lowest - 1]! <= remaining - 1) lowest -= 1;
    const score = (end: number) => fewer[end]! + (end < count && clusters[end - 1]!.breakAfter ? 1 : 0);
    let left = count + 1;
    let right = count + 1;
    let next = count;
    for (let start = count - 1; start >= 0; start -= 1) {
      if (after[start]! > remaining || before[start]! > partCount - remaining) continue;
      const from = Math.max(start + 1, lowest);
      const to = reach[start]!;
      for (; next >= from; next -= 1) {
        const value = score(next);
        while (left < right && score(window[left]!) < value) left += 1;
        window[--left] = next;
      }
      while (left < right && window[right - 1]! > to) right -= 1;
      if (left < right) {
        const end = window[right - 1]!;
        const value = score(end);
        if (value > -Infinity) {
          best[start] = value;
          ends[start] = end;
        }
      }
    }
    breaks.push(best);
    cut.push(ends);
  }
  const parts: string[] = [];
  for (let start = 0, remaining = partCount; start < count; remaining -= 1) {
    const end = cut[remaining]![start]!;
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
  // maxParts is at least 1, so a single part is always allowed
  if (units <= limit.single) return { ok: true, sms: { text, encoding, parts: [text], partCount: 1, units } };
  const clusters = clustersOf(text, encoding);
  const reach = partReach(clusters, limit.part);
  if (reach === undefined) {
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
  const fewest = fewestPartsFrom(reach);
  const partCount = fewest[0]!;
  if (partCount > maxParts) {
    return {
      ok: false,
      error: {
        code: "sms_too_long",
        partCount,
        maxParts,
        encoding,
        units,
        detail: `${units} ${unitName(encoding)} make ${partCount} parts; at most ${maxParts} allowed (${limit.part} ${unitName(encoding)} per part)`,
      },
    };
  }
  const parts = splitClusters(clusters, reach, fewest);
  return { ok: true, sms: { text, encoding, parts, partCount: parts.length, units } };
};
