// bantin report: the activity report for a period, written to a file in one of the formats, with a progress bar on
// stderr while the database computes it.
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { loadConfig } from "../../config.ts";
import { buildReport } from "../../delivery/reports/build-report.ts";
import { loadReportSettings, ReportSettingsError, type ReportSettings } from "../../delivery/reports/formats/report-settings.ts";
import { reportLanguages } from "../../delivery/reports/formats/report-words.ts";
import { reportFormats, writeReport } from "../../delivery/reports/formats/write-report.ts";
import { resolveReportPeriod } from "../../delivery/reports/periods.ts";
import { reportGroupings, reportPresets } from "../../domain/reports.ts";
import { fail, parseInput } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

const whole = (name: string) =>
  z
    .string()
    .regex(/^\d{1,4}$/, `--${name} must be a whole number`)
    .transform(Number)
    .optional();

const ReportOptionsSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  preset: z.enum(reportPresets, { message: `--preset is one of ${reportPresets.join(", ")}` }).optional(),
  year: whole("year"),
  index: whole("index"),
  "group-by": z.enum(reportGroupings, { message: `--group-by is one of ${reportGroupings.join(", ")}` }).optional(),
  format: z.enum(reportFormats, { message: `--format is one of ${reportFormats.join(", ")}` }),
  lang: z.enum(reportLanguages, { message: `--lang is one of ${reportLanguages.join(", ")}` }).default("vi"),
  out: z.string().min(1, "--out names the file to write (- for standard output)"),
});

/** A bar on a terminal, redrawn in place; a plain line where stderr is a file or a pipe (logs, CI). */
const progressReporter = (stream: NodeJS.WriteStream) => {
  if (!stream.isTTY) {
    let announced = false;
    return {
      update: (_done: number, total: number) => {
        if (!announced) stream.write(`bantin report: computing ${total} sections of figures...\n`);
        announced = true;
      },
      finish: () => {},
    };
  }
  const width = 30;
  return {
    update: (done: number, total: number) => {
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} sections`);
    },
    finish: () => stream.write("\n"),
  };
};

export const report = defineCommand({
  synopsis: "bantin report (--from DATE --to DATE | --preset P --year Y [--index N]) [--group-by X] --format F [--lang vi|en] --out FILE",
  about: [
    "Writes the activity report for a period (the province's time zone, Asia/Ho_Chi_Minh) computed from the delivery log.",
    "A period is --from (inclusive) and --to (exclusive), each a date (2026-01-01) or a date and time with its offset,",
    "or a preset: month (--index 1-12), quarter (--index 1-4), half-year (--index 1-2) or year, the last two between",
    "the reporting cut-off days (REPORT_CUTOFFS, 15/6 and 15/12 by default: half-year 1 of 2026 is 15/12/2025-14/6/2026).",
    "docx and html show who issues, signs and receives the report: REPORT_SETTINGS_FILE (infra/report-settings.json).",
    "Example: bantin report --preset half-year --year 2026 --index 1 --format docx --out bao-cao.docx",
  ].join("\n"),
  options: {
    from: { type: "string", value: "DATE", description: "first day (or instant) of the period, inclusive" },
    to: { type: "string", value: "DATE", description: "the day (or instant) after the period: exclusive" },
    preset: { type: "string", value: "P", description: `instead of --from/--to: ${reportPresets.join(", ")}` },
    year: { type: "string", value: "Y", description: "the preset's year" },
    index: { type: "string", value: "N", description: "which month (1-12), quarter (1-4) or half-year (1-2)" },
    "group-by": { type: "string", value: "X", description: `split the bulletin and message figures by ${reportGroupings.join(", ")}` },
    format: { type: "string", value: "F", description: `${reportFormats.join(", ")}` },
    lang: { type: "string", value: "vi|en", description: "the report's language (default vi)" },
    out: { type: "string", value: "FILE", description: "where to write it; - for standard output" },
  },
  run: async ({ values }) => {
    const options = parseInput(ReportOptionsSchema, values);
    if (options.preset === undefined && options.from === undefined && options.to === undefined) {
      fail("report: give a period: --from and --to, or --preset with --year (and --index)\n(bantin report --help shows how)");
    }
    if (options.preset !== undefined && options.year === undefined) fail("report: --preset needs --year");
    if (options.out === "-" && (options.format === "xlsx" || options.format === "docx") && process.stdout.isTTY) {
      fail(`report: a ${options.format} file is not for a terminal; name a file with --out`);
    }
    const config = loadConfig();
    // the documents' settings are checked before the report is computed, so a broken file fails at once
    let settings: ReportSettings | undefined;
    if (options.format === "docx" || options.format === "html") {
      try {
        settings = loadReportSettings(config.reportSettingsFile);
      } catch (error) {
        if (error instanceof ReportSettingsError) fail(error.message);
        throw error;
      }
    }
    const period = resolveReportPeriod({
      from: options.from,
      to: options.to,
      preset: options.preset,
      year: options.year,
      index: options.index,
      cutoffs: config.reportCutoffs,
    });
    await withRuntime(async (runtime) => {
      const progress = progressReporter(process.stderr);
      const built = await buildReport(runtime.database.db, { period, groupBy: options["group-by"] ?? null, onProgress: progress.update });
      progress.finish();
      const written = await writeReport(built, { format: options.format, language: options.lang, settings });
      if (options.out === "-") {
        process.stdout.write(written.body);
        return;
      }
      try {
        writeFileSync(options.out, written.body);
      } catch (error) {
        fail(`report: cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      process.stderr.write(`bantin report: wrote ${options.out} (${options.format}, ${period.from} to ${period.to})\n`);
    });
  },
});
