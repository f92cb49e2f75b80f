import { describe, expect, it } from "vitest";
import { SmsPolicySchema } from "../../../../src/channels/sms/index.ts";

describe("SmsPolicySchema", () => {
  it("accepts an 11-character sender and defaults the rest", () => {
    expect(SmsPolicySchema.parse({ sender: "TT-BIENGIOI" })).toEqual({ sender: "TT-BIENGIOI", maxParts: 4, stripDiacritics: false });
  });

  it.each(["TWELVE-CHARS", "BẢNTIN", "", "   ", "a<b>"])("refuses sender %j", (sender) => {
    expect(SmsPolicySchema.safeParse({ sender }).success).toBe(false);
  });

  it("refuses more than 10 parts", () => {
    expect(SmsPolicySchema.safeParse({ sender: "BANTIN", maxParts: 11 }).success).toBe(false);
  });
});
