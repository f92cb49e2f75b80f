// The one text rule for everything bantin stores or shows: plain text, no markup, no control or bidi-override
// characters, well-formed Unicode, NFC; line breaks only in the fields that are paragraphs.
import { z } from "zod";

// an HTML/XML/SVG/SSML tag, comment, CDATA or processing instruction; "a < b" stays allowed
const markup = /<\s*\/?\s*[A-Za-z!?][^<>]*>/;
// C0 controls except TAB and LF (CR is normalised away), DEL, C1 controls
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this rule's job
const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// in a one-line field: line feed, tab and the Unicode line and paragraph separators too
const lineBreak = /[\t\n\u2028\u2029]/;
// bidi embeddings, overrides and isolates (Trojan-source style reordering)
const bidi = /[\u202A-\u202E\u2066-\u2069]/;

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Which text rule a problem breaks: the console words each in the reader's language (the API says `message`). */
export type PlainTextRule = "broken_unicode" | "markup" | "control" | "bidi" | "line_break";
export type PlainTextIssue = { rule: PlainTextRule; message: string; character?: string };

/** Why a text is not acceptable plain text, or undefined when it is. Line breaks (and tabs) are accepted unless
 *  `lines` is false; markup unless `markup` is "allowed" (a search for "<b>" stores nothing). */
export const plainTextIssue = (value: string, options: { lines?: boolean; markup?: "refused" | "allowed" } = {}): PlainTextIssue | undefined => {
  if (!value.isWellFormed()) return { rule: "broken_unicode", message: "contains an unpaired surrogate (not well-formed Unicode)" };
  if (value.includes("\uFFFD")) return { rule: "broken_unicode", message: "contains U+FFFD, a sign of text that was not valid UTF-8" };
  if (options.markup !== "allowed" && markup.test(value))
    return { rule: "markup", message: "contains markup (HTML, XML, SVG or SSML tags are not allowed; write plain text)" };
  const controlMatch = control.exec(value);
  if (controlMatch) return { rule: "control", character: codePoint(controlMatch[0]), message: `contains control character ${codePoint(controlMatch[0])}` };
  const bidiMatch = bidi.exec(value);
  if (bidiMatch) return { rule: "bidi", character: codePoint(bidiMatch[0]), message: `contains bidi control character ${codePoint(bidiMatch[0])}` };
  if (options.lines === false) {
    const breakMatch = lineBreak.exec(value);
    if (breakMatch)
      return {
        rule: "line_break",
        message: `must be one line: contains ${breakMatch[0] === "\n" ? "a line break" : breakMatch[0] === "\t" ? "a tab" : codePoint(breakMatch[0])}`,
      };
  }
  return undefined;
};

/** The problem's words alone (for callers that only report it). */
export const plainTextProblem = (value: string, options: { lines?: boolean; markup?: "refused" | "allowed" } = {}): string | undefined =>
  plainTextIssue(value, options)?.message;

/** A plain-text problem as a zod issue: the English message, and the rule and character for the console's words. */
const addTextIssue = (context: z.RefinementCtx, problem: PlainTextIssue | undefined) => {
  if (problem)
    context.addIssue({
      code: "custom",
      message: problem.message,
      params: { rule: problem.rule, ...(problem.character ? { character: problem.character } : {}) },
    });
};

// NFC composes at most a few code units into one (a Vietnamese vowel with two marks): a text four times longer
// than allowed cannot fit, and is refused before it is normalised and scanned (a megabyte of it costs time)
const rawLimit = (max: number) => max * 4 + 16;

const normalise = (value: string) => value.replace(/\r\n?/g, "\n").normalize("NFC").trim();

/** A zod string of plain text, NFC-normalised with LF line ends and trimmed. One line unless `lines: true` (the
 *  fields that are paragraphs: a body, a summary, a note, a reason). */
export const plainText = (options: { min?: number; max: number; lines?: boolean }) =>
  z
    .string()
    .max(rawLimit(options.max))
    .transform(normalise)
    .superRefine((value, context) => addTextIssue(context, plainTextIssue(value, { lines: options.lines ?? false })))
    .pipe(
      z
        .string()
        .min(options.min ?? 1)
        .max(options.max),
    );

/** What someone searches for: stored nowhere, but sent to the database, so the same rule except that markup is
 *  only text to look for. */
export const searchText = (options: { min?: number; max: number }) =>
  z
    .string()
    .max(rawLimit(options.max))
    .transform(normalise)
    .superRefine((value, context) => addTextIssue(context, plainTextIssue(value, { lines: false, markup: "allowed" })))
    .pipe(
      z
        .string()
        .min(options.min ?? 1)
        .max(options.max),
    );
