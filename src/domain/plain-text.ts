// Bulletin text is plain text: no markup, no control or bidi-override characters, well-formed Unicode.
import { z } from "zod";

// an HTML/XML/SVG/SSML tag, comment, CDATA or processing instruction; "a < b" stays allowed
const markup = /<\s*\/?\s*[A-Za-z!?][^<>]*>/;
// C0 controls except TAB and LF (CR is normalised away), DEL, C1 controls
const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// bidi embeddings, overrides and isolates (Trojan-source style reordering)
const bidi = /[\u202A-\u202E\u2066-\u2069]/;

/** Why a text is not acceptable plain text, or undefined when it is. */
export const plainTextProblem = (value: string): string | undefined => {
  if (!value.isWellFormed()) return "contains an unpaired surrogate (not well-formed Unicode)";
  if (value.includes("\uFFFD")) return "contains U+FFFD, a sign of text that was not valid UTF-8";
  if (markup.test(value)) return "contains markup (HTML, XML, SVG or SSML tags are not allowed; write plain text)";
  const controlMatch = control.exec(value);
  if (controlMatch) return `contains control character U+${controlMatch[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const bidiMatch = bidi.exec(value);
  if (bidiMatch) return `contains bidi control character U+${bidiMatch[0].codePointAt(0)!.toString(16).toUpperCase()}`;
  return undefined;
};

/** A zod string of plain text, NFC-normalised with LF line ends. */
export const plainText = (options: { min?: number; max: number }) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, "\n").normalize("NFC").trim())
    .superRefine((value, context) => {
      const problem = plainTextProblem(value);
      if (problem) context.addIssue({ code: "custom", message: problem });
    })
    .pipe(z.string().min(options.min ?? 1).max(options.max));
