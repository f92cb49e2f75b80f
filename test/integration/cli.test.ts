// The operators' CLI, run as a user would, on the embedded database in a temporary folder.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../src/bin.mjs", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "bantin-cli-"));
const env = { ...process.env, BANTIN_DATA_DIR: path.join(dir, "data"), DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "warn" };
const bantin = (...args: string[]) => run(process.execPath, [bin, ...args], { env, encoding: "utf8" });

describe("bantin CLI", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("renders a template in the gate's languages and refuses bad fields with a clear message", async () => {
    const fields = path.join(dir, "closure.json");
    writeFileSync(fields, JSON.stringify({ gate: "VN-HT-CAUTREO", from: "2026-12-01T18:00:00+07:00", reason: "landslide" }));
    const { stdout } = await bantin("template", "render", "gate-closure", "--fields", fields);
    expect(stdout).toContain("[vi] Cửa khẩu Quốc tế Cầu Treo tạm đóng cửa");
    expect(stdout).toContain("[lo] ");
    expect(stdout).toContain("[en] Cau Treo International Border Gate temporarily closed");
    expect(stdout).not.toContain("[km]");
    writeFileSync(fields, JSON.stringify({ gate: "VN-HT-CAUTREO", from: "yesterday", reason: "landslide" }));
    const failed = await bantin("template", "render", "gate-closure", "--fields", fields).catch((error) => error);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/fields\.from: a date and time with offset/);
  }, 30_000);

  it("imports translation-memory pairs from TSV and exports them again", async () => {
    const file = path.join(dir, "pairs.tsv");
    writeFileSync(file, "Xin cảm ơn.\tសូមអរគុណ។\nCửa khẩu mở cửa.\tច្រកទ្វារបើក។\n");
    const imported = await bantin("memory", "import", file, "--source", "vi", "--target", "km");
    expect(imported.stdout).toContain("2 sentence pairs stored (vi -> km) from 2 lines");
    const exported = await bantin("memory", "export", "--source", "vi", "--target", "km");
    expect(exported.stdout.trim().split("\n").sort()).toEqual(["Cửa khẩu mở cửa.\tច្រកទ្វារបើក។", "Xin cảm ơn.\tសូមអរគុណ។"]);
    writeFileSync(file, "only one column\n");
    const failed = await bantin("memory", "import", file, "--source", "vi", "--target", "km").catch((error) => error);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('expected "source<TAB>target"');
  }, 60_000);
});
