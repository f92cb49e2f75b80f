// Translation-memory pairs as TSV, one "source<TAB>target" pair a line: what `bantin memory import` reads and
// `bantin memory export` writes.
import { plainTextProblem } from "../../domain/plain-text.ts";
import type { MemoryPair } from "./memory.ts";

/** A line that is not a pair, numbered from 1 as an editor shows it. */
export type MemoryTsvProblem = { line: number; message: string };

/** The pairs of a TSV text; blank lines are skipped, and every line that is not a plain-text pair is a problem. */
export const parseMemoryTsv = (text: string): { pairs: MemoryPair[]; problems: MemoryTsvProblem[] } => {
  const pairs: MemoryPair[] = [];
  const problems: MemoryTsvProblem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const [source, target, extra] = line.split("\t");
    if (!source?.trim() || !target?.trim() || extra !== undefined) {
      problems.push({ line: index + 1, message: 'expected "source<TAB>target"' });
      return;
    }
    const problem = plainTextProblem(source) ?? plainTextProblem(target);
    if (problem) problems.push({ line: index + 1, message: problem });
    else pairs.push({ source: source.trim(), target: target.trim() });
  });
  return { pairs, problems };
};

/** One line a pair; runs of white space (tabs and line breaks too) become one space, so every pair stays one line. */
export const formatMemoryTsv = (pairs: readonly MemoryPair[]) =>
  pairs.map((pair) => `${pair.source.replace(/\s+/g, " ")}\t${pair.target.replace(/\s+/g, " ")}\n`).join("");
