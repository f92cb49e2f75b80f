// Report periods in the province's time zone: any from/to, or a preset (month, quarter, the reporting half-year or
// year between cut-off days). Asia/Ho_Chi_Minh has kept UTC+07:00 without daylight saving since 1975, so a day
// starts at 17:00 UTC the day before and periods are computed with that fixed offset.
import { defaultReportCutoffs, reportPresets, reportTimeZone, type ReportCutoff, type ReportPeriod, type ReportPreset } from "../../domain/reports.ts";
import { AppError } from "../../errors.ts";

const offsetMs = 7 * 3_600_000;
const offset = "+07:00";
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
// a date and time with an explicit offset or Z: without one, nobody knows which clock it was read on
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export type PeriodRequest = {
  from?: string;
  to?: string;
  preset?: string;
  year?: number;
  /** month 1-12, quarter 1-4, or the reporting period between cut-offs (1-2 with the two default cut-offs) */
  index?: number;
  cutoffs?: readonly ReportCutoff[];
};

const invalid = (path: string, message: string) => new AppError("validation_failed", message, { errors: [{ path, message }] });

/** Midnight at the start of a day in the province, as UTC milliseconds. */
const provinceMidnight = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) - offsetMs;

/** The province's wall-clock time of an instant, ISO 8601 with its offset. */
export const toProvinceIso = (ms: number) => new Date(ms + offsetMs).toISOString().replace(/\.\d{3}Z$/, offset);

const parseBound = (path: "from" | "to", value: string) => {
  const day = dayPattern.exec(value);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const ms = provinceMidnight(year, month, date);
    const check = new Date(ms + offsetMs);
    if (month < 1 || month > 12 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
      throw invalid(path, `${path}: ${value} is not a date in the calendar`);
    }
    return ms;
  }
  if (!instantPattern.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(path, `${path}: "${value}" is neither a date (2026-06-15) nor a date and time with its offset (2026-06-15T00:00:00+07:00)`);
  }
  return Date.parse(value);
};

const requireIndex = (kind: ReportPreset, index: number | undefined, max: number) => {
  if (index === undefined) throw invalid("index", `index: a ${kind} preset needs which ${kind} of the year (1-${max})`);
  if (!Number.isInteger(index) || index < 1 || index > max) throw invalid("index", `index: a ${kind} of the year is 1-${max}, not ${index}`);
  return index;
};

/** The cut-off day of `year` as a province midnight. */
const cutoffAt = (year: number, cutoff: ReportCutoff) => provinceMidnight(year, cutoff.month, cutoff.day);

/** From inclusive, to exclusive. A preset period runs from the cut-off day of the previous period up to the day
 *  before its own (Decree 09/2019/ND-CP, art. 12): with 15/6 and 15/12, the first half-year of 2026 is
 *  15/12/2025-14/6/2026 and the year 2026 is 15/12/2025-14/12/2026. */
export const resolveReportPeriod = (request: PeriodRequest): ReportPeriod => {
  const { from, to, preset, year, index } = request;
  const cutoffs = [...(request.cutoffs ?? defaultReportCutoffs)].sort((a, b) => a.month - b.month || a.day - b.day);
  if (preset !== undefined) {
    if (from !== undefined || to !== undefined) throw invalid("preset", "preset: give either a preset or from and to, not both");
    if (!(reportPresets as readonly string[]).includes(preset)) throw invalid("preset", `preset: "${preset}" is not one of ${reportPresets.join(", ")}`);
    const kind = preset as ReportPreset;
    if (year === undefined) throw invalid("year", `year: a ${kind} preset needs the year`);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid("year", `year: ${year} is not a year from 2000 to 2100`);
    let start: number;
    let end: number;
    let chosen: number | undefined;
    if (kind === "month") {
      chosen = requireIndex(kind, index, 12);
      start = provinceMidnight(year, chosen, 1);
      end = provinceMidnight(year, chosen + 1, 1);
    } else if (kind === "quarter") {
      chosen = requireIndex(kind, index, 4);
      start = provinceMidnight(year, (chosen - 1) * 3 + 1, 1);
      end = provinceMidnight(year, chosen * 3 + 1, 1);
    } else if (kind === "half-year") {
      if (cutoffs.length === 0) throw invalid("preset", "preset: no reporting cut-off days are configured (REPORT_CUTOFFS)");
      chosen = requireIndex(kind, index, cutoffs.length);
      // the period ending at the year's chosen cut-off starts at the one before it (the last one of the year before)
      end = cutoffAt(year, cutoffs[chosen - 1]!);
      start = chosen === 1 ? cutoffAt(year - 1, cutoffs.at(-1)!) : cutoffAt(year, cutoffs[chosen - 2]!);
    } else {
      if (index !== undefined && index !== 1) throw invalid("index", `index: a year preset has no index other than 1, not ${index}`);
      if (cutoffs.length === 0) throw invalid("preset", "preset: no reporting cut-off days are configured (REPORT_CUTOFFS)");
      end = cutoffAt(year, cutoffs.at(-1)!);
      start = cutoffAt(year - 1, cutoffs.at(-1)!);
    }
    return {
      from: toProvinceIso(start),
      to: toProvinceIso(end),
      timeZone: reportTimeZone,
      preset: { kind, year, ...(chosen !== undefined ? { index: chosen } : {}) },
    };
  }
  if (year !== undefined || index !== undefined) throw invalid(year !== undefined ? "year" : "index", "year and index go with a preset");
  if (from === undefined || to === undefined)
    throw invalid(from === undefined ? "from" : "to", "give from and to (to is exclusive), or a preset with its year");
  const start = parseBound("from", from);
  const end = parseBound("to", to);
  if (start >= end) throw invalid("to", `to (${to}) must be after from (${from}); to is exclusive`);
  if (end - start > 10 * 366 * 86_400_000) throw invalid("to", "a report covers at most ten years");
  return { from: toProvinceIso(start), to: toProvinceIso(end), timeZone: reportTimeZone };
};
