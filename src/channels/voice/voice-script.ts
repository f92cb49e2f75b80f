// A telephone voice message as spoken parts: lead-in (urgent lead-in for urgent bulletins), the test or exercise
// notice, headline, body sentence by sentence, the key sentence repeated, closing; each with the pause after it.
// Pure: the caller passes the locale strings. SSML and the plain script a voice artist reads come from these parts,
// so both say dates, times, amounts, phone numbers and road codes in words (localize/spoken-forms.ts): "02/12/2026"
// is "2 December 2026", never "zero two slash twelve".
import type { BulletinMode, Language, Urgency } from "../../domain/index.ts";
import { spokenForm } from "../../localize/spoken-forms.ts";
import { segmentSentences } from "../../localize/translation-memory/segment-sentences.ts";
import { readingSeconds } from "../speech-rates.ts";

export type VoiceStrings = {
  /** "Urgent announcement from …" for urgent bulletins, else the ordinary lead-in; the sender filled in */
  leadIn: string;
  /** read after the lead-in when the bulletin is a test or an exercise */
  modeNotice?: string;
  /** "I repeat:" */
  repeat: string;
  closing: string;
};

export type VoiceInput = {
  language: Language;
  headline: string;
  /** the key sentence: the bulletin's summary, said again before the closing */
  summary: string;
  body: string;
  urgency: Urgency;
  mode: BulletinMode;
  strings: VoiceStrings;
};

export type VoicePart = { kind: "lead-in" | "notice" | "headline" | "body" | "repeat" | "closing"; text: string; pauseAfterMs: number };

/** Pauses in milliseconds; urgent messages leave a little more room after the lead-in and before the repeat. */
const pauses = { afterLeadIn: 700, afterHeadline: 600, betweenSentences: 350, beforeRepeat: 900, afterRepeat: 700 } as const;

/** The parts of the message, each in its spoken form; sentences are cut on the written text. */
export const voiceParts = (input: VoiceInput): VoicePart[] => {
  const urgent = input.urgency === "urgent";
  const parts: VoicePart[] = [{ kind: "lead-in", text: input.strings.leadIn, pauseAfterMs: urgent ? pauses.afterLeadIn + 300 : pauses.afterLeadIn }];
  if (input.mode !== "actual" && input.strings.modeNotice) parts.push({ kind: "notice", text: input.strings.modeNotice, pauseAfterMs: pauses.afterLeadIn });
  parts.push({ kind: "headline", text: input.headline, pauseAfterMs: pauses.afterHeadline });
  const sentences = segmentSentences(input.language, input.body);
  sentences.forEach((sentence, index) =>
    parts.push({ kind: "body", text: sentence, pauseAfterMs: index === sentences.length - 1 ? pauses.beforeRepeat : pauses.betweenSentences }),
  );
  parts.push({
    kind: "repeat",
    text: `${input.strings.repeat} ${input.summary.replace(/\s+/gu, " ").trim()}`,
    pauseAfterMs: urgent ? pauses.afterRepeat + 300 : pauses.afterRepeat,
  });
  parts.push({ kind: "closing", text: input.strings.closing, pauseAfterMs: 0 });
  return parts.map((part) => ({ ...part, text: spokenForm(input.language, part.text) }));
};

/** The script as plain text: what a voice artist reads when the message needs recording. */
export const voiceScriptText = (parts: VoicePart[]) =>
  parts
    .map((part, index) => (index > 0 && parts[index - 1]!.kind !== part.kind && part.kind !== "body" ? `\n${part.text}` : part.text))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");

/** Seconds the message lasts when spoken at the language's rate (speech-rates.ts), pauses included. */
export const estimateVoiceSeconds = (language: Language, parts: VoicePart[]) =>
  Math.round(parts.reduce((sum, part) => sum + readingSeconds(language, part.text) + part.pauseAfterMs / 1000, 0) * 10) / 10;
