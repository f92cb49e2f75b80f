import { describe, expect, it } from "vitest";
import { plainText, plainTextProblem } from "../../../src/domain/plain-text.ts";

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

  it("normalises to NFC with LF line ends and trims", () => {
    const schema = plainText({ max: 100 });
    expect(schema.parse("  Ca\u0300u\r\nTreo\r ")).toBe("Càu\nTreo");
  });

  it("enforces the length after normalisation", () => {
    expect(plainText({ max: 3 }).safeParse("abcd").success).toBe(false);
    expect(plainText({ max: 3 }).safeParse("   ").success).toBe(false);
  });
});
