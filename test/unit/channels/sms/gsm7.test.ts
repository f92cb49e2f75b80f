import { describe, expect, it } from "vitest";
import { fitsGsm7, GSM7_BASIC, GSM7_EXTENSION, gsm7Cost, gsm7Length } from "../../../../src/channels/sms/index.ts";

describe("GSM 03.38 alphabet", () => {
  it("has the 127 printable basic characters and 10 extension characters, all distinct", () => {
    expect(new Set(GSM7_BASIC).size).toBe(127);
    expect(new Set(GSM7_EXTENSION).size).toBe(10);
    for (const char of GSM7_EXTENSION) expect(GSM7_BASIC.includes(char)).toBe(false);
  });

  it("costs one septet for a basic character and two for an extension character", () => {
    for (const char of GSM7_BASIC) expect(gsm7Cost(char)).toBe(1);
    for (const char of "^{}\\[~]|€\f") expect(gsm7Cost(char)).toBe(2);
  });

  it("has no GSM-7 form for backtick, lower-case c cedilla, Vietnamese, Lao, Khmer or emoji", () => {
    for (const char of ["`", "ç", "ả", "ơ", "đ", "ກ", "ក", "😀", "\t", "\u00A0"]) expect(gsm7Cost(char)).toBeUndefined();
  });

  it("tells whether a whole text fits and counts its septets", () => {
    expect(fitsGsm7("Cổng")).toBe(false);
    expect(gsm7Length("Cổng")).toBeUndefined();
    expect(fitsGsm7("Gate {A} 06:00 – 22:00")).toBe(false);
    expect(fitsGsm7("Gate {A} €5")).toBe(true);
    expect(gsm7Length("Gate {A} €5")).toBe(11 + 3);
    expect(gsm7Length("")).toBe(0);
  });
});
