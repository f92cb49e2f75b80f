// SSML 1.1 for a voice message: language-tagged, a sentence per <s>, paced <break>s. Built with xmlbuilder2, so
// text is always text: "<b>" or "&" typed in a bulletin is spoken or skipped by the engine, never taken as markup.
// The parts come from voiceParts, already in their spoken form (dates, times and amounts in words, spoken-forms.ts),
// so the engine is never left to guess how "02/12/2026" or "QL8A" is said.
import { create } from "xmlbuilder2";
import { languageFacts, languages, type Language } from "../../domain/index.ts";
import type { VoicePart } from "./voice-script.ts";

export const ssmlNamespace = "http://www.w3.org/2001/10/synthesis";

/** BCP 47 tags speech services expect (a region: vi-VN, lo-LA, km-KH, en-GB). */
/** The language tag SSML carries: the same BCP 47 tag as CAP and the locale formats. */
export const speechLanguage = Object.fromEntries(languages.map((language) => [language, languageFacts[language].tag])) as Record<Language, string>;

export type SsmlOptions = {
  /** a named voice (cloud services want one: <voice name="vi-VN-HoaiMyNeural">) */
  voice?: string;
  /** speaking rate as SSML prosody, e.g. "-10%"; none leaves the engine's default */
  rate?: string;
  /** "1.1" (default) or "1.0" for services that only take 1.0 (Azure) */
  version?: "1.0" | "1.1";
};

export const buildSsml = (language: Language, parts: VoicePart[], options: SsmlOptions = {}) => {
  const speak = create({ version: "1.0", encoding: "UTF-8" }).ele(ssmlNamespace, "speak", {
    version: options.version ?? "1.1",
    "xml:lang": speechLanguage[language],
  });
  let holder = options.voice ? speak.ele("voice", { name: options.voice }) : speak;
  if (options.rate) holder = holder.ele("prosody", { rate: options.rate });
  let paragraph = holder.ele("p");
  parts.forEach((part, index) => {
    if (index > 0 && part.kind !== "body" && parts[index - 1]!.kind !== part.kind) paragraph = holder.ele("p");
    paragraph.ele("s").txt(part.text);
    if (part.pauseAfterMs > 0) paragraph.ele("break", { time: `${part.pauseAfterMs}ms` });
  });
  return speak.end({ prettyPrint: true });
};
