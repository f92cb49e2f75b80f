// Slides: Lao and Khmer wrap inside the image at the small LED panel and the portrait screen; text that cannot
// fit is an error; markup is text; the same input gives the same file.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { breakableText, escapePango, renderSlide, SlideTooLongError, type SlideInput, type SlideProfile } from "../../../../src/channels/display/index.ts";

const lao =
  "ດ່ານສາກົນ ກ່າວແຕ່ວ ປິດຊົ່ວຄາວ ນັບແຕ່ 01/12/2026, 18:00 ແລະ ຄາດວ່າຈະເປີດຄືນ 03/12/2026, 06:00. ເຫດຜົນ: ນ້ຳຖ້ວມ. ຜູ້ເດີນທາງ ແລະ ຍານພາຫະນະ ສາມາດໃຊ້ດ່ານສາກົນ ນ້ຳພາວ ແທນໄດ້. ຂໍໃຫ້ປະຊາຊົນປະຕິບັດຕາມຄຳແນະນຳຂອງເຈົ້າໜ້າທີ່";
const khmer =
  "ច្រកទ្វារអន្តរជាតិមុកបៃ បិទជាបណ្ដោះអាសន្នចាប់ពី 01/12/2026, 18:00 ហើយរំពឹងថានឹងបើកវិញ 03/12/2026, 06:00។ មូលហេតុ៖ ទឹកជំនន់។ អ្នកធ្វើដំណើរ និងយានយន្ត អាចឆ្លងកាត់តាមច្រកទ្វារអន្តរជាតិសាម៉ាត ជំនួស។";

const slide = (overrides: Partial<SlideInput>): SlideInput => ({
  language: "vi",
  headline: "Cửa khẩu Quốc tế Cầu Treo tạm đóng cửa",
  body: "Cửa khẩu tạm đóng cửa từ 18:00 01/12/2026.",
  caption: "Cửa khẩu Quốc tế Cầu Treo · Tiếng Việt",
  validity: "Có hiệu lực đến 06:00 03/12/2026",
  urgency: "routine",
  urgentLabel: "KHẨN",
  mode: "actual",
  modeBanner: "THỬ NGHIỆM",
  ...overrides,
});

/** The bounding box of dark (text) pixels below `fromRow`, measured on the rendered PNG. */
const inkBounds = async (png: Buffer, fromRow: number) => {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let left = info.width,
    right = -1,
    top = info.height,
    bottom = -1;
  for (let y = fromRow; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const at = (y * info.width + x) * 3;
      if (data[at]! < 100 && data[at + 1]! < 100 && data[at + 2]! < 100) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  return { left, right, top, bottom, width: info.width, height: info.height };
};

const profiles: SlideProfile[] = [
  { width: 768, height: 384 },
  { width: 1080, height: 1920 },
];

describe("slides", () => {
  for (const profile of profiles) {
    for (const [language, text, headline] of [
      ["lo", lao, "ດ່ານສາກົນ ກ່າວແຕ່ວ ປິດຊົ່ວຄາວ"],
      ["km", khmer, "ច្រកទ្វារអន្តរជាតិមុកបៃ បិទជាបណ្ដោះអាសន្ន"],
    ] as const) {
      it(`wraps a long ${language} paragraph inside a ${profile.width}x${profile.height} slide`, async () => {
        const rendered = await renderSlide(slide({ language, headline, body: text, caption: headline }), profile);
        const meta = await sharp(rendered.png).metadata();
        expect([meta.width, meta.height]).toEqual([profile.width, profile.height]);
        // several lines: the paragraph wrapped rather than running off the side
        expect(rendered.layout.body.height).toBeGreaterThan(rendered.bodySize * 2.5);
        for (const box of [rendered.layout.headline, rendered.layout.body]) {
          expect(box.left + box.width).toBeLessThanOrEqual(profile.width - rendered.layout.margin);
          expect(box.top + box.height).toBeLessThanOrEqual(profile.height);
        }
        // and on the pixels: every bit of ink below the band stays inside the margins
        const ink = await inkBounds(rendered.png, rendered.layout.headline.top);
        expect(ink.left).toBeGreaterThanOrEqual(rendered.layout.margin - 2);
        expect(ink.right).toBeLessThanOrEqual(profile.width - rendered.layout.margin + 2);
        expect(ink.bottom).toBeLessThan(profile.height - 1);
        expect(ink.bottom - ink.top).toBeGreaterThan(rendered.layout.body.height * 0.8);
      });
    }
  }

  it("refuses text that cannot fit at the smallest readable size, naming the language and the slide", async () => {
    const error = await renderSlide(slide({ language: "km", body: `${khmer} `.repeat(12) }), { width: 768, height: 384 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(SlideTooLongError);
    expect(error.message).toMatch(/km text does not fit a 768x384 slide/);
    expect(error.neededPx).toBeGreaterThan(error.availablePx);
  });

  it("shows markup as text and draws the same input to the same file, byte for byte", async () => {
    const input = slide({ headline: `<b>Cầu Treo</b> & <span foreground="red">x</span>`, body: "</span> <i>unclosed" });
    const first = await renderSlide(input, { width: 768, height: 384 });
    const second = await renderSlide(input, { width: 768, height: 384 });
    expect(second.file).toBe(first.file);
    expect(Buffer.compare(first.png, second.png)).toBe(0);
    expect(first.file).toMatch(/^[0-9a-f]{32}\.png$/);
    expect((await renderSlide({ ...input, urgency: "urgent" }, { width: 768, height: 384 })).file).not.toBe(first.file);
    expect(escapePango(`<b a="1">&'`)).toBe("&lt;b a=&quot;1&quot;&gt;&amp;&apos;");
  });

  it("marks urgent slides with a red band and test slides with a banner", async () => {
    const urgent = await renderSlide(slide({ urgency: "urgent" }), { width: 768, height: 384 });
    const { data } = await sharp(urgent.png).removeAlpha().extract({ left: 700, top: 2, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect([...data]).toEqual([0xb0, 0x00, 0x20]);
    const test = await renderSlide(slide({ mode: "test" }), { width: 768, height: 384 });
    const bottom = await sharp(test.png).removeAlpha().extract({ left: 760, top: 380, width: 1, height: 1 }).raw().toBuffer();
    expect([...bottom]).toEqual([0xff, 0xd4, 0x00]);
  });

  it("lets Lao and Khmer break between words, never inside a date", () => {
    expect(breakableText("lo", "ດ່ານສາກົນປິດ 01/12/2026")).toContain("\u200B");
    expect(breakableText("lo", "ດ່ານສາກົນປິດ 01/12/2026")).toContain("01/12/2026");
    expect(breakableText("km", "ច្រកទ្វារបិទ")).toContain("\u200B");
    expect(breakableText("vi", "Trời mưa to")).toBe("Trời mưa to");
  });
});
