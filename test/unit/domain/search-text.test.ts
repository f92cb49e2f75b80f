import { describe, expect, it } from "vitest";
import { foldForSearch, searchFold, searchTerms } from "../../../src/domain/search-text.ts";

describe("search folding", () => {
  it("drops case and Vietnamese diacritics, composed or decomposed, and keeps Lao and Khmer as written", () => {
    expect(foldForSearch("Cửa khẩu CẦU TREO, Đồng Tháp")).toBe("cua khau cau treo, dong thap");
    expect(foldForSearch("Cửa khẩu Cầu Treo".normalize("NFD"))).toBe("cua khau cau treo");
    expect(foldForSearch("ດ່ານກ່າວແຕ່ວ")).toBe("ດ່ານກ່າວແຕ່ວ");
    expect(foldForSearch("ច្រកទ្វារមុកបៃ")).toBe("ច្រកទ្វារមុកបៃ");
  });

  it("gives translate() a target letter for every folded letter and drops only combining marks", () => {
    const from = Array.from(searchFold.from);
    const to = Array.from(searchFold.to);
    expect(from.slice(to.length).every((char) => /\p{M}/u.test(char))).toBe(true);
    expect(to.every((char) => /^[a-z]$/.test(char))).toBe(true);
  });

  it("splits a search into folded words", () => {
    expect(searchTerms("  Mưa   lớn\tHà Tĩnh ")).toEqual(["mua", "lon", "ha", "tinh"]);
  });
});
