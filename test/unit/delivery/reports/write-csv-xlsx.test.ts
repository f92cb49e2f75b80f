// The CSV and Excel forms of a report hold the Report's figures: read back with a CSV parser and with exceljs.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { writeReport } from "../../../../src/delivery/reports/formats/write-report.ts";
import { buildReportFixture, buildReportSettings, hostileLabel } from "../../../helpers/report-fixture.ts";

const report = buildReportFixture();
const settings = buildReportSettings();

const readCsv = async (language: "vi" | "en") => {
  const written = await writeReport(report, { format: "csv", language, settings });
  const text = written.body as string;
  const records: string[][] = parse(text, { bom: true });
  return { written, text, header: records[0]!, rows: records.slice(1) };
};

describe("writeReport csv", () => {
  it("is RFC 4180 with a byte-order mark, CRLF line ends and the same number of fields on every line", async () => {
    const { written, text, header, rows } = await readCsv("vi");
    expect(written.contentType).toMatch(/^text\/csv; charset=utf-8/);
    expect(written.fileName).toBe("bantin-report-2026-half-year-1-by-province.csv");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split("\r\n").length).toBe(rows.length + 2); // the last line ends with CRLF too
    expect(text.replaceAll("\r\n", "")).not.toContain("\n");
    for (const row of rows) expect(row.length).toBe(header.length);
  });

  it("has one row per group, language, reason, screen item, station language and channel, plus the totals", async () => {
    const { rows } = await readCsv("en");
    const expected = (figures: typeof report.figures, grouped: boolean) =>
      figures.bulletins.groups.length +
      (grouped ? 1 : 0) +
      new Set([...figures.bulletins.bySourceLanguage, ...figures.bulletins.byTargetLanguage].map((row) => row.language)).size +
      figures.messages.groups.length +
      (grouped ? 1 : 0) +
      figures.messages.reasons.length +
      figures.screens.plays.length +
      figures.screens.uptime.length +
      figures.radio.length +
      figures.speed.byChannel.length +
      1;
    expect(rows.length).toBe(expected(report.figures, true) + expected(report.drills, true));
    expect(rows.filter((row) => row[0] === "Test and exercise").length).toBe(expected(report.drills, true));
  });

  it("writes the Report's figures as plain numbers under their column, and labels with markup as text", async () => {
    const { header, rows } = await readCsv("en");
    const column = (name: string) => header.indexOf(name);
    const messagesTitle = "SMS and voice messages handed over and delivered";
    for (const group of report.figures.messages.groups) {
      const row = rows.find(
        (candidate) => candidate[0] === "Actual bulletins" && candidate[1] === messagesTitle && candidate[column("Code")] === group.group.key,
      )!;
      expect(Number(row[column("Delivered")])).toBe(group.delivered);
      expect(Number(row[column("Billed SMS parts")])).toBe(group.billedParts);
      expect(row[column("Delivered")]).toMatch(/^\d+$/);
    }
    const total = rows.find((row) => row[1] === messagesTitle && row[column("Code")] === "total" && row[0] === "Actual bulletins")!;
    expect(Number(total[column("Handed over")])).toBe(report.figures.messages.totals.handedOver);
    expect(rows.some((row) => row[column("Province")] === hostileLabel)).toBe(true);
    const uptime = rows.find((row) => row[column("Code")] === "VN-QB-CHALO" && row[column("Heard from (%)")] !== "")!;
    expect(Number(uptime[column("Heard from (%)")])).toBe(61.25);
    expect(uptime[column("Last contact")]).toBe("2026-06-10T08:15:00+07:00");
    expect(uptime[column("Silent too long")]).toBe("Yes");
  });

  it("codes a screen's rows by its border gate, as the other tables code theirs by place, not by internal ids", async () => {
    const { header, rows } = await readCsv("en");
    const column = (name: string) => header.indexOf(name);
    const plays = rows.filter((row) => row[0] === "Actual bulletins" && row[1] === "Plays on the screens, by item and language");
    expect(plays.map((row) => [row[column("Code")], row[column("Screen")], row[column("Border gate")]])).toEqual([
      ["VN-HT-CAUTREO", "Cầu Treo - sảnh xuất cảnh", "Cầu Treo"],
      ["VN-HT-CAUTREO", "Cầu Treo - sảnh xuất cảnh", "Cầu Treo"],
      ["VN-QB-CHALO", hostileLabel, "Cha Lo"],
    ]);
    const uptime = rows.filter((row) => row[1] === "Screens: share of the period heard from");
    expect(uptime.map((row) => row[column("Code")])).toEqual(["VN-HT-CAUTREO", "VN-QB-CHALO"]);
  });

  it("codes a radio station's rows by the area it serves, its area and language in their own columns", async () => {
    const { header, rows } = await readCsv("en");
    const column = (name: string) => header.indexOf(name);
    const radio = rows.filter((row) => row[0] === "Actual bulletins" && row[column("Minutes aired")] !== "");
    expect(radio.map((row) => [row[column("Code")], row[column("Radio station")], row[column("Area")], row[column("Language")]])).toEqual([
      ["VN-HT-HUONGSON", "Đài truyền thanh xã Sơn Kim 1", "Hương Sơn", "Vietnamese"],
      ["VN-HT-HUONGSON", "Đài truyền thanh xã Sơn Kim 1", "Hương Sơn", "Lao"],
    ]);
  });

  it("puts an apostrophe before a text a spreadsheet would run as a formula", async () => {
    const { header, rows } = await readCsv("en");
    const headlines = rows.map((row) => row[header.indexOf("Bulletin")]).filter(Boolean);
    expect(headlines).toContain(`'=HYPERLINK("http://x") <img src=x onerror=alert(1)>`);
    expect(headlines.some((headline) => headline!.startsWith("="))).toBe(false);
  });

  it("has Vietnamese headers and labels in Vietnamese", async () => {
    const { header, rows } = await readCsv("vi");
    expect(header.slice(0, 5)).toEqual(["Phạm vi", "Mục", "Mã", "Tỉnh", "Phát hành"]);
    expect(rows.some((row) => row.includes("Tổng cộng"))).toBe(true);
    expect(rows.some((row) => row.includes("Tiếng Lào"))).toBe(true);
  });
});

const readXlsx = async (language: "vi" | "en") => {
  const written = await writeReport(report, { format: "xlsx", language, settings });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(written.body as unknown as ArrayBuffer);
  return { written, workbook };
};

/** A sheet as objects keyed by its header row. */
const sheetRows = (sheet: ExcelJS.Worksheet) => {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(header.map((name, index) => [name, row.getCell(index + 1).value])));
  });
  return rows;
};

describe("writeReport xlsx", () => {
  it("has a summary sheet and one sheet per table, each with a frozen header row", async () => {
    const { written, workbook } = await readXlsx("en");
    expect(written.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Report",
      "Bulletins",
      "Languages",
      "Messages",
      "Reasons",
      "Screen plays",
      "Screen uptime",
      "Radio",
      "Speed",
    ]);
    for (const sheet of workbook.worksheets.slice(1)) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.getRow(1).font?.bold).toBe(true);
      // exceljs leaves out a column of the default width (9) and no style; the reader then reports no width
      for (const column of sheet.columns) expect(column.width ?? 9).toBeGreaterThanOrEqual(8);
    }
    const plays = workbook.getWorksheet("Screen plays")!;
    const headlineColumn = (plays.getRow(1).values as string[]).indexOf("Bulletin");
    const longest = Math.max(...report.figures.screens.plays.map((row) => row.headline.length));
    expect(plays.getColumn(headlineColumn).width).toBeGreaterThanOrEqual(Math.min(60, longest));
  });

  it("holds every figure of the messages and bulletins sections as numbers equal to the Report's", async () => {
    const { workbook } = await readXlsx("en");
    const messages = sheetRows(workbook.getWorksheet("Messages")!);
    for (const [scope, figures] of [
      ["Actual bulletins", report.figures],
      ["Test and exercise", report.drills],
    ] as const) {
      for (const group of figures.messages.groups) {
        const row = messages.find((candidate) => candidate.Scope === scope && candidate.Code === group.group.key)!;
        expect(row["Handed over"]).toBe(group.handedOver);
        expect(row.Delivered).toBe(group.delivered);
        expect(row.Failed).toBe(group.failed);
        expect(row["Billed SMS parts"]).toBe(group.billedParts);
        expect(row.Cancelled).toBe(group.cancelled);
      }
      const total = messages.find((candidate) => candidate.Scope === scope && candidate.Code === "total")!;
      expect(total.Delivered).toBe(figures.messages.totals.delivered);
    }
    const bulletins = sheetRows(workbook.getWorksheet("Bulletins")!);
    expect(bulletins.find((row) => row.Code === "VN-HT-CAUTREO")!.Province).toBe(hostileLabel);
    expect(bulletins.filter((row) => row.Scope === "Actual bulletins").map((row) => row.Published)).toEqual([
      ...report.figures.bulletins.groups.map((group) => group.published),
      report.figures.bulletins.totals.published,
    ]);
  });

  it("types shares as percentages, instants as dates on the province's clock, yes/no as booleans", async () => {
    const { workbook } = await readXlsx("vi");
    const sheet = workbook.getWorksheet("Liên lạc màn hình")!;
    const rows = sheetRows(sheet);
    const silent = rows.find((row) => row.Mã === "VN-QB-CHALO")!;
    expect(silent["Có liên lạc (%)"]).toBe(0.6125);
    expect(silent["Mất liên lạc quá lâu"]).toBe(true);
    const lastContact = silent["Lần liên lạc cuối"] as Date;
    expect(lastContact).toBeInstanceOf(Date);
    // 08:15 in the province, written as the wall clock Excel shows
    expect(lastContact.toISOString()).toBe("2026-06-10T08:15:00.000Z");
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(sheet.getRow(2).getCell(header.indexOf("Có liên lạc (%)") + 1).numFmt).toBe("0.0%");
    const radio = sheetRows(workbook.getWorksheet("Phát thanh")!);
    expect(radio.map((row) => row["Số phút phát sóng"])).toEqual(report.figures.radio.map((row) => row.airedMinutes));
    expect(radio.map((row) => [row.Mã, row["Địa bàn"], row["Ngôn ngữ"]])).toEqual([
      ["VN-HT-HUONGSON", "Hương Sơn", "Tiếng Việt"],
      ["VN-HT-HUONGSON", "Hương Sơn", "Tiếng Lào"],
    ]);
    const speed = sheetRows(workbook.getWorksheet("Tốc độ")!);
    expect(speed.find((row) => row.Mã === "radio/urgent" && row["Phạm vi"] === "Bản tin thật")!["Trung vị (giây)"]).toBeNull();
  });

  it("says in the summary sheet what the report is and which days it covers", async () => {
    const { workbook } = await readXlsx("vi");
    const summary = workbook.getWorksheet("Báo cáo")!;
    expect(summary.getCell("B1").value).toBe("BÁO CÁO Kết quả thực hiện công tác thông tin đối ngoại 6 tháng đầu năm 2026");
    expect((summary.getCell("B2").value as Date).toISOString().slice(0, 10)).toBe("2025-12-15");
    expect((summary.getCell("B3").value as Date).toISOString().slice(0, 10)).toBe("2026-06-14");
  });
});
