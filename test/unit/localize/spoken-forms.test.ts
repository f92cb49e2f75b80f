// The spoken forms of dates, times, ranges, amounts, phone numbers and road codes in all four languages: what a
// presenter says and what the speech engine is given. The words come from locales/*/channels.json (`spoken.*`).
import { describe, expect, it } from "vitest";
import { easyToMisread, spokenForm, spokenTokens, withSpokenForms } from "../../../src/localize/spoken-forms.ts";

describe("spoken forms", () => {
  it("says the README's flood warning as people say it, in each language's own order", () => {
    expect(spokenForm("en", "from 02/12/2026, 18:30 to 03/12/2026, 06:00.")).toBe("from 2 December 2026, 6 30 pm to 3 December 2026, 6 am.");
    expect(spokenForm("vi", "từ 18:30 02/12/2026 đến 06:00 03/12/2026.")).toBe(
      "từ 18 giờ 30 phút ngày 2 tháng 12 năm 2026 đến 6 giờ ngày 3 tháng 12 năm 2026.",
    );
    expect(spokenForm("lo", "ແຕ່ 02/12/2026, 18:30")).toBe("ແຕ່ ວັນທີ 2 ເດືອນທັນວາ ປີ 2026, 18 ໂມງ 30 ນາທີ");
    expect(spokenForm("km", "ពី 02/12/2026, 18:30")).toBe("ពី ថ្ងៃទី 2 ខែធ្នូ ឆ្នាំ 2026, ម៉ោង 18 និង 30 នាទី");
  });

  it("says dates with the month's name, whatever the separator, and not twice 'ngày'", () => {
    expect(spokenForm("vi", "ngày 02/12/2026")).toBe("ngày 2 tháng 12 năm 2026");
    expect(spokenForm("vi", "02.12.2026")).toBe("ngày 2 tháng 12 năm 2026");
    expect(spokenForm("en", "on 2026-12-02")).toBe("on 2 December 2026");
    expect(spokenForm("lo", "ແຕ່ວັນທີ 02/12/2026")).toBe("ແຕ່ວັນທີ 2 ເດືອນທັນວາ ປີ 2026");
    // Khmer digits, as a bulletin asking for native digits writes them
    expect(spokenForm("km", "០២/១២/២០២៦")).toBe("ថ្ងៃទី 2 ខែធ្នូ ឆ្នាំ 2026");
    // not a date: left as written
    expect(spokenForm("en", "31/02/2026 and 12/13/2026")).toBe("31/02/2026 and 12/13/2026");
  });

  it("says times on one clock per language: 12-hour with am and pm in English, the 24-hour hour in the others", () => {
    expect(spokenForm("en", "at 14:00, 18:05, 00:00, 12:00, 09:30")).toBe("at 2 pm, 6 oh 5 pm, midnight, 12 noon, 9 30 am");
    expect(spokenForm("vi", "lúc 14:00, 14h, 14h30, 09:05")).toBe("lúc 14 giờ, 14 giờ, 14 giờ 30 phút, 9 giờ 5 phút");
    expect(spokenForm("lo", "14:00")).toBe("14 ໂມງ");
    expect(spokenForm("km", "14:00")).toBe("ម៉ោង 14");
    expect(spokenForm("en", "25:00 and 5h")).toBe("25:00 and 5h");
  });

  it("says a range from one end to the other, without a second 'from'", () => {
    expect(spokenForm("vi", "mở cửa 07:00-17:00")).toBe("mở cửa từ 7 giờ đến 17 giờ");
    expect(spokenForm("vi", "từ 07:00 – 17:00")).toBe("từ 7 giờ đến 17 giờ");
    expect(spokenForm("en", "open 06:00-22:00")).toBe("open from 6 am to 10 pm");
    expect(spokenForm("en", "01/12/2026, 18:30 – 04/12/2026, 06:00")).toBe("from 1 December 2026, 6 30 pm to 4 December 2026, 6 am");
    expect(spokenForm("lo", "06:00-22:00")).toBe("ແຕ່ 6 ໂມງ ຫາ 22 ໂມງ");
    expect(spokenForm("km", "06:00-22:00")).toBe("ពី ម៉ោង 6 ដល់ ម៉ោង 22");
  });

  it("says numbers with units and currencies with the language's own grouping and decimal marks", () => {
    expect(spokenForm("vi", "mưa từ 150-250 mm, gió 60 km/h, 2,5 mm, 1.500 m3/s, 30°C")).toBe(
      "mưa từ 150 đến 250 mi-li-mét, gió 60 ki-lô-mét một giờ, 2 phẩy 5 mi-li-mét, 1500 mét khối một giây, 30 độ C",
    );
    expect(spokenForm("en", "1 mm, 2.5 mm, 1 km, 150,000 LAK, $5, US$1, 50,000 VND")).toBe(
      "1 millimetre, 2 point 5 millimetres, 1 kilometre, 150000 kip, 5 US dollars, 1 US dollar, 50000 dong",
    );
    expect(spokenForm("vi", "150.000 LAK, 50.000đ, 150.000 kíp, 5 đồng")).toBe("150000 kíp, 50000 đồng, 150000 kíp, 5 đồng");
    expect(spokenForm("lo", "150.000 ກີບຕໍ່ຄົນ")).toBe("150000 ກີບຕໍ່ຄົນ");
    expect(spokenForm("km", "5,000 ៛")).toBe("5000 រៀល");
    // a number without a unit, and a word that only starts like one, stay as written
    expect(spokenForm("en", "5 minutes, 150 people")).toBe("5 minutes, 150 people");
  });

  it("says percentages", () => {
    expect(spokenForm("vi", "2,5%")).toBe("2 phẩy 5 phần trăm");
    expect(spokenForm("en", "25 %")).toBe("25 per cent");
    expect(spokenForm("lo", "25%")).toBe("25 ເປີເຊັນ");
    expect(spokenForm("km", "25%")).toBe("25 ភាគរយ");
  });

  it("says phone numbers digit by digit in their groups", () => {
    expect(spokenForm("vi", "Gọi 0912.345.678 hoặc 0912345678")).toBe("Gọi 0 9 1 2, 3 4 5, 6 7 8 hoặc 0 9 1 2, 3 4 5, 6 7 8");
    expect(spokenForm("en", "call +84 912 345 678")).toBe("call plus 8 4, 9 1 2, 3 4 5, 6 7 8");
    expect(spokenForm("vi", "1900 1234")).toBe("1 9 0 0, 1 2 3 4");
    expect(spokenForm("lo", "+856 21 123 456")).toBe("ບວກ 8 5 6, 2 1, 1 2 3, 4 5 6");
  });

  it("says road codes and kilometre posts", () => {
    expect(spokenForm("vi", "QL8A, QL.8A, ĐT 548, Km 25+300")).toBe("quốc lộ 8 A, quốc lộ 8 A, đường tỉnh 548, ki-lô-mét số 25 cộng 300");
    expect(spokenForm("en", "QL8A and AH15 at Km25")).toBe("National Road 8 A and Asian Highway 15 at kilometre 25");
    expect(spokenForm("lo", "ທາງ NR13")).toBe("ທາງ ທາງເລກ 13");
    expect(spokenForm("km", "NR1")).toBe("ផ្លូវជាតិលេខ 1");
    // a code inside a longer word is not a road
    expect(spokenForm("en", "XQL8A")).toBe("XQL8A");
  });

  it("lists each token with its kind, and marks the ones a presenter could misread", () => {
    const tokens = spokenTokens("en", "On 02/12/2026 at 18:30, 06:00-22:00, 150 mm, 2.5 mm, 25%, QL8A, 0912 345 678, $5.");
    expect(tokens.map((token) => token.kind)).toEqual(["date", "time", "range", "measure", "measure", "percent", "road", "phone", "money"]);
    expect(tokens.filter(easyToMisread).map((token) => token.written)).toEqual(["02/12/2026", "18:30", "06:00-22:00", "2.5 mm", "QL8A", "0912 345 678", "$5"]);
  });

  it("gives the written form for the presenter with the spoken form beside what is easy to misread", () => {
    expect(withSpokenForms("en", "Closed from 02/12/2026 on QL8A. Rain 150 mm, 25% more.")).toBe(
      "Closed from 02/12/2026 [say: 2 December 2026] on QL8A [say: National Road 8 A]. Rain 150 mm, 25% more.",
    );
    expect(withSpokenForms("vi", "Mở cửa 07:00-17:00.")).toBe("Mở cửa 07:00-17:00 [đọc: từ 7 giờ đến 17 giờ].");
  });

  it("leaves text without such tokens, and markup typed in a bulletin, exactly as it is", () => {
    const text = 'Lũ <break time="60s"/> & <speak> "x" ]]> trên sông Ngàn Phố.';
    expect(spokenForm("vi", text)).toBe(text);
    expect(spokenForm("vi", '<say-as interpret-as="date">02/12/2026</say-as>')).toBe('<say-as interpret-as="date">ngày 2 tháng 12 năm 2026</say-as>');
  });

  it("is stable: the spoken form of a spoken form is itself", () => {
    for (const [language, text] of [
      ["en", "from 02/12/2026, 18:30 to 03/12/2026, 06:00; 150,000 LAK; QL8A; 0912 345 678; 2.5 mm"],
      ["vi", "từ 18:30 02/12/2026 đến 06:00 03/12/2026; 150.000 LAK; QL8A; 0912.345.678; 2,5 mm; 07:00-17:00"],
    ] as const) {
      const once = spokenForm(language, text);
      expect(spokenForm(language, once)).toBe(once);
    }
  });
});
