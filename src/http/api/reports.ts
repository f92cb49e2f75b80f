// Reports (admin and reporter): resolve the period, build the report in the database, answer it. The formats (CSV,
// Excel, Word, printable page) are other writers of the same Report.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole } from "../../access/actor.ts";
import { buildReport } from "../../delivery/reports/build-report.ts";
import { resolveReportPeriod } from "../../delivery/reports/periods.ts";
import { bulletinModes, channels, languages, urgencies } from "../../domain/index.ts";
import { reportGroupings, reportPresets, reportTimeZone } from "../../domain/reports.ts";
import type { AppEnv } from "../app-env.ts";
import { validate } from "../middleware/validate.ts";

const integer = (name: string) => z.string().regex(/^\d{1,4}$/, `${name} must be a whole number`).transform(Number);

export const ReportQuerySchema = z.strictObject({
  from: z.string().max(40).optional().describe("inclusive: a date (2026-01-01, the province's midnight) or a date and time with its offset"),
  to: z.string().max(40).optional().describe("exclusive, like from"),
  preset: z.enum(reportPresets).optional().describe("instead of from/to: month, quarter, half-year or year (the last two between the reporting cut-off days)"),
  year: integer("year").optional(),
  index: integer("index").optional().describe("month 1-12, quarter 1-4, half-year 1-2"),
  groupBy: z.enum(reportGroupings).optional(),
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
    plays: z.array(z.object({ screenId: z.uuid(), screen: z.string(), gate: z.string(), bulletinId: z.uuid(), headline: z.string(), language, plays: count, playedSec: z.number().min(0) })),
    uptime: z.array(z.object({ screenId: z.uuid(), screen: z.string(), gate: z.string(), heardShare: z.number().min(0).max(1), lastContact: z.iso.datetime().nullable(), silentTooLong: z.boolean() })),
  }),
  radio: z.array(z.object({ stationId: z.uuid(), station: z.string(), language, fetched: count, aired: count, airedMinutes: z.number().min(0) })),
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

export const reportRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    requireRole(c.get("actor"), "admin", "reporter");
    await next();
  })
  .get("/activity", validate("query", ReportQuerySchema), async (c) => {
    const { groupBy, ...request } = c.req.valid("query");
    const { db, clock, reportCutoffs } = c.get("deps");
    const period = resolveReportPeriod({ ...request, cutoffs: reportCutoffs });
    return c.json(await buildReport(db, { period, groupBy: groupBy ?? null, now: clock() }), 200);
  });
