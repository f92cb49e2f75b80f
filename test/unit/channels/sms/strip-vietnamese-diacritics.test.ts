import { describe, expect, it } from "vitest";
import { fitsGsm7, stripVietnameseDiacritics } from "../../../../src/channels/sms/index.ts";

// Vietnamese letters with diacritics: 12 vowels x 5 tones, plus the bare ă â ê ô ơ ư and đ: 67 lower, 67 upper
const vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
const tones = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const lower = [...vowels.flatMap((vowel) => tones.map((tone) => `${vowel}${tone}`.normalize("NFC"))), "ă", "â", "ê", "ô", "ơ", "ư", "đ"];
const letters = [...lower, ...lower.map((letter) => letter.toUpperCase())];

describe("stripVietnameseDiacritics", () => {
  it("covers all 134 Vietnamese letters with diacritics", () => {
    expect(new Set(letters).size).toBe(134);
    for (const letter of letters) expect(letter.length).toBe(1);
  });

  it("strips each of the 134 to a plain ASCII letter", () => {
    for (const letter of letters) {
      const plain = stripVietnameseDiacritics(letter);
      expect(plain).toMatch(/^[A-Za-z]$/);
      expect(plain.toLowerCase()).toBe(plain === plain.toLowerCase() ? plain : plain.toLowerCase());
    }
    expect(stripVietnameseDiacritics("đĐ")).toBe("dD");
    expect(stripVietnameseDiacritics("ỮỰ")).toBe("UU");
  });

  it("strips NFD input the same as NFC", () => {
    const text = "Thông báo khẩn: Cửa khẩu Đắk Per";
    expect(stripVietnameseDiacritics(text.normalize("NFD"))).toBe(stripVietnameseDiacritics(text));
    expect(stripVietnameseDiacritics(text)).toBe("Thong bao khan: Cua khau Dak Per");
  });

  it("turns a Vietnamese sentence into GSM-7", () => {
    expect(fitsGsm7(stripVietnameseDiacritics("Hà Tĩnh: mưa lớn, lũ quét ở huyện Hương Sơn"))).toBe(true);
  });

  it("leaves Lao and Khmer untouched", () => {
    expect(stripVietnameseDiacritics("ດ່ານກ່າວແຕ່ວ ច្រកទ្វារ")).toBe("ດ່ານກ່າວແຕ່ວ ច្រកទ្វារ".normalize("NFC"));
  });
});
