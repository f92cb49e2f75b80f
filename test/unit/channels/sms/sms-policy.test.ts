import { describe, expect, it } from "vitest";
import { SmsPolicySchema } from "../../../../src/channels/sms/index.ts";

describe("SmsPolicySchema", () => {
  it("accepts an 11-character sender and defaults maxParts to 4 and stripDiacritics to false", () => {
    expect(SmsPolicySchema.parse({ sender: "TT-BIENGIOI" })).toEqual({ sender: "TT-BIENGIOI", maxParts: 4, stripDiacritics: false });
  });

  it("accepts letters, digits, space, dot, dash and underscore, trimming outer spaces", () => {
    expect(SmsPolicySchema.parse({ sender: " So TT.HT_1 ", maxParts: 10, stripDiacritics: true })).toEqual({
      sender: "So TT.HT_1",
      maxParts: 10,
      stripDiacritics: true,
    });
    expect(SmsPolicySchema.parse({ sender: "8079" }).sender).toBe("8079");
  });

  it.each([
    ["12 characters", "TWELVE-CHARS"],
    ["non-ASCII letters", "BẢNTIN"],
    ["Lao", "ບັນທິນ"],
    ["empty", ""],
    ["only spaces", "   "],
    ["only punctuation", "-._"],
    ["markup", "a<b>"],
    ["a plus sign", "+84912345"],
  ])("refuses a sender with %s", (_, sender) => {
    expect(SmsPolicySchema.safeParse({ sender }).success).toBe(false);
  });

  it.each([0, 11, 2.5, -1])("refuses maxParts %j", (maxParts) => {
    expect(SmsPolicySchema.safeParse({ sender: "BANTIN", maxParts }).success).toBe(false);
  });

  it("refuses unknown keys", () => {
    expect(SmsPolicySchema.safeParse({ sender: "BANTIN", encoding: "ucs2" }).success).toBe(false);
  });
});
