// bantin report, run as an operator would, on the embedded database in a temporary folder.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../src/bin.mjs", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "bantin-cli-report-"));
const env = { ...process.env, BANTIN_DATA_DIR: path.join(dir, "data"), DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "warn" };
const bantin = (args: string[], extraEnv: Record<string, string> = {}) =>
  run(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv }, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
/** A command that must fail: its exit status and what it said. */
const refused = async (args: string[], extraEnv: Record<string, string> = {}) => {
  try {
    await bantin(args, extraEnv);
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
  throw new Error(`bantin ${args.join(" ")} succeeded`);
};

describe("bantin report", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has its own help: periods, presets, formats, languages and the settings file", async () => {
    const { stdout } = await bantin(["report", "--help"]);
    expect(stdout).toContain(
      "usage: bantin report (--from DATE --to DATE | --preset P --year Y [--index N]) [--group-by X] --format F [--lang vi|en] --out FILE",
    );
    for (const text of ["--group-by X", "half-year", "REPORT_SETTINGS_FILE", "REPORT_CUTOFFS", "csv, xlsx, docx, html, json", "- for standard output"])
      expect(stdout).toContain(text);
  });

  it("refuses a missing period, unknown values and a preset without its year, with exit status 2 and the reason", async () => {
    const out = path.join(dir, "never.xlsx");
    const noPeriod = await refused(["report", "--format", "xlsx", "--out", out]);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.stderr).toContain("give a period");
    const wrong = await refused(["report", "--preset", "week", "--year", "2026", "--format", "pdf", "--lang", "lo", "--out", out]);
    expect(wrong.code).toBe(2);
    for (const text of ["--preset is one of", "--format is one of", "--lang is one of"]) expect(wrong.stderr).toContain(text);
    expect((await refused(["report", "--preset", "year", "--format", "csv", "--out", out])).stderr).toContain("--preset needs --year");
    expect((await refused(["report", "--preset", "month", "--year", "2026", "--index", "13", "--format", "csv", "--out", out])).stderr).toContain("index");
    expect((await refused(["report", "--from", "2026-02-30", "--to", "2026-03-01", "--format", "csv", "--out", out])).stderr).toContain(
      "not a date in the calendar",
    );
  }, 60_000);

  it("names every problem of a broken settings file before computing a Word report", async () => {
    const settings = path.join(dir, "settings.json");
    writeFileSync(settings, JSON.stringify({ governingBody: { vi: "UBND TỈNH HÀ TĨNH" }, recipients: [] }));
    const broken = await refused(["report", "--preset", "year", "--year", "2026", "--format", "docx", "--out", path.join(dir, "never.docx")], {
      REPORT_SETTINGS_FILE: settings,
    });
    expect(broken.code).toBe(2);
    for (const text of [settings, "issuingBody", "signer", "recipients"]) expect(broken.stderr).toContain(text);
  });

  it("writes the xlsx with the figures of the json, and says what it wrote on stderr (no bar without a terminal)", async () => {
    await bantin(["seed"]);
    const period = ["--preset", "half-year", "--year", "2026", "--index", "1", "--group-by", "channel"];
    const xlsx = path.join(dir, "report.xlsx");
    const written = await bantin(["report", ...period, "--format", "xlsx", "--lang", "en", "--out", xlsx]);
    expect(written.stderr).toContain("computing 10 sections of figures");
    expect(written.stderr).toContain(`wrote ${xlsx} (xlsx, 2025-12-15T00:00:00+07:00 to 2026-06-15T00:00:00+07:00)`);
    expect(written.stderr).not.toContain("\r");
    const { stdout } = await bantin(["report", ...period, "--format", "json", "--out", "-"]);
    const json = JSON.parse(stdout);
    expect(json.period).toMatchObject({ from: "2025-12-15T00:00:00+07:00", preset: { kind: "half-year", year: 2026, index: 1 } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Messages")!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const total = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((row) => row.getCell(1).value === "Actual bulletins" && row.getCell(header.indexOf("Code") + 1).value === "total")!;
    expect(total.getCell(header.indexOf("Handed over") + 1).value).toBe(json.figures.messages.totals.handedOver);
    expect(total.getCell(header.indexOf("Delivered") + 1).value).toBe(json.figures.messages.totals.delivered);
  }, 180_000);
});
