import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config.ts";
import { resolveReportPeriod } from "../../../src/delivery/reports/periods.ts";
import { AppError } from "../../../src/errors.ts";

const failure = (request: Parameters<typeof resolveReportPeriod>[0]) => {
  try {
    resolveReportPeriod(request);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const problem = (error as AppError).toProblem();
    expect(problem.status).toBe(422);
    return problem as ReturnType<AppError["toProblem"]> & { errors: { path: string; message: string }[] };
  }
  throw new Error("no error");
};

describe("report periods in Asia/Ho_Chi_Minh", () => {
  it("starts and ends a from/to period at the province's midnights, to exclusive", () => {
    const period = resolveReportPeriod({ from: "2026-03-01", to: "2026-04-01" });
    expect(period).toEqual({ from: "2026-03-01T00:00:00+07:00", to: "2026-04-01T00:00:00+07:00", timeZone: "Asia/Ho_Chi_Minh" });
    expect(new Date(period.from).toISOString()).toBe("2026-02-28T17:00:00.000Z");
  });

  it("takes instants with an offset and shows them on the province's clock", () => {
    const period = resolveReportPeriod({ from: "2026-03-01T10:00:00Z", to: "2026-03-02T00:30:00+07:00" });
    expect(period.from).toBe("2026-03-01T17:00:00+07:00");
    expect(period.to).toBe("2026-03-02T00:30:00+07:00");
  });

  it("gives calendar months and quarters", () => {
    expect(resolveReportPeriod({ preset: "month", year: 2026, index: 2 })).toMatchObject({
      from: "2026-02-01T00:00:00+07:00",
      to: "2026-03-01T00:00:00+07:00",
      preset: { kind: "month", year: 2026, index: 2 },
    });
    expect(resolveReportPeriod({ preset: "month", year: 2026, index: 12 })).toMatchObject({
      from: "2026-12-01T00:00:00+07:00",
      to: "2027-01-01T00:00:00+07:00",
    });
    expect(resolveReportPeriod({ preset: "quarter", year: 2026, index: 4 })).toMatchObject({
      from: "2026-10-01T00:00:00+07:00",
      to: "2027-01-01T00:00:00+07:00",
    });
    expect(resolveReportPeriod({ preset: "quarter", year: 2026, index: 1 })).toMatchObject({
      from: "2026-01-01T00:00:00+07:00",
      to: "2026-04-01T00:00:00+07:00",
    });
  });

  it("follows the reporting cut-off days for the half-year and the year (Decree 09/2019/ND-CP, art. 12)", () => {
    expect(resolveReportPeriod({ preset: "half-year", year: 2026, index: 1 })).toMatchObject({
      from: "2025-12-15T00:00:00+07:00",
      to: "2026-06-15T00:00:00+07:00",
      preset: { kind: "half-year", year: 2026, index: 1 },
    });
    expect(resolveReportPeriod({ preset: "half-year", year: 2026, index: 2 })).toMatchObject({
      from: "2026-06-15T00:00:00+07:00",
      to: "2026-12-15T00:00:00+07:00",
    });
    expect(resolveReportPeriod({ preset: "year", year: 2026 })).toMatchObject({
      from: "2025-12-15T00:00:00+07:00",
      to: "2026-12-15T00:00:00+07:00",
      preset: { kind: "year", year: 2026 },
    });
  });

  it("takes other cut-off days from the configuration", () => {
    const { reportCutoffs } = parseConfig({ REPORT_CUTOFFS: "10/12" });
    expect(reportCutoffs).toEqual([{ day: 10, month: 12 }]);
    expect(resolveReportPeriod({ preset: "year", year: 2026, cutoffs: reportCutoffs })).toMatchObject({
      from: "2025-12-10T00:00:00+07:00",
      to: "2026-12-10T00:00:00+07:00",
    });
    const quarters = parseConfig({ REPORT_CUTOFFS: "15/12,15/3,15/9,15/6" }).reportCutoffs;
    expect(resolveReportPeriod({ preset: "half-year", year: 2026, index: 3, cutoffs: quarters })).toMatchObject({
      from: "2026-06-15T00:00:00+07:00",
      to: "2026-09-15T00:00:00+07:00",
    });
    expect(parseConfig({}).reportCutoffs).toEqual([
      { day: 15, month: 6 },
      { day: 15, month: 12 },
    ]);
  });

  it("refuses cut-off days that are not days of every year", () => {
    expect(() => parseConfig({ REPORT_CUTOFFS: "29/2" })).toThrow(/REPORT_CUTOFFS: 29\/2 is not a day every year has/);
    expect(() => parseConfig({ REPORT_CUTOFFS: "15/13" })).toThrow(/REPORT_CUTOFFS/);
    expect(() => parseConfig({ REPORT_CUTOFFS: "15-6" })).toThrow(/day\/month pairs/);
    expect(() => parseConfig({ REPORT_CUTOFFS: "15/6,15/06" })).toThrow(/twice/);
  });

  it("answers bad periods with a 422 naming the field", () => {
    expect(failure({ from: "2026-02-30", to: "2026-03-02" }).errors[0]).toMatchObject({
      path: "from",
      message: expect.stringContaining("not a date in the calendar"),
    });
    expect(failure({ from: "2026-03-01T10:00:00", to: "2026-03-02" }).errors[0]!.path).toBe("from");
    expect(failure({ from: "yesterday", to: "2026-03-02" }).errors[0]!.path).toBe("from");
    expect(failure({ from: "2026-03-02", to: "2026-03-02" }).errors[0]).toMatchObject({ path: "to", message: expect.stringContaining("must be after") });
    expect(failure({ from: "2026-03-03", to: "2026-03-02" }).errors[0]!.path).toBe("to");
    expect(failure({ from: "2026-03-03" }).errors[0]!.path).toBe("to");
    expect(failure({}).errors[0]!.path).toBe("from");
    expect(failure({ preset: "week", year: 2026 }).errors[0]).toMatchObject({
      path: "preset",
      message: expect.stringContaining("not one of month, quarter, half-year, year"),
    });
    expect(failure({ preset: "month", year: 2026 }).errors[0]!.path).toBe("index");
    expect(failure({ preset: "month", year: 2026, index: 13 }).errors[0]!.path).toBe("index");
    expect(failure({ preset: "half-year", year: 2026, index: 3 }).errors[0]!.path).toBe("index");
    expect(failure({ preset: "quarter", index: 1 }).errors[0]!.path).toBe("year");
    expect(failure({ preset: "year", year: 2026, from: "2026-01-01" }).errors[0]!.path).toBe("preset");
    expect(failure({ from: "2026-01-01", to: "2026-02-01", year: 2026 }).errors[0]!.path).toBe("year");
  });
});
