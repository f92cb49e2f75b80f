import { describe, expect, it } from "vitest";
import { plainText, plainTextProblem, searchText } from "../../../src/domain/plain-text.ts";

describe("plain text", () => {
  it.each([
    ["<script>alert(1)</script>", /markup/],
    ['<svg onload="x">', /markup/],
    ["<speak>xin chào</speak>", /markup/],
    ["<!-- comment -->", /markup/],
    ["abc\u202Edef", /bidi/],
    ["abc\u2067def", /bidi/],
    ["bell\u0007", /control character U\+0007/],
    ["nul\u0000", /control/],
    ["lone \uD800 surrogate", /surrogate/],
    ["broken \uFFFD utf-8", /UTF-8/],
  ])("refuses %j", (value, problem) => {
    expect(plainTextProblem(value)).toMatch(problem);
  });

  it.each(["nhiệt độ < 5°C và > 0°C", "a<b", "Cầu Treo: 06:00 → 22:00", "ດ່ານກ່າວແຕ່ວ", "ច្រកទ្វារ", "line one\nline two\ttab"])("accepts %j", (value) => {
    expect(plainTextProblem(value)).toBeUndefined();
  });

  it("refuses line breaks, tabs and line separators in a one-line field, and accepts them in a paragraph", () => {
    for (const value of ["Cầu Treo\nđóng cửa", "Cầu Treo\r\nđóng", "a\tb", "a\u2028b", "a\u2029b"]) {
      expect(plainText({ max: 100 }).safeParse(value).error?.issues[0]?.message).toMatch(/one line/);
    }
    expect(plainTextProblem("a\nb", { lines: false })).toMatch(/line break/);
    expect(plainText({ max: 100, lines: true }).parse("Cầu Treo\r\nđóng\tcửa")).toBe("Cầu Treo\nđóng\tcửa");
  });

  it.each(["\u202E<b>x</b>", "\u202Ex", "x\u2066y", "<b>x</b>", "a\u0000b", "\uD800", "a\u0085b", "a\u001Bb"])(
    "refuses %j in one-line and paragraph fields",
    (value) => {
      expect(plainText({ max: 100 }).safeParse(value).success).toBe(false);
      expect(plainText({ max: 100, lines: true }).safeParse(value).success).toBe(false);
    },
  );

  it("searches for markup as text, but not for controls, bidi overrides or half surrogates", () => {
    expect(searchText({ max: 100 }).parse(" <b>Cầu</b> ")).toBe("<b>Cầu</b>");
    for (const value of ["a\u0000", "\u202Ex", "\uDC00", "a\nb"]) expect(searchText({ max: 100 }).safeParse(value).success).toBe(false);
    expect(searchText({ min: 0, max: 100 }).parse("")).toBe("");
  });

  it("normalises to NFC with LF line ends and trims", () => {
    const schema = plainText({ max: 100, lines: true });
    expect(schema.parse("  Ca\u0300u\r\nTreo\r ")).toBe("Càu\nTreo");
  });

  it("enforces the length after normalisation", () => {
    expect(plainText({ max: 3 }).safeParse("abcd").success).toBe(false);
    expect(plainText({ max: 3 }).safeParse("   ").success).toBe(false);
  });
});
