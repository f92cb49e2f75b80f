// The Word document has the administrative layout (read from its XML), and the printable page escapes every text.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { writeReport } from "../../../../src/delivery/reports/formats/write-report.ts";
import { buildReportFixture, buildReportSettings, hostileLabel } from "../../../helpers/report-fixture.ts";

const report = buildReportFixture();
const settings = buildReportSettings();

/** The document's paragraphs as plain text, in order, XML entities decoded. */
const docxParagraphs = async (body: Buffer) => {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file("word/document.xml")!.async("string");
  const decode = (text: string) =>
    text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&apos;", "'").replaceAll("&amp;", "&");
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) =>
    decode([...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => text[1]).join("")),
  );
  const styles = await zip.file("word/styles.xml")!.async("string");
  return { xml, styles, paragraphs: paragraphs.filter((text) => text.trim() !== "") };
};

describe("writeReport docx", () => {
  it("has the Vietnamese administrative header, title, numbered sections, recipients and signature in order", async () => {
    const written = await writeReport(report, { format: "docx", language: "vi", settings });
    expect(written.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(written.fileName).toBe("bantin-report-2026-half-year-1-by-province.docx");
    const { xml, styles, paragraphs } = await docxParagraphs(written.body as Buffer);
    const order = [
      "UBND TỈNH HÀ TĨNH",
      "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
      "Số:     /BC-STTTT",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Hà Tĩnh, ngày 15 tháng 6 năm 2026",
      "BÁO CÁO",
      "Kết quả thực hiện công tác thông tin đối ngoại 6 tháng đầu năm 2026",
      "Kỳ báo cáo: từ ngày 15/12/2025 đến ngày 14/06/2026",
      "I. KẾT QUẢ THỰC HIỆN",
      "1. Bản tin",
      "Bảng 1. Bản tin phát hành, đính chính, thu hồi",
      "2. Tin nhắn SMS và tin nhắn thoại",
      "3. Màn hình cụm thông tin",
      "4. Phát thanh",
      "5. Tốc độ chuyển phát",
      "6. Bản tin thử nghiệm, diễn tập",
      "II. ĐÁNH GIÁ CHUNG",
      "Các kênh hoạt động ổn định.",
      "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
      "(Nội dung do đơn vị bổ sung.)",
      "IV. ĐỀ XUẤT, KIẾN NGHỊ",
      "Nơi nhận:",
      "- UBND tỉnh;",
      "- Lưu: VT, TTĐN.",
      "KT. GIÁM ĐỐC",
      "PHÓ GIÁM ĐỐC",
      "Nguyễn Văn <A>",
    ];
    const positions = order.map((text) => paragraphs.indexOf(text));
    expect(positions.filter((position) => position < 0).map((_, index) => order[index])).toEqual([]);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // the summary writes the Report's totals with the Vietnamese thousands separator
    expect(paragraphs.find((text) => text.startsWith("Trong kỳ báo cáo"))).toContain("chuyển giao 1.234.567 tin nhắn");
    // a label with markup is text in a run, never markup in the document
    expect(paragraphs).toContain(hostileLabel);
    expect(xml).not.toContain("<script>");
    expect(styles).toContain('w:ascii="Times New Roman"');
    // A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm (in twentieths of a point)
    expect(xml).toMatch(/<w:pgSz w:w="1190\d" w:h="1683\d" w:orient="portrait"\/>/);
    expect(xml).toContain('<w:pgMar w:top="1133" w:right="850" w:bottom="1133" w:left="1700"');
  });

  it("numbers the tables and right-aligns the figures with '.' thousands", async () => {
    const written = await writeReport(report, { format: "docx", language: "vi", settings });
    const { xml, paragraphs } = await docxParagraphs(written.body as Buffer);
    const captions = paragraphs.filter((text) => /^Bảng \d+\. /.test(text)).map((text) => Number(/^Bảng (\d+)/.exec(text)![1]));
    expect(captions).toEqual(captions.map((_, index) => index + 1));
    expect(captions.length).toBeGreaterThanOrEqual(12);
    const cell = /<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:jc w:val="(\w+)"\/>(?:(?!<\/w:p>)[\s\S])*?<w:t(?: [^>]*)?>1\.250\.431<\/w:t>/.exec(xml);
    expect(cell?.[1]).toBe("right");
  });

  it("names the area each radio station serves in its own column, beside the station and before the language", async () => {
    const written = await writeReport(report, { format: "docx", language: "vi", settings });
    const { paragraphs } = await docxParagraphs(written.body as Buffer);
    const header = paragraphs.indexOf("Đài truyền thanh");
    expect(paragraphs.slice(header, header + 3)).toEqual(["Đài truyền thanh", "Địa bàn", "Ngôn ngữ"]);
    expect(paragraphs.slice(header + 6, header + 9)).toEqual(["Đài truyền thanh xã Sơn Kim 1", "Hương Sơn", "Tiếng Việt"]);
  });

  it("is a plain report in English: no motto, the English title and numbers", async () => {
    const written = await writeReport(report, { format: "docx", language: "en", settings });
    const { paragraphs } = await docxParagraphs(written.body as Buffer);
    expect(paragraphs).not.toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(paragraphs).not.toContain("Independence - Freedom - Happiness");
    for (const text of [
      "DEPARTMENT OF INFORMATION AND COMMUNICATIONS",
      "Ha Tinh, 15 June 2026",
      "REPORT",
      "Results of foreign information work in the first half of 2026",
      "I. RESULTS",
      "IV. PROPOSALS AND RECOMMENDATIONS",
      "Recipients:",
      "FOR THE DIRECTOR",
    ]) {
      expect(paragraphs).toContain(text);
    }
    expect(paragraphs.find((text) => text.startsWith("In the period"))).toContain("1,234,567 SMS and voice messages");
  });
});

describe("writeReport html", () => {
  it("is a printable A4 page with SVG charts, in Vietnamese and English", async () => {
    const vi = await writeReport(report, { format: "html", language: "vi", settings });
    const en = await writeReport(report, { format: "html", language: "en", settings });
    expect(vi.contentType).toBe("text/html; charset=utf-8");
    const viPage = vi.body as string;
    const enPage = en.body as string;
    expect(viPage).toContain('<html lang="vi">');
    expect(viPage).toMatch(/@page \{ size: A4 portrait;/);
    expect(viPage).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(viPage).toContain("Kết quả thực hiện công tác thông tin đối ngoại 6 tháng đầu năm 2026");
    expect(enPage).toContain('<html lang="en">');
    expect(enPage).toContain("Results of foreign information work in the first half of 2026");
    expect(enPage).not.toContain("Independence - Freedom - Happiness");
    // bulletins by province, messages, screens, radio, speed
    expect(viPage.match(/<svg /g)?.length).toBe(5);
    // each figure of the bulletins table, with Vietnamese thousands
    expect(viPage).toContain('<td class="number">1.234.567</td>');
    expect(enPage).toContain('<td class="number">1,234,567</td>');
  });

  it("shows every label, headline and setting with markup as text", async () => {
    const page = (await writeReport(report, { format: "html", language: "en", settings })).body as string;
    expect(page).not.toContain("<script>");
    expect(page).not.toContain("<b>Cầu Treo</b>");
    expect(page).not.toContain("<img");
    expect(page).not.toContain("<A>");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Cầu Treo&lt;/b&gt;");
    expect(page).toContain("=HYPERLINK(&quot;http://x&quot;) &lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("Nguyễn Văn &lt;A&gt;");
    // inside the SVG charts too
    const charts = page.match(/<svg [\s\S]*?<\/svg>/g)!.join("");
    expect(charts).toContain("&lt;script&gt;");
    expect(charts).not.toContain("<script>");
  });
});

describe("writeReport json", () => {
  it("is the Report itself", async () => {
    const written = await writeReport(report, { format: "json", language: "en", settings });
    expect(written.contentType).toBe("application/json; charset=utf-8");
    expect(JSON.parse(written.body as string)).toEqual(report);
  });
});
