// The report as one CSV file (RFC 4180, CRLF, UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese
// right). Every table of the report is stacked in one sheet of rows with the same columns: the first columns say
// which scope (actual bulletins, or test and exercise) and which table a row belongs to, then "Code" (the group's
// key, a language code, a reason code, a screen's border-gate code, a radio station's area code, "total" for a total
// row), then every column any table has, empty where a table has no such column. One row per group, per language, per reason,
// per screen item, per station language and per channel and urgency. Numbers are plain (1234, 12.5; the share of
// the period a screen was heard from in percent), instants ISO 8601 with the province's offset, yes/no in words;
// a text that starts like a formula (=, +, -, @) gets a leading apostrophe so no spreadsheet runs it.
import { stringify } from "csv-stringify/sync";
import type { Report } from "../../../domain/index.ts";
import { reportTables, type ColumnKind, type ReportCell, type ReportColumn } from "./report-tables.ts";
import type { ReportWords } from "./report-words.ts";

const plainCell = (words: ReportWords, kind: ColumnKind, value: ReportCell): string => {
  if (value === null || value === undefined) return "";
  if (kind === "share" && typeof value === "number") return String(Math.round(value * 10_000) / 100);
  if (kind === "boolean") return words.t(value ? "columns.yes" : "columns.no");
  // a text a spreadsheet would run as a formula (a headline "=HYPERLINK(...)") gets an apostrophe in front, so it
  // stays text (OWASP, "CSV injection"); the "Code" column and the figures never start that way
  if (kind === "text" && typeof value === "string" && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return String(value);
};

export const writeCsv = (words: ReportWords, report: Report): string => {
  const tables = reportTables(words, report);
  const columns: ReportColumn[] = [];
  for (const table of tables) {
    for (const column of table.columns) if (!columns.some((known) => known.key === column.key)) columns.push(column);
  }
  const header = [words.t("columns.scope"), words.t("columns.section"), ...columns.map((column) => column.header)];
  const records = tables.flatMap((table) => {
    const kinds = new Map(table.columns.map((column) => [column.key, column.kind]));
    return [...table.rows, ...(table.total ? [table.total] : [])].map((row) => [
      words.t(`scopes.${table.scope}`),
      table.title,
      ...columns.map((column) => (kinds.has(column.key) ? plainCell(words, kinds.get(column.key)!, row[column.key] ?? null) : "")),
    ]);
  });
  return stringify([header, ...records], { bom: true, record_delimiter: "\r\n" });
};
