// The radio formatter: intro and outro, urgent and test marking, cue lines kept apart from what is read, and a
// reading time that counts only what is read.
import { describe, expect, it } from "vitest";
import { buildRadioScript, type RadioInput } from "../../../../src/channels/radio/index.ts";
import { readingSeconds } from "../../../../src/channels/speech-rates.ts";

const strings = {
  intro: "This is Huong Son district radio. Here is a public announcement.",
  outro: "That was a public announcement. Thank you for listening.",
  cueUrgentTone: "[PLAY THE URGENT TONE]",
  cueRead: "[READ CALMLY]",
  cuePause: "[PAUSE]",
  cueRepeat: "[REPEAT THE HEADLINE]",
  cueEnd: "[END]",
};
const input = (overrides: Partial<RadioInput> = {}): RadioInput => ({
  language: "en",
  headline: "Flood warning for Ha Tinh",
  body: "From tonight the Ngan Pho river will rise quickly. Do not cross flooded fords.",
  urgency: "routine",
  mode: "actual",
  strings,
  ...overrides,
});

describe("radio script", () => {
  it("reads intro, headline, body and outro between cue lines", () => {
    const script = buildRadioScript(input());
    expect(script.sections.map((section) => section.kind)).toEqual(["speech", "cue", "speech", "cue", "speech", "cue", "speech", "cue"]);
    expect(script.script.startsWith(strings.intro)).toBe(true);
    expect(script.script.endsWith("[END]")).toBe(true);
    const read = [strings.intro, "Flood warning for Ha Tinh", input().body, strings.outro].reduce((sum, text) => sum + readingSeconds("en", text), 0);
    expect(script.readingSec).toBe(Math.round(read + 4));
    expect(script.rate).toEqual({ unitsPerMinute: 150, unit: "word", estimate: false });
  });

  it("marks urgent and test bulletins, sounds the tone and repeats the headline when urgent", () => {
    const script = buildRadioScript(
      input({ urgency: "urgent", mode: "test", strings: { ...strings, marking: "*** URGENT · TEST ***", modeNotice: "This is a test." } }),
    );
    expect(script.sections[0]).toEqual({ kind: "cue", text: "*** URGENT · TEST ***" });
    expect(script.sections[1]).toEqual({ kind: "cue", text: "[PLAY THE URGENT TONE]" });
    expect(script.sections.filter((section) => section.text === "Flood warning for Ha Tinh")).toHaveLength(2);
    expect(script.script).toContain("This is a test.");
    expect(script.readingSec).toBeGreaterThan(buildRadioScript(input()).readingSec);
  });

  it("keeps the written form for the presenter, with the spoken form beside numbers easy to misread", () => {
    const body = "Closed from 02/12/2026, 18:30 on QL8A. Rain 150 mm, 25% above normal. Call 0912 345 678.";
    const script = buildRadioScript(input({ body }));
    const section = script.sections.find((entry) => entry.kind === "speech" && entry.text.startsWith("Closed"))!;
    expect(section.text).toBe(
      "Closed from 02/12/2026, 18:30 [say: 2 December 2026, 6 30 pm] on QL8A [say: National Road 8 A]. Rain 150 mm, 25% above normal. Call 0912 345 678 [say: 0 9 1 2, 3 4 5, 6 7 8].",
    );
    expect(section.spoken).toBe(
      "Closed from 2 December 2026, 6 30 pm on National Road 8 A. Rain 150 millimetres, 25 per cent above normal. Call 0 9 1 2, 3 4 5, 6 7 8.",
    );
    expect(script.script).toContain("02/12/2026, 18:30 [say: 2 December 2026, 6 30 pm]");
    // the reading time counts what is said, once: not the bracketed help, not the colon of "18:30"
    const read = [strings.intro, "Flood warning for Ha Tinh", section.spoken!, strings.outro].reduce((sum, text) => sum + readingSeconds("en", text), 0);
    expect(script.readingSec).toBe(Math.round(read + 4));
    expect(readingSeconds("en", body)).toBeCloseTo(readingSeconds("en", section.spoken!), 5);
  });

  it("gives Lao and Khmer presenters the spoken form too, and counts it for the reading time", () => {
    const lao = buildRadioScript(input({ language: "lo", headline: "ແຈ້ງເຕືອນນ້ຳຖ້ວມ", body: "ດ່ານເປີດ 06:00-22:00 ແຕ່ວັນທີ 02/12/2026." }));
    expect(lao.script).toContain("06:00-22:00 [ອ່ານ: ແຕ່ 6 ໂມງ ຫາ 22 ໂມງ]");
    expect(lao.script).toContain("02/12/2026 [ອ່ານ: 2 ເດືອນທັນວາ ປີ 2026]");
    const khmer = buildRadioScript(input({ language: "km", headline: "ការព្រមាន", body: "ពី 02/12/2026។" }));
    expect(khmer.sections.find((entry) => entry.spoken?.includes("ខែធ្នូ"))).toBeDefined();
    expect(readingSeconds("km", "ពី 02/12/2026។")).toBeGreaterThan(readingSeconds("km", "ពី 2026។"));
  });

  it("counts Lao at its estimated rate", () => {
    const script = buildRadioScript(input({ language: "lo", headline: "ແຈ້ງເຕືອນນ້ຳຖ້ວມ", body: "ຂໍໃຫ້ປະຊາຊົນລະວັງນ້ຳຖ້ວມໃນຄືນນີ້." }));
    expect(script.rate.estimate).toBe(true);
    expect(script.readingSec).toBeGreaterThan(4);
  });
});
