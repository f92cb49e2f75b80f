// The settings file is checked with every problem named; the words of the title and the date line follow the
// administrative forms.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/config.ts";
import { loadReportSettings, parseReportSettings, ReportSettingsError } from "../../../../src/delivery/reports/formats/report-settings.ts";
import { groupLabel, periodPhrase, placeDateLine, reportFileName, reportWords } from "../../../../src/delivery/reports/formats/report-words.ts";
import type { ReportPeriod } from "../../../../src/domain/index.ts";
import { buildReportFixture, buildReportSettings } from "../../../helpers/report-fixture.ts";

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ReportSettingsError) return error.problems;
    throw error;
  }
  throw new Error("expected a ReportSettingsError");
};

describe("report settings", () => {
  it("ships a settings file that is valid, found by default whatever the working directory", () => {
    const config = parseConfig({});
    expect(config.reportSettingsFile).toMatch(/infra[\\/]report-settings\.json$/);
    const settings = loadReportSettings(config.reportSettingsFile);
    expect(settings.issuingBody.vi).toBe("SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
    expect(settings.recipients.length).toBeGreaterThan(0);
  });

  it("takes another file from REPORT_SETTINGS_FILE", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bantin-settings-"));
    const file = path.join(dir, "settings.json");
    writeFileSync(file, JSON.stringify(buildReportSettings({ place: { vi: "Hòa Bình" } })));
    const config = parseConfig({ REPORT_SETTINGS_FILE: file });
    expect(config.reportSettingsFile).toBe(file);
    expect(loadReportSettings(config.reportSettingsFile).place.vi).toBe("Hòa Bình");
  });

  it("names every problem of an invalid file", () => {
    const { signer: _signer, ...withoutSigner } = buildReportSettings();
    const problems = problemsOf(() => parseReportSettings({ ...withoutSigner, recipients: [], governingBody: { vi: " " }, extra: 1 }, "x.json"));
    expect(problems.some((problem) => problem.startsWith("signer:"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("recipients:") && problem.includes("at least one recipient"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("governingBody.vi:"))).toBe(true);
    expect(problems.some((problem) => problem.includes("extra"))).toBe(true);
  });

  it("says when the file is missing or not JSON", () => {
    expect(problemsOf(() => loadReportSettings("/nonexistent/report-settings.json"))[0]).toContain("does not exist");
    const dir = mkdtempSync(path.join(tmpdir(), "bantin-settings-"));
    writeFileSync(path.join(dir, "bad.json"), "{ governingBody: ");
    const error = (() => {
      try {
        loadReportSettings(path.join(dir, "bad.json"));
      } catch (caught) {
        return caught as ReportSettingsError;
      }
    })()!;
    expect(error.message).toContain(path.join(dir, "bad.json"));
    expect(error.problems[0]).toMatch(/^not JSON/);
  });
});

const period = (preset: ReportPeriod["preset"], from = "2026-01-01T00:00:00+07:00", to = "2026-02-01T00:00:00+07:00"): ReportPeriod => ({
  from,
  to,
  timeZone: "Asia/Ho_Chi_Minh",
  ...(preset ? { preset } : {}),
});

describe("report words", () => {
  const vi = reportWords("vi");
  const en = reportWords("en");

  it("says the period as a title does", () => {
    expect(periodPhrase(vi, period({ kind: "half-year", year: 2026, index: 1 }))).toBe("6 tháng đầu năm 2026");
    expect(periodPhrase(vi, period({ kind: "half-year", year: 2026, index: 2 }))).toBe("6 tháng cuối năm 2026");
    expect(periodPhrase(vi, period({ kind: "quarter", year: 2026, index: 2 }))).toBe("quý II năm 2026");
    expect(periodPhrase(vi, period({ kind: "month", year: 2026, index: 3 }))).toBe("tháng 3 năm 2026");
    expect(periodPhrase(vi, period({ kind: "year", year: 2026 }))).toBe("năm 2026");
    expect(periodPhrase(en, period({ kind: "month", year: 2026, index: 3 }))).toBe("in March 2026");
    expect(periodPhrase(en, period({ kind: "quarter", year: 2026, index: 4 }))).toBe("in quarter 4 of 2026");
    // no preset: the days it runs, `to` exclusive
    expect(periodPhrase(vi, period(undefined))).toBe("từ ngày 01/01/2026 đến ngày 31/01/2026");
    expect(periodPhrase(en, period(undefined, "2026-03-10T00:00:00+07:00", "2026-03-11T00:00:00+07:00"))).toBe("from 10/03/2026 to 10/03/2026");
  });

  it("writes the place and date line with the leading zeros of Decree 30 in Vietnamese", () => {
    // 2026-02-04 20:00 UTC is 5 February 03:00 in the province
    expect(placeDateLine(vi, "Hà Tĩnh", "2026-02-04T20:00:00Z")).toBe("Hà Tĩnh, ngày 05 tháng 02 năm 2026");
    expect(placeDateLine(vi, "Hà Tĩnh", "2026-06-15T02:30:00Z")).toBe("Hà Tĩnh, ngày 15 tháng 6 năm 2026");
    expect(placeDateLine(vi, "Hòa Bình", "2026-12-09T01:00:00Z")).toBe("Hòa Bình, ngày 09 tháng 12 năm 2026");
    expect(placeDateLine(en, "Ha Tinh", "2026-02-04T20:00:00Z")).toBe("Ha Tinh, 5 February 2026");
  });

  it("names the groups in the report's language, and the rows without a group of that kind as Other", () => {
    expect(groupLabel(vi, "channel", { key: "voice", label: "voice" })).toBe("Tin nhắn thoại");
    expect(groupLabel(en, "language", { key: "km", label: "km" })).toBe("Khmer");
    expect(groupLabel(vi, "gate", { key: "none", label: "none" })).toBe("Khác");
    expect(groupLabel(en, "province", { key: "VN-HT", label: "Hà Tĩnh" })).toBe("Hà Tĩnh");
    expect(groupLabel(en, null, { key: "all", label: "all" })).toBe("All");
  });

  it("names files without spaces or diacritics", () => {
    expect(reportFileName(buildReportFixture({ groupBy: null }), "xlsx")).toBe("bantin-report-2026-half-year-1.xlsx");
    expect(reportFileName(buildReportFixture({ groupBy: "channel", period: period(undefined) }), "csv")).toBe(
      "bantin-report-2026-01-01-2026-01-31-by-channel.csv",
    );
  });
});
