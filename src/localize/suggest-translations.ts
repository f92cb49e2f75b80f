// What the memory and the machine propose for a bulletin's source text in one language, sentence by sentence: an
// exact earlier translation, similar ones (similarity >= 0.85) with their scores, and the machine's translation
// when a provider is configured, each with its origin, for the translator to take or leave.
import type { Db } from "../db/client.ts";
import { getBulletinTexts, type Bulletin } from "../db/queries/bulletins.ts";
import type { Language } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { MachineTranslationError, type MachineTranslator } from "./machine-translation.ts";
import { exactMatches, fuzzyMatches, fuzzyThreshold, segmentFields, textFields, type FuzzyMatch, type TextField } from "./translation-memory/memory.ts";
import { normalizeSegment } from "./translation-memory/segment-sentences.ts";

/** One proposal for a sentence: from the memory (exact: score 1, or similar: its score) or from the machine
 *  (no score; `provider` names it). */
export type Proposal =
  | { origin: "memory"; kind: "exact" | "fuzzy"; text: string; score: number; source: string }
  | { origin: "machine"; kind: "machine"; text: string; score: null; provider: string };

export type SuggestedSegment = {
  field: TextField;
  /** which line of the field the sentence is on (0-based): sentences of one line are joined with a space */
  line: number;
  source: string;
  exact?: string;
  fuzzy: FuzzyMatch[];
  /** every proposal, best first: exact memory, machine, similar memory */
  proposals: Proposal[];
};

/** Whether the machine was asked and how it went: "off" (none configured), "ok", or "failed" with why. */
export type MachineStatus = { status: "off" } | { status: "ok"; provider: string } | { status: "failed"; provider: string; code: string; detail: string };

export type Suggestions = {
  sourceLanguage: Language;
  language: Language;
  threshold: number;
  machine: MachineStatus;
  segments: SuggestedSegment[];
};

export type SuggestDeps = { db: Db; machineTranslator?: MachineTranslator | undefined; logger?: Logger };

/** Sentences translated by the machine at once: few, so a slow provider is not flooded by one page. */
const machineConcurrency = 4;

/** Machine translations of `sentences` (undefined where none); the first failure stops further calls. */
const translateAll = async (translator: MachineTranslator, sentences: string[], pair: { source: Language; target: Language }) => {
  const out: (string | undefined)[] = sentences.map(() => undefined);
  let failure: MachineTranslationError | Error | undefined;
  let next = 0;
  const worker = async () => {
    while (!failure && next < sentences.length) {
      const index = next++;
      try {
        out[index] = await translator.translate({ text: sentences[index]!, ...pair });
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(machineConcurrency, sentences.length) }, worker));
  return { translations: out, failure };
};

export const suggestTranslations = async (deps: SuggestDeps, bulletin: Bulletin, language: Language): Promise<Suggestions> => {
  const { db, machineTranslator, logger } = deps;
  if (language === bulletin.sourceLanguage) throw new AppError("validation_failed", `${language} is this bulletin's source language`);
  const source = (await getBulletinTexts(db, bulletin.id)).find((text) => text.language === bulletin.sourceLanguage);
  if (!source) throw new AppError("not_found", `no ${bulletin.sourceLanguage} (source) text yet`);
  const segmented = segmentFields(bulletin.sourceLanguage, source);
  const sentences = textFields.flatMap((field) =>
    segmented[field].flatMap((sentencesOfLine, line) => sentencesOfLine.map((sentence) => ({ field, line, sentence }))),
  );
  const pair = { source: bulletin.sourceLanguage, target: language };
  const exact = await exactMatches(db, {
    sourceLanguage: bulletin.sourceLanguage,
    targetLanguage: language,
    sentences: sentences.map((entry) => entry.sentence),
  });

  let machine: MachineStatus = { status: "off" };
  let machineTexts: (string | undefined)[] = [];
  if (machineTranslator) {
    const { translations, failure } = await translateAll(
      machineTranslator,
      sentences.map((entry) => entry.sentence),
      pair,
    );
    machineTexts = translations;
    if (failure) {
      const code = failure instanceof MachineTranslationError ? failure.code : "mt_unavailable";
      const detail = failure instanceof MachineTranslationError ? failure.detail : failure.message;
      logger?.warn({ language, code, detail }, "machine translation failed while suggesting");
      machine = { status: "failed", provider: machineTranslator.name, code, detail };
    } else machine = { status: "ok", provider: machineTranslator.name };
  }

  const segments: SuggestedSegment[] = [];
  for (const [index, { field, line, sentence }] of sentences.entries()) {
    const match = exact.get(normalizeSegment(sentence));
    const fuzzy = match !== undefined ? [] : await fuzzyMatches(db, { sourceLanguage: bulletin.sourceLanguage, targetLanguage: language, sentence });
    const machineText = machineTexts[index];
    const proposals: Proposal[] = [
      ...(match !== undefined ? [{ origin: "memory" as const, kind: "exact" as const, text: match, score: 1, source: sentence }] : []),
      ...(machineText !== undefined && machineTranslator
        ? [{ origin: "machine" as const, kind: "machine" as const, text: machineText, score: null, provider: machineTranslator.name }]
        : []),
      ...fuzzy.map((candidate) => ({
        origin: "memory" as const,
        kind: "fuzzy" as const,
        text: candidate.target,
        score: candidate.score,
        source: candidate.source,
      })),
    ];
    segments.push({ field, line, source: sentence, ...(match !== undefined ? { exact: match } : {}), fuzzy, proposals });
  }
  return { sourceLanguage: bulletin.sourceLanguage, language, threshold: fuzzyThreshold, machine, segments };
};
