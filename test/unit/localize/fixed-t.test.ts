import { describe, expect, it } from "vitest";
import { fixedT, i18n } from "../../../src/localize/i18n.ts";

// fixedT remembers answers (a console page asks for the same labels many times): what it gives must always be what
// i18next itself gives for the same key and values, whichever was asked before.
describe("fixedT", () => {
  it("answers a key asked with values exactly as i18next does, for each set of values, in every order", () => {
    for (const language of ["vi", "en"] as const) {
      const t = fixedT(language, "console");
      const plain = i18n.getFixedT(language, "console");
      const asks = [
        { parts: 1, max: 6 },
        { parts: 2, max: 6 },
        { parts: 1, max: 6 },
        { max: 4, parts: 3 },
        { parts: 2, max: 6 },
      ];
      const answers = asks.map((values) => t("compose.partsOf", values));
      expect(answers).toEqual(asks.map((values) => plain("compose.partsOf", values)));
      expect(answers[0]).not.toBe(answers[1]);
      expect(answers[0]).toContain("6");
    }
  });

  it("passes values it cannot name exactly (objects) straight to i18next", () => {
    const t = fixedT("en", "console");
    const plain = i18n.getFixedT("en", "console");
    const values = { detail: { toString: () => "one" } };
    expect(t("compose.tooLong", values as never)).toBe(plain("compose.tooLong", values as never));
  });

  it("keeps answering correctly past its bound of remembered answers", () => {
    const t = fixedT("en", "console");
    for (let parts = 0; parts < 6_000; parts += 1) t("compose.partsOf", { parts, max: 10 });
    expect(t("compose.partsOf", { parts: 5_999, max: 10 })).toBe(i18n.getFixedT("en", "console")("compose.partsOf", { parts: 5_999, max: 10 }));
    expect(t("compose.partsOf", { parts: 7, max: 10 })).toContain("7");
  });
});
