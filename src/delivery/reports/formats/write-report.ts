// A report written out in the format asked for: what the API route and `bantin report` hand to the reader.
// Each format reads the one Report shape (src/domain/reports.ts) and the same tables (report-tables.ts).
import type { Report } from "../../../domain/index.ts";
import type { ReportSettings } from "./report-settings.ts";
import { reportFileName, reportWords, type ReportLanguage } from "./report-words.ts";
import { writeCsv } from "./write-csv.ts";
import { writeHtml } from "./write-html.ts";

export const reportFormats = ["csv", "xlsx", "docx", "html", "json"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const reportContentTypes: Record<ReportFormat, string> = {
  csv: "text/csv; charset=utf-8; header=present",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export type WrittenReport = { body: Buffer | string; contentType: string; fileName: string };

export const writeReport = async (
  report: Report,
  /** settings: who issues, signs and receives the document; only docx and html show them, and need them */
  options: { format: ReportFormat; language: ReportLanguage; settings?: ReportSettings | undefined },
): Promise<WrittenReport> => {
  const words = reportWords(options.language);
  const settings = () => {
    if (!options.settings) throw new Error(`a ${options.format} report needs the report settings`);
    return options.settings;
  };
  const written = (body: Buffer | string) => ({ body, contentType: reportContentTypes[options.format], fileName: reportFileName(report, options.format) });
  switch (options.format) {
    case "csv":
      return written(writeCsv(words, report));
    // exceljs and docx are loaded when a workbook or a Word file is first asked for: together about 20 MB that an
    // API process serving screens and partners would otherwise carry from its start (docs/performance.md)
    case "xlsx":
      return written(await (await import("./write-xlsx.ts")).writeXlsx(words, report));
    case "docx":
      return written(await (await import("./write-docx.ts")).writeDocx(words, report, settings()));
    case "html":
      return written(writeHtml(words, report, settings()));
    case "json":
      return written(`${JSON.stringify(report, null, 2)}\n`);
  }
};
