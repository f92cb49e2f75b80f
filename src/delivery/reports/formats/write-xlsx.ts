// The report as an Excel workbook: a first sheet saying what the report is (subject, period, grouping, when it was
// made), then one sheet per table of the report's sections (bulletins, languages, messages, reasons, screen plays,
// screen uptime, radio, speed). Each sheet has a frozen, filterable header row; its first column tells the actual
// bulletins' rows from the test and exercise rows. Cells are typed: counts and durations are numbers, a screen's
// share of the period is a number shown as a percentage, instants are dates, yes/no are booleans. Excel dates have
// no time zone, so instants are written as the province's wall-clock time (Asia/Ho_Chi_Minh, UTC+7).
import ExcelJS from "exceljs";
import { reportTimeZone, type Report } from "../../../domain/index.ts";
import { reportTables, type ColumnKind, type ReportCell, type ReportTable } from "./report-tables.ts";
import { groupingName, periodPhrase, type ReportWords } from "./report-words.ts";

const provinceOffsetMs = 7 * 3_600_000;
/** An instant as a Date whose UTC fields are the province's wall clock: what Excel shows is the province's time. */
const wallClock = (ms: number) => new Date(ms + provinceOffsetMs);

const numberFormats: Partial<Record<ColumnKind, string>> = {
  integer: "#,##0",
  decimal: "#,##0.0",
  share: "0.0%",
  instant: "dd/mm/yyyy hh:mm",
};

const cellValue = (kind: ColumnKind, value: ReportCell): ExcelJS.CellValue => {
  if (value === null || value === undefined) return null;
  if (kind === "instant" && typeof value === "string") return wallClock(Date.parse(value));
  return value;
};

/** Column widths from what they hold (characters), within reason. */
const widthOf = (header: string, values: string[]) => Math.min(60, Math.max(8, header.length + 2, ...values.map((value) => value.length + 2)));

const addTableSheet = (workbook: ExcelJS.Workbook, words: ReportWords, tables: ReportTable[]) => {
  const first = tables[0]!;
  const sheet = workbook.addWorksheet(words.t(`sheets.${first.id}`), { views: [{ state: "frozen", ySplit: 1 }] });
  const columns = [{ key: "scope", header: words.t("columns.scope"), kind: "text" as ColumnKind }, ...first.columns];
  const rows = tables.flatMap((table) =>
    [...table.rows, ...(table.total ? [table.total] : [])].map((row) => ({ scope: words.t(`scopes.${table.scope}`), row, isTotal: row === table.total })),
  );
  sheet.columns = columns.map((column) => ({
    key: column.key,
    header: column.header,
    width: widthOf(
      column.header,
      rows.map(({ scope, row }) => (column.key === "scope" ? scope : column.kind === "instant" ? "00/00/0000 00:00" : String(row[column.key] ?? ""))),
    ),
    style: numberFormats[column.kind] ? { numFmt: numberFormats[column.kind]! } : {},
  }));
  for (const { scope, row, isTotal } of rows) {
    const added = sheet.addRow(
      Object.fromEntries(columns.map((column) => [column.key, column.key === "scope" ? scope : cellValue(column.kind, row[column.key] ?? null)])),
    );
    if (isTotal) added.font = { bold: true };
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: "middle", wrapText: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
};

export const writeXlsx = async (words: ReportWords, report: Report): Promise<Buffer> => {
  const { t } = words;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "bantin";
  workbook.created = new Date(report.generatedAt);

  const summary = workbook.addWorksheet(t("sheets.summary"));
  summary.columns = [{ width: 24 }, { width: 80 }];
  summary.addRow([t("summary.report"), `${t("document.reportWord")} ${t("document.subject", { period: periodPhrase(words, report.period) })}`]);
  summary.addRow([t("summary.from"), wallClock(Date.parse(report.period.from))]).getCell(2).numFmt = "dd/mm/yyyy";
  // the period's `to` is exclusive: its last day is the day before
  summary.addRow([t("summary.to"), wallClock(Date.parse(report.period.to) - 1)]).getCell(2).numFmt = "dd/mm/yyyy";
  summary.addRow([t("summary.groupedBy"), report.groupBy === null ? t("columns.all") : groupingName(words, report.groupBy)]);
  summary.addRow([t("summary.generatedAt"), wallClock(Date.parse(report.generatedAt))]).getCell(2).numFmt = "dd/mm/yyyy hh:mm";
  summary.addRow([t("summary.timeZone", { zone: reportTimeZone })]);
  summary.getColumn(1).font = { bold: true };
  summary.getColumn(2).alignment = { horizontal: "left", wrapText: true };

  const tables = reportTables(words, report);
  for (const id of [...new Set(tables.map((table) => table.id))]) {
    addTableSheet(
      workbook,
      words,
      tables.filter((table) => table.id === id),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
