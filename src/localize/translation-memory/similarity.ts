// Similarity of two segments for fuzzy translation-memory matches: 1 - levenshtein / max(length), counted in
// grapheme clusters of the normalized strings, so a Lao or Khmer consonant with its vowel signs, tone marks
// and subscript (coeng) consonants is one unit, as is a Vietnamese letter with its tone mark.
// No npm library is used: fastest-levenshtein and similar work on UTF-16 code units, not grapheme arrays.
import { normalizeSegment } from "./segment-sentences.ts";

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The grapheme clusters of a normalized segment. */
export const graphemes = (text: string): string[] => Array.from(graphemeSegmenter.segment(normalizeSegment(text)), ({ segment }) => segment);

/** Both sequences as small integers (equal clusters, equal ids), so the DP compares numbers. */
const toIds = (a: string[], b: string[]): [Int32Array, Int32Array] => {
  const ids = new Map<string, number>();
  const idOf = (cluster: string) => {
    let id = ids.get(cluster);
    if (id === undefined) {
      id = ids.size;
      ids.set(cluster, id);
    }
    return id;
  };
  return [Int32Array.from(a, idOf), Int32Array.from(b, idOf)];
};

/**
 * Levenshtein distance (insert, delete, substitute: cost 1) with the classic two-row DP.
 * With `limit`, gives up and returns limit + 1 as soon as every cell of a row exceeds it (the distance can only
 * grow from there).
 */
const editDistance = (a: Int32Array, b: Int32Array, limit = Number.POSITIVE_INFINITY): number => {
  // keep the shorter sequence in the rows
  if (a.length < b.length) [a, b] = [b, a];
  if (b.length === 0) return a.length;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      const cell = Math.min(substitution, deletion, insertion);
      current[j] = cell;
      if (cell < rowMinimum) rowMinimum = cell;
    }
    if (rowMinimum > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
};

const score = (distance: number, longest: number): number => (longest === 0 ? 1 : 1 - distance / longest);

/** Similarity in [0, 1]: 1 - edit distance / length of the longer, over grapheme clusters of the normalized strings. */
export const similarity = (a: string, b: string): number => {
  const [x, y] = toIds(graphemes(a), graphemes(b));
  return score(editDistance(x, y), Math.max(x.length, y.length));
};

/**
 * `similarity(a, b)` when it is at least `threshold`, else undefined; the same number as `similarity` whenever
 * it returns one, and undefined exactly when `similarity(a, b) < threshold`.
 *
 * Fast paths:
 * - length bound: the distance is at least the difference in length, so the similarity is at most
 *   shorter / longer (in grapheme clusters). When that upper bound is below the threshold (at 0.85: one
 *   segment more than ~17.6% longer than the other) it returns undefined without running the DP.
 * - the DP stops as soon as a whole row exceeds the largest distance that still meets the threshold.
 */
export const similarityAtLeast = (a: string, b: string, threshold: number): number | undefined => {
  const [x, y] = toIds(graphemes(a), graphemes(b));
  const longest = Math.max(x.length, y.length);
  const upperBound = score(longest - Math.min(x.length, y.length), longest);
  if (upperBound < threshold) return undefined;
  // the largest distance whose score still meets the threshold, computed with the same float arithmetic
  let limit = Math.max(0, Math.floor((1 - threshold) * longest));
  while (limit < longest && score(limit + 1, longest) >= threshold) limit++;
  while (limit >= 0 && score(limit, longest) < threshold) limit--;
  if (limit < 0) return undefined;
  const distance = editDistance(x, y, limit);
  const result = score(distance, longest);
  return result >= threshold ? result : undefined;
};
