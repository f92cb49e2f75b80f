// A broadcast script for district and commune loudspeaker stations: intro naming the station, the urgent or test
// marking, presenter cue lines, headline, body, outro; and its reading time at the language's rate (speech-rates.ts).
// Pure: the caller passes the locale strings. Cue lines are for the presenter and are not read aloud. The presenter
// reads the written text, with the spoken form given beside dates, times, amounts, phone numbers and road codes
// that are easy to misread ("02/12/2026 [say: 2 December 2026]"); each speech section also carries its whole spoken
// form, and the reading time is counted on that (localize/spoken-forms.ts).
import type { BulletinMode, Language, Urgency } from "../../domain/index.ts";
import type { RadioScriptContent } from "../../domain/index.ts";
import { spokenForm, withSpokenForms } from "../../localize/spoken-forms.ts";
import { readingSeconds, speechRates } from "../speech-rates.ts";

export type RadioStrings = {
  intro: string;
  outro: string;
  /** "*** URGENT ***", "*** TEST ***": printed at the top, not read */
  marking?: string;
  /** read after the intro for a test or an exercise */
  modeNotice?: string;
  cueUrgentTone: string;
  cueRead: string;
  cuePause: string;
  cueRepeat: string;
  cueEnd: string;
};

export type RadioInput = { language: Language; headline: string; body: string; urgency: Urgency; mode: BulletinMode; strings: RadioStrings };

/** A cue line takes the presenter about this long (a tone, a pause). */
const cueSeconds = 1;

export const buildRadioScript = (input: RadioInput): RadioScriptContent => {
  const { strings } = input;
  const urgent = input.urgency === "urgent";
  const sections: RadioScriptContent["sections"] = [];
  const cue = (text: string) => sections.push({ kind: "cue", text });
  const speech = (text: string) => {
    const written = text.trim();
    sections.push({ kind: "speech", text: withSpokenForms(input.language, written), spoken: spokenForm(input.language, written) });
  };
  if (strings.marking) cue(strings.marking);
  if (urgent) cue(strings.cueUrgentTone);
  speech(strings.intro);
  if (input.mode !== "actual" && strings.modeNotice) speech(strings.modeNotice);
  cue(strings.cueRead);
  speech(input.headline);
  cue(strings.cuePause);
  speech(input.body);
  if (urgent) {
    cue(strings.cueRepeat);
    speech(input.headline);
  }
  cue(strings.cuePause);
  speech(strings.outro);
  cue(strings.cueEnd);
  const seconds = sections.reduce(
    (sum, section) =>
      sum + (section.kind === "cue" ? (section.text === strings.marking ? 0 : cueSeconds) : readingSeconds(input.language, section.spoken ?? section.text)),
    0,
  );
  const rate = speechRates[input.language];
  return {
    headline: input.headline,
    script: sections.map((section) => section.text).join("\n\n"),
    sections,
    readingSec: Math.round(seconds),
    rate: { unitsPerMinute: rate.perMinute, unit: rate.unit, estimate: rate.estimate },
  };
};
