// The translation memory: approved source/target sentence pairs, looked up by exact key and by similarity.
import type { Db } from "../../db/client.ts";
import { listEntriesByKeyLength, listTargetsByKey, upsertMemoryEntries } from "../../db/queries/translation-memory.ts";
import type { Language } from "../../domain/index.ts";
import { normalizeSegment, segmentSentences } from "./segment-sentences.ts";
import { similarityAtLeast } from "./similarity.ts";

export const fuzzyThreshold = 0.85;
export const textFields = ["headline", "summary", "body"] as const;
export type TextField = (typeof textFields)[number];
export type TextFields = Record<TextField, string>;

/** A text split for the memory: per field, per line, the sentences (lines keep the text's layout). */
export type Segmented = Record<TextField, string[][]>;

export const segmentFields = (language: Language, fields: TextFields): Segmented =>
  Object.fromEntries(
    textFields.map((field) => [field, fields[field].split(/\r\n|\n|\r/).map((line) => (line.trim() ? segmentSentences(language, line) : []))]),
  ) as Segmented;

/** Puts translated sentences back in their lines and fields. */
export const joinSegmented = (segmented: Segmented): TextFields =>
  Object.fromEntries(textFields.map((field) => [field, segmented[field].map((line) => line.join(" ")).join("\n")])) as TextFields;

export const sentencesOf = (segmented: Segmented) => textFields.flatMap((field) => segmented[field].flat());

export type MemoryPair = { source: string; target: string };

/** Source/target pairs of an approved translation: sentence by sentence where a line has as many sentences in
 *  both languages, otherwise the whole line, otherwise the whole field. */
export const alignPairs = ({
  sourceLanguage,
  source,
  targetLanguage,
  target,
}: {
  sourceLanguage: Language;
  source: TextFields;
  targetLanguage: Language;
  target: TextFields;
}): MemoryPair[] => {
  const from = segmentFields(sourceLanguage, source);
  const to = segmentFields(targetLanguage, target);
  const pairs: MemoryPair[] = [];
  for (const field of textFields) {
    const fromLines = from[field].filter((line) => line.length > 0);
    const toLines = to[field].filter((line) => line.length > 0);
    if (fromLines.length !== toLines.length) {
      if (source[field].trim() && target[field].trim()) pairs.push({ source: source[field], target: target[field] });
      continue;
    }
    fromLines.forEach((line, index) => {
      const other = toLines[index]!;
      if (line.length === other.length) line.forEach((sentence, at) => pairs.push({ source: sentence, target: other[at]! }));
      else pairs.push({ source: line.join(" "), target: other.join(" ") });
    });
  }
  const seen = new Set<string>();
  return pairs.filter((pair) => {
    const key = normalizeSegment(pair.source);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** Stores the pairs of an approved translation. A sentence already in the memory takes the newer target: a
 *  corrected translation corrects the memory. */
export const learnTranslation = async (
  db: Db,
  input: {
    sourceLanguage: Language;
    targetLanguage: Language;
    source: TextFields;
    target: TextFields;
    bulletinId?: string;
    approvedBy?: string | null;
    at: Date;
  },
) => {
  const pairs = alignPairs(input);
  await upsertMemoryEntries(
    db,
    pairs.map((pair) => ({
      sourceLanguage: input.sourceLanguage,
      targetLanguage: input.targetLanguage,
      sourceKey: normalizeSegment(pair.source),
      source: pair.source,
      target: pair.target,
      bulletinId: input.bulletinId ?? null,
      approvedBy: input.approvedBy ?? null,
      createdAt: input.at,
      updatedAt: input.at,
    })),
  );
  return pairs.length;
};

/** Exact matches: normalised source sentence -> target. */
export const exactMatches = async (db: Db, options: { sourceLanguage: Language; targetLanguage: Language; sentences: string[] }) => {
  const keys = [...new Set(options.sentences.map(normalizeSegment).filter(Boolean))];
  if (keys.length === 0) return new Map<string, string>();
  const rows = await listTargetsByKey(db, { source: options.sourceLanguage, target: options.targetLanguage, sourceKeys: keys });
  return new Map(rows.map((row) => [row.sourceKey, row.target]));
};

export type FuzzyMatch = { source: string; target: string; score: number };

/** Earlier translations of sentences at least `threshold` similar to `sentence`, best first. Candidates are those
 *  of a length that can reach the threshold (similarity <= shorter/longer), so the scan stays small. */
export const fuzzyMatches = async (
  db: Db,
  options: { sourceLanguage: Language; targetLanguage: Language; sentence: string; threshold?: number; limit?: number },
): Promise<FuzzyMatch[]> => {
  const threshold = options.threshold ?? fuzzyThreshold;
  const key = normalizeSegment(options.sentence);
  if (!key) return [];
  // lengths in code points bound lengths in grapheme clusters only loosely for Lao and Khmer: widen the window
  const candidates = await listEntriesByKeyLength(db, {
    source: options.sourceLanguage,
    target: options.targetLanguage,
    minLength: Math.floor(key.length * threshold * 0.8),
    maxLength: Math.ceil((key.length / threshold) * 1.25),
    limit: 5_000,
  });
  const scored: FuzzyMatch[] = [];
  for (const candidate of candidates) {
    const score = similarityAtLeast(key, candidate.sourceKey, threshold);
    if (score !== undefined) scored.push({ source: candidate.source, target: candidate.target, score: Math.round(score * 1000) / 1000 });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, options.limit ?? 3);
};
