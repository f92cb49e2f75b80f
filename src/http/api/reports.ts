// Reports (admin and reporter): resolve the period, build the report in the database, answer it as JSON or, with
// ?format=, as a download in one of the formats (CSV, Excel, Word, printable page, JSON) written from the same Report.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { requireRole } from "../../access/actor.ts";
import { buildReport } from "../../delivery/reports/build-report.ts";
import { resolveReportPeriod } from "../../delivery/reports/periods.ts";
import { loadReportSettings, ReportSettingsError } from "../../delivery/reports/formats/report-settings.ts";
import { reportLanguages, type ReportLanguage } from "../../delivery/reports/formats/report-words.ts";
import { reportFormats, writeReport, type ReportFormat } from "../../delivery/reports/formats/write-report.ts";
import { defaultReportSettingsFile } from "../../config.ts";
import { AppError } from "../../errors.ts";
import { bulletinModes, channels, languages, urgencies } from "../../domain/index.ts";
import { reportGroupings, reportPresets, reportTimeZone, type Report } from "../../domain/reports.ts";
import type { AppEnv } from "../app-env.ts";
import { describeRoute } from "../describe-route.ts";
import { validate } from "../middleware/validate.ts";

const integer = (name: string) =>
  z
    .string()
    .regex(/^\d{1,4}$/, `${name} must be a whole number`)
    .transform(Number);

export const ReportQuerySchema = z.strictObject({
  from: z.string().max(40).optional().describe("inclusive: a date (2026-01-01, the province's midnight) or a date and time with its offset"),
  to: z.string().max(40).optional().describe("exclusive, like from"),
  preset: z.enum(reportPresets).optional().describe("instead of from/to: month, quarter, half-year or year (the last two between the reporting cut-off days)"),
  year: integer("year").optional(),
  index: integer("index").optional().describe("month 1-12, quarter 1-4, half-year 1-2"),
  groupBy: z.enum(reportGroupings).optional(),
  format: z
    .enum(reportFormats)
    .optional()
    .describe("a download (Content-Disposition: attachment) instead of the JSON answer: csv, xlsx, docx, html (printable page) or json"),
  language: z.enum(reportLanguages).optional().describe("the download's language: vi (default) or en"),
});

const count = z.number().int().min(0);
const group = z.object({ key: z.string(), label: z.string() });
const bulletinCounts = { published: count, corrected: count, withdrawn: count };
const messageCounts = { handedOver: count, submitted: count, delivered: count, failed: count, billedParts: count, rejected: count, cancelled: count };
const speed = { count, medianSec: z.number().nullable(), p95Sec: z.number().nullable() };
const language = z.enum(languages);

const ReportFiguresSchema = z.object({
  bulletins: z.object({
    totals: z.object(bulletinCounts),
    bySourceLanguage: z.array(z.object({ language, published: count })),
    byTargetLanguage: z.array(z.object({ language, published: count })),
    groups: z.array(z.object({ group, ...bulletinCounts })),
  }),
  messages: z.object({
    totals: z.object(messageCounts),
    groups: z.array(z.object({ group, ...messageCounts })),
    reasons: z.array(z.object({ reason: z.string(), rejected: count, cancelled: count })),
  }),
  screens: z.object({
    plays: z.array(
      z.object({
        screenId: z.uuid(),
        screen: z.string(),
        gate: z.string(),
        gateCode: z.string(),
        bulletinId: z.uuid(),
        headline: z.string(),
        language,
        plays: count,
        playedSec: z.number().min(0),
      }),
    ),
    uptime: z.array(
      z.object({
        screenId: z.uuid(),
        screen: z.string(),
        gate: z.string(),
        gateCode: z.string(),
        heardShare: z.number().min(0).max(1),
        lastContact: z.iso.datetime().nullable(),
        silentTooLong: z.boolean(),
      }),
    ),
  }),
  radio: z.array(
    z.object({
      stationId: z.uuid(),
      station: z.string(),
      area: z.string(),
      areaCode: z.string(),
      language,
      fetched: count,
      aired: count,
      airedMinutes: z.number().min(0),
    }),
  ),
  speed: z.object({
    byChannel: z.array(z.object({ channel: z.enum(channels), urgency: z.enum(urgencies), ...speed })),
    corrections: z.object(speed),
  }),
});

/** The report as JSON: what the OpenAPI document shows and what every format reads. */
export const ReportResponseSchema = z.object({
  period: z.object({
    from: z.string(),
    to: z.string(),
    timeZone: z.literal(reportTimeZone),
    preset: z.object({ kind: z.enum(reportPresets), year: z.number().int(), index: z.number().int().optional() }).optional(),
  }),
  generatedAt: z.iso.datetime(),
  groupBy: z.enum(reportGroupings).nullable(),
  figures: ReportFiguresSchema.describe("actual bulletins only"),
  drills: ReportFiguresSchema.describe(`${bulletinModes.filter((mode) => mode !== "actual").join(" and ")} bulletins, left out of figures`),
});

/** A report as a download in one of the formats; the API and the console's reports page answer with it. */
export const reportDownload = async (c: Context<AppEnv>, report: Report, options: { format: ReportFormat; language: ReportLanguage }) => {
  const { reportSettingsFile, logger } = c.get("deps");
  // only the documents (docx, html) show who issues and signs; the settings are read for each, so an edit counts
  // at once, and a broken file names its problems in the log (the answer does not show the server's files)
  let settings: ReturnType<typeof loadReportSettings> | undefined;
  if (options.format === "docx" || options.format === "html") {
    try {
      settings = loadReportSettings(reportSettingsFile ?? defaultReportSettingsFile);
    } catch (error) {
      if (!(error instanceof ReportSettingsError)) throw error;
      logger.error({ file: error.file, problems: error.problems }, "report settings are not usable");
      throw new AppError("unavailable", "The report settings (REPORT_SETTINGS_FILE) are not usable; the server's log names the problems");
    }
  }
  const written = await writeReport(report, { format: options.format, language: options.language, settings });
  return c.body(typeof written.body === "string" ? written.body : new Uint8Array(written.body), 200, {
    "content-type": written.contentType,
    "content-disposition": `attachment; filename="${written.fileName}"`,
  });
};

export const reportRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    requireRole(c.get("actor"), "admin", "reporter");
    await next();
  })
  .get(
    "/activity",
    describeRoute({
      summary:
        "The activity report (admin or reporter) for a period in Asia/Ho_Chi_Minh: from (inclusive) and to (exclusive), or a preset with its year and index " +
        "(month, quarter; half-year and year between the reporting cut-off days, 15/6 and 15/12 unless REPORT_CUTOFFS says otherwise: the first half-year of 2026 is 2025-12-15 to 2026-06-14). " +
        "Every figure is computed in the database; test and exercise bulletins are left out of figures and reported in drills. groupBy splits the bulletin and message figures " +
        "(areas roll up the gazetteer; a row without a place of that kind is in the group none; totals count each bulletin or message once). Bad periods are 422",
      tag: "reports",
      responses: {
        "200": {
          description:
            'The report as JSON; with format, a download (Content-Disposition: attachment; filename="bantin-report-2026-half-year-1.xlsx") in the language asked for (vi by default): ' +
            "csv (RFC 4180, UTF-8 with BOM, every table stacked with scope and section columns, one row per group), xlsx (a sheet per table, typed numbers and dates, frozen header), " +
            "docx (the administrative report of Decree 30/2020: issuing body, national motto, place and date, numbered sections, recipients and signature, from REPORT_SETTINGS_FILE), " +
            "html (the same as a printable A4 page with SVG charts) or json (this JSON). A report settings file that is not usable is a 503 for docx and html",
          headers: { "Content-Disposition": { description: "attachment; filename=... (downloads only)", schema: { type: "string" } } },
          content: {
            "application/json": { schema: ReportResponseSchema },
            "text/csv": { schema: { type: "string" } },
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: { type: "string", format: "binary" } },
            "text/html": { schema: { type: "string" } },
          },
        },
      },
    }),
    validate("query", ReportQuerySchema),
    async (c) => {
      const { groupBy, format, language, ...request } = c.req.valid("query");
      const { db, clock, reportCutoffs } = c.get("deps");
      const period = resolveReportPeriod({ ...request, cutoffs: reportCutoffs });
      const report = await buildReport(db, { period, groupBy: groupBy ?? null, now: clock() });
      if (format === undefined) return c.json(report, 200);
      return reportDownload(c, report, { format, language: language ?? "vi" });
    },
  );
