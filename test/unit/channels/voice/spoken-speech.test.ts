// Dates, times, ranges, amounts, phone numbers and road codes as the speech engine says them: each sentence goes
// through voiceParts and buildSsml, exactly as a bulletin does, and espeak-ng's phonemes (-x) must hold the words a
// presenter would say ("December", "tháng", "pm", "giờ", "kip"...) and none of the misreadings ("slash", "hundred").
// The reference words are phonemised by espeak-ng on their own, so the test follows the installed voice's spelling.
// Each case also feeds the written form to the engine unexpanded and checks that it IS misread there, so a case
// that the engine reads right by itself is visible as such. Skipped, like the other audio tests, without espeak-ng.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSsml, voiceParts, type VoiceInput } from "../../../../src/channels/voice/index.ts";
import type { SpokenKind } from "../../../../src/localize/spoken-forms.ts";

const espeak = "/usr/bin/espeak-ng";
const installed = existsSync(espeak);
const voiceOf = { vi: "vi", en: "en-gb" } as const;
type Spoken = keyof typeof voiceOf;

/** espeak-ng's phonemes for SSML or plain text, without stress marks, tone and stress digits, pauses and word joins,
 *  so a word phonemised alone is found inside a sentence (the Vietnamese voice writes a sentence-final tone apart). */
const phonemes = (language: Spoken, input: string, ssml: boolean) =>
  execFileSync(espeak, [...(ssml ? ["-m"] : []), "-q", "-x", "-v", voiceOf[language], "--stdin"], { input, encoding: "utf8" }).replace(/[\s'_,|!;%=\d]/g, "");

const strings = {
  vi: { leadIn: "Thông báo.", repeat: "Xin nhắc lại:", closing: "Hết." },
  en: { leadIn: "Announcement.", repeat: "I repeat:", closing: "End." },
};
const spoken = (language: Spoken, sentence: string) => {
  const input: VoiceInput = { language, headline: "", summary: "", body: sentence, urgency: "routine", mode: "actual", strings: strings[language] };
  const parts = voiceParts(input).filter((part) => part.kind === "body");
  return phonemes(language, buildSsml(language, parts), true);
};

type Case = { kind: SpokenKind; sentence: string; says: string[]; never: string[]; readRightUnexpanded?: true };
const cases: Record<Spoken, Case[]> = {
  en: [
    { kind: "date", sentence: "The river rises on 02/12/2026.", says: ["December"], never: ["slash", "zero"] },
    // the README's flood warning
    { kind: "date", sentence: "Flooding from 02/12/2026, 18:30 to 03/12/2026, 06:00.", says: ["December", "thirty pm", "6 am"], never: ["slash", "eighteen"] },
    { kind: "time", sentence: "The gate closes at 17:45.", says: ["five", "pm"], never: ["seventeen"] },
    { kind: "range", sentence: "The gate opens 07:00-17:00.", says: ["seven", "five", "pm"], never: ["dash", "seventeen"] },
    { kind: "measure", sentence: "Winds reach 60 km/h.", says: ["kilometres"], never: ["slash"] },
    { kind: "measure", sentence: "Rain of 150-250 mm is expected.", says: ["millimetres"], never: ["dash"] },
    { kind: "money", sentence: "The fee is 150,000 LAK.", says: ["kip"], never: ["lack"] },
    { kind: "percent", sentence: "Rain is 25.5% above normal.", says: ["per cent"], never: ["slash"], readRightUnexpanded: true },
    { kind: "phone", sentence: "Call 0912 345 678 for help.", says: ["three four five"], never: ["hundred"] },
    { kind: "road", sentence: "QL8A is closed.", says: ["National Road"], never: ["cue"] },
  ],
  vi: [
    { kind: "date", sentence: "Nước lên từ 02/12/2026.", says: ["tháng 12", "năm"], never: [] },
    { kind: "date", sentence: "Lũ từ 18:30 02/12/2026 đến 06:00 03/12/2026.", says: ["tháng", "giờ", "phút"], never: [] },
    { kind: "time", sentence: "Cửa khẩu đóng lúc 17:45.", says: ["giờ", "phút"], never: [] },
    { kind: "range", sentence: "Cửa khẩu mở cửa 07:00-17:00.", says: ["từ", "giờ", "đến"], never: [] },
    { kind: "measure", sentence: "Gió mạnh 60 km/h.", says: ["ki-lô-mét"], never: ["hát"] },
    { kind: "measure", sentence: "Mưa 150-250 mm.", says: ["đến", "mi-li-mét"], never: [] },
    { kind: "money", sentence: "Phí 150.000 LAK.", says: ["kíp"], never: [] },
    { kind: "percent", sentence: "Lượng mưa tăng 25%.", says: ["phần trăm"], never: [], readRightUnexpanded: true },
    { kind: "phone", sentence: "Gọi 0912.345.678.", says: ["0 9 1 2", "3 4 5"], never: ["trăm"] },
    { kind: "road", sentence: "Đường QL8A bị ngập.", says: ["quốc lộ"], never: [] },
  ],
};

describe.runIf(installed)("espeak-ng says dates, times and amounts as people say them", () => {
  describe.each(["en", "vi"] as const)("%s", (language) => {
    const word = new Map<string, string>();
    const phonemesOf = (text: string) => word.get(text) ?? word.set(text, phonemes(language, text, false)).get(text)!;
    // "slash": the word English speech engines put for "/" (espeak-ng's Vietnamese voice drops it silently)
    const slash = phonemes("en", "slash", false);

    it.each(cases[language].map((entry) => [entry.kind, entry.sentence, entry] as const))("%s: %s", (_kind, sentence, entry) => {
      const heard = spoken(language, sentence);
      for (const expected of entry.says) expect(heard, `says "${expected}"`).toContain(phonemesOf(expected));
      for (const wrong of entry.never) expect(heard, `never says "${wrong}"`).not.toContain(wrong === "slash" ? slash : phonemesOf(wrong));
      expect(heard).not.toContain(slash);
      // the same sentence given to the engine as written is misread: what the expansion is for
      const unexpanded = phonemes(language, sentence, false);
      const readRight = entry.says.every((expected) => unexpanded.includes(phonemesOf(expected)));
      expect(readRight, "the engine reads the written form right by itself").toBe(entry.readRightUnexpanded ?? false);
    });
  });
});

it.skipIf(installed)("espeak-ng is not installed: the spoken-form speech tests are skipped (apt-get install espeak-ng)", () => {});
