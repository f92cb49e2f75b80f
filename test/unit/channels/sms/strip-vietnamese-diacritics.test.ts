import { describe, expect, it } from "vitest";
import { fitsGsm7, stripVietnameseDiacritics } from "../../../../src/channels/sms/index.ts";

// Vietnamese letters with diacritics: 12 vowels x 5 tones (grave, acute, hook above, tilde, dot below), plus the bare
// ă â ê ô ơ ư and đ: 67 lower case and 67 upper case. Built from parts so the list does not rely on the code under test.
const vowels = ["a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031B", "u", "u\u031B", "y"];
const tones = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const lower = [
  ...vowels.flatMap((vowel) => tones.map((tone) => `${vowel}${tone}`.normalize("NFC"))),
  ...["a\u0306", "a\u0302", "e\u0302", "o\u0302", "o\u031B", "u\u031B"].map((vowel) => vowel.normalize("NFC")),
  "\u0111",
];
const letters = [...lower, ...lower.map((letter) => letter.toUpperCase())];
const baseOf = (letter: string) => letter.normalize("NFD")[0]!.replace("\u0111", "d").replace("\u0110", "D");

describe("stripVietnameseDiacritics", () => {
  it("is tested against all 134 Vietnamese letters with diacritics, each one precomposed code point", () => {
    expect(lower).toHaveLength(67);
    expect(new Set(letters).size).toBe(134);
    for (const letter of letters) expect(letter).toHaveLength(1);
    for (const letter of letters) expect(letter).not.toMatch(/^[A-Za-z]$/);
  });

  it("strips each of the 134 letters to its plain ASCII base letter, keeping the case", () => {
    for (const letter of letters) {
      const plain = stripVietnameseDiacritics(letter);
      expect(plain, letter).toMatch(/^[A-Za-z]$/);
      expect(plain, letter).toBe(baseOf(letter));
      expect(plain === plain.toUpperCase(), letter).toBe(letter === letter.toUpperCase());
    }
  });

  it("strips each of the 134 letters the same way when they come decomposed (NFD)", () => {
    for (const letter of letters) expect(stripVietnameseDiacritics(letter.normalize("NFD"))).toBe(stripVietnameseDiacritics(letter));
    const text = "Thông báo khẩn: Cửa khẩu Đắk Per đóng cửa";
    expect(stripVietnameseDiacritics(text.normalize("NFD"))).toBe("Thong bao khan: Cua khau Dak Per dong cua");
  });

  it("maps đ to d, Đ to D, and the look-alike Ð from legacy encodings to D", () => {
    expect(stripVietnameseDiacritics("đĐ\u00D0")).toBe("dDD");
  });

  it("turns Vietnamese text into GSM-7", () => {
    const text = "Hà Tĩnh: mưa lớn, lũ quét ở huyện Hương Sơn; Quảng Trị: gió giật cấp 8, ĐỀ PHÒNG SẠT LỞ ĐẤT!";
    const plain = stripVietnameseDiacritics(text);
    expect(plain).toBe("Ha Tinh: mua lon, lu quet o huyen Huong Son; Quang Tri: gio giat cap 8, DE PHONG SAT LO DAT!");
    expect(fitsGsm7(plain)).toBe(true);
  });

  it("leaves Lao and Khmer untouched", () => {
    const text = "ດ່ານສາກົນ ច្រកទ្វារអន្តរជាតិ";
    expect(stripVietnameseDiacritics(text)).toBe(text);
  });
});
