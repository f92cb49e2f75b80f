// Line breaks on slides: names (every gazetteer name, every language; template terms) are never split, a number
// stays with its unit, no line starts with a dash or closing punctuation, and the headline stands apart from the
// body. Checked on the text handed to Pango (the break opportunities, as data) and on what Pango drew (the width of
// a block forced to wrap, the blank rows between headline and body).
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { breakableText, breakOpportunities, drawText, renderSlide, type SlideInput } from "../../../../src/channels/display/index.ts";
import { languages, type Language } from "../../../../src/domain/index.ts";
import { gazetteerPlaces } from "../../../../src/localize/gazetteer/gazetteer.ts";
import { unbreakableTerms } from "../../../../src/localize/unbreakable-terms.ts";

const pieces = (language: Language, text: string, options?: Parameters<typeof breakableText>[2]) => breakOpportunities(breakableText(language, text, options));

describe("break opportunities", () => {
  it("never splits the Lao gate name ກ່າວແຕ່ວ, which ICU alone splits into ກ່າວ | ແຕ່ | ວ", () => {
    expect(new Intl.Segmenter("lo", { granularity: "word" }).segment("ກ່າວແຕ່ວ").containing(0)?.segment).not.toBe("ກ່າວແຕ່ວ");
    expect(pieces("lo", "ດ່ານສາກົນ ກ່າວແຕ່ວ ປິດຊົ່ວຄາວ")).toEqual(["ດ່ານສາກົນ ກ່າວແຕ່ວ", "ປິດ", "ຊົ່ວຄາວ"]);
    expect(pieces("lo", "ຜູ້ເດີນທາງສາມາດໃຊ້ດ່ານສາກົນ ກ່າວແຕ່ວແທນໄດ້").join("|")).toMatch(/(^|\|)[^|]*ດ່ານສາກົນ ກ່າວແຕ່ວ[^|]*(\||$)/);
  });

  for (const language of languages) {
    it(`keeps every gazetteer name whole in ${language}`, () => {
      const split = gazetteerPlaces()
        .map((place) => place.names[language])
        .filter((name) => !pieces(language, `x ${name} y`).includes(name));
      expect(split).toEqual([]);
    });

    it(`keeps every template term and gate-name part whole in ${language}`, () => {
      const split = unbreakableTerms(language).filter((term) => pieces(language, term).length !== 1);
      expect(split).toEqual([]);
    });
  }

  it("lets a gate's full name break only between its generic part and its own name when it is too wide for a line", () => {
    const narrow = { fits: (term: string) => [...term].length <= 12 };
    expect(pieces("lo", "ດ່ານສາກົນ ກ່າວແຕ່ວ ປິດ", narrow)).toEqual(["ດ່ານສາກົນ", "ກ່າວແຕ່ວ", "ປິດ"]);
    expect(pieces("vi", "Cửa khẩu Quốc tế Cầu Treo tạm đóng", { fits: (term) => term.length <= 16 })).toEqual(["Cửa khẩu Quốc tế", "Cầu Treo", "tạm", "đóng"]);
    expect(pieces("km", "ច្រកទ្វារអន្តរជាតិកូវត្រែវ បិទ", { fits: (term) => term.length <= 18 })).toEqual(["ច្រកទ្វារអន្តរជាតិ", "កូវត្រែវ", "បិទ"]);
  });

  it("keeps a name the caller passes (as the database has it) whole", () => {
    const edited = "ບ້ານນາເພ້ຍໃໝ່";
    expect(pieces("lo", `ທີ່ ${edited} ມື້ນີ້`).length).toBeGreaterThan(3);
    expect(pieces("lo", `ທີ່ ${edited} ມື້ນີ້`, { unbreakable: [edited] })).toContain(edited);
  });

  it("keeps a number with its unit or currency", () => {
    expect(pieces("vi", "Phí 150,000 LAK hoặc 120.000 đồng, xe trên 10 tấn")).toEqual(["Phí", "150,000 LAK", "hoặc", "120.000 đồng,", "xe", "trên", "10 tấn"]);
    expect(pieces("en", "Fee USD 20 or 150,000 LAK, 5 km away, 40 %")).toEqual(["Fee", "USD 20", "or", "150,000 LAK,", "5 km", "away,", "40 %"]);
    expect(pieces("lo", "ຄ່າທຳນຽມ 150,000 LAK ຫຼື 500 ກີບ")).toEqual(expect.arrayContaining(["150,000 LAK", "500 ກີບ"]));
    expect(pieces("km", "ថ្លៃសេវា 150,000 KHR ឬ 100 រៀល")).toEqual(expect.arrayContaining(["150,000 KHR", "100 រៀល"]));
    expect(pieces("en", "from 1 December 2026")).toEqual(["from", "1 December", "2026"]);
    // a unit is a word of its own: "5 minh" is a number and a name
    expect(pieces("vi", "5 minh")).toEqual(["5", "minh"]);
  });

  it("starts no line with a dash or closing punctuation and ends none with opening punctuation", () => {
    const starts = (language: Language, text: string) => pieces(language, text).map((piece) => piece[0]);
    expect(pieces("vi", "Mở cửa 06:00 - 22:00 ( Nghệ An ) .")).toEqual(["Mở", "cửa", "06:00 -", "22:00", "( Nghệ An ) ."]);
    // ICU's own ranges put thin spaces around an en dash
    expect(pieces("en", "Open 06:00\u2009–\u200922:00")).toEqual(["Open", "06:00 –", "22:00"]);
    // ICU ends a Khmer word before ។ ៖ ៗ and the Lao ໆ: no break there
    for (const [language, text] of [
      ["km", "បិទ។ មូលហេតុ៖ ទឹកជំនន់។ ផ្សេងៗ"],
      ["lo", "ຕ່າງໆ ເຫດຜົນ: ນ້ຳຖ້ວມ."],
    ] as const) {
      expect(starts(language, text).filter((first) => /[-–—)។៖ៗໆ:.,]/u.test(first!))).toEqual([]);
    }
    expect(pieces("km", "បិទ។ មូលហេតុ៖ ទឹកជំនន់។")).toEqual(["បិទ។", "មូលហេតុ៖", "ទឹកជំនន់។"]);
  });
});

/** The width Pango gives `text` on one line (no wrapping within 10000 px). */
const natural = async (text: string, language: Language) => (await drawText(text, { language, size: 40, width: 10_000, colour: "#000000" })).width;
const wrapped = (text: string, language: Language, width: number) => drawText(text, { language, size: 40, width, colour: "#000000" });

describe("what Pango draws", () => {
  it("wraps a Lao gate name between its parts, not before a lone ວ", async () => {
    const name = "ດ່ານສາກົນ ກ່າວແຕ່ວ";
    const [whole, generic, own] = await Promise.all([natural(name, "lo"), natural("ດ່ານສາກົນ", "lo"), natural("ກ່າວແຕ່ວ", "lo")]);
    const block = await wrapped(name, "lo", whole - 4);
    // two lines, the widest of which is one of the parts: "ດ່ານສາກົນ ກ່າວແຕ່ | ວ" would be nearly the whole width
    expect(block.width).toBeLessThanOrEqual(Math.max(generic, own) + 2);
    expect(block.height).toBeGreaterThan((await wrapped(name, "lo", 10_000)).height * 1.5);
  });

  it("moves a number to the next line with its unit, and a time range's dash stays at the end of a line", async () => {
    const fee = "Phí qua cửa khẩu 150,000 LAK";
    const lead = await natural("Phí qua cửa khẩu", "vi");
    const feeBlock = await wrapped(fee, "vi", (await natural(fee, "vi")) - 4);
    expect(feeBlock.width).toBeLessThanOrEqual(lead + 2); // "Phí qua cửa khẩu | 150,000 LAK"
    const hours = "Giờ mở cửa hằng ngày 06:00 - 22:00";
    const hoursBlock = await wrapped(hours, "vi", (await natural("Giờ mở cửa hằng ngày 06:00", "vi")) + 4);
    // "Giờ mở cửa hằng ngày 06:00 | - 22:00" would fill the width; the dash keeps 06:00 on the next line
    expect(hoursBlock.width).toBeLessThanOrEqual(Math.max(await natural("Giờ mở cửa hằng ngày", "vi"), await natural("06:00 - 22:00", "vi")) + 2);
  });
});

/** Runs of blank (inkless) rows between the inked rows from `from` to `to`. */
const blankRuns = async (png: Buffer, from: number, to: number) => {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const inked = (y: number) => {
    for (let x = 0; x < info.width; x += 1) {
      const at = (y * info.width + x) * 3;
      if (data[at]! < 100 && data[at + 1]! < 100 && data[at + 2]! < 100) return true;
    }
    return false;
  };
  const rows = Array.from({ length: to - from }, (_, index) => inked(from + index));
  const first = rows.indexOf(true);
  const last = rows.lastIndexOf(true);
  const runs: number[] = [];
  let run = 0;
  for (let index = first; index <= last; index += 1) {
    if (rows[index]) {
      if (run > 0) runs.push(run);
      run = 0;
    } else run += 1;
  }
  return { runs, firstInk: from + first, lastInk: from + last };
};

describe("headline and body", () => {
  const input: SlideInput = {
    language: "vi",
    headline: "Cửa khẩu Quốc tế Cầu Treo: thay đổi giờ làm việc từ ngày 01/12/2026 đến hết tháng",
    body: "Từ 01/12/2026, Cửa khẩu Quốc tế Cầu Treo (Hà Tĩnh) làm việc hằng ngày 06:00 - 22:00. Phí xe qua cửa khẩu là 150,000 LAK hoặc 120.000 đồng. Lý do: ngập lụt. Đề nghị người dân bố trí thời gian xuất nhập cảnh phù hợp.",
    caption: "Cửa khẩu Quốc tế Cầu Treo · Tiếng Việt",
    validity: "Có hiệu lực đến 03/12/2026, 06:00",
    urgency: "routine",
    urgentLabel: "KHẨN",
    mode: "actual",
    modeBanner: "THỬ NGHIỆM",
  };

  it("sets a two-line Vietnamese headline apart from the body's first line on the 1920x1080 screen", async () => {
    const slide = await renderSlide(input, { width: 1920, height: 1080 });
    const { headline, body } = slide.layout;
    const head = await blankRuns(slide.png, headline.top, headline.top + headline.height);
    const text = await blankRuns(slide.png, body.top, body.top + body.height);
    expect(head.runs.length).toBeGreaterThanOrEqual(1); // two lines at least
    expect(text.runs.length).toBeGreaterThanOrEqual(2);
    const gap = text.firstInk - head.lastInk - 1;
    expect(gap).toBeGreaterThan(Math.max(...head.runs));
    expect(gap).toBeGreaterThanOrEqual(1.5 * Math.max(...text.runs));
  });
});
