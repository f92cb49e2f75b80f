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
const bantinWith = (extraEnv: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv }, encoding: "utf8" });

/** What that command's help says: its options, its argument or its subject. */
const ownHelp: Record<string, string[]> = {
  start: ["demo-credentials.json"],
  migrate: ["migrations not applied yet"],
  seed: ["PUBLIC_URL, else http://HOST:PORT"],
  serve: ["With REDIS_URL unset"],
  worker: ["WORKER_CONCURRENCY"],
  "user add": ["--username U", "--roles LIST", "--password P"],
  "partner add": ["--areas LIST", "--sender LABEL", "--strip-diacritics"],
  "screen add": ["--gate CODE", "--width PX"],
  "station add": ["--area CODE", "--name-lo N", "--names-reviewed"],
  "token revoke": ["<token-id>"],
  templates: ["enumerated field"],
  "template render": ["<name>", "--fields FILE.json"],
  "places unreviewed": ["native speaker"],
  "memory import": ["<file.tsv>", "--source LANG", "--target LANG"],
  "memory export": ["what memory import reads", "--source LANG", "--target LANG"],
  report: ["--group-by X", "--lang vi|en", "REPORT_SETTINGS_FILE"],
};
/** Options only one command has: no other command's help may show them. */
const ownOptions = Object.entries(ownHelp).flatMap(([command, texts]) =>
  texts
    .filter((text) => text.startsWith("--") && Object.values(ownHelp).filter((other) => other.includes(text)).length === 1)
    .map((text) => ({ command, text })),
);

/** Runs at most `width` at a time (each run is a process compiling TypeScript). */
const inBatches = async <T, R>(items: T[], width: number, work: (item: T) => Promise<R>) => {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += width) results.push(...(await Promise.all(items.slice(at, at + width).map(work))));
  return results;
};

describe("bantin CLI", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists every command with one line each, and each command answers --help with its own usage", async () => {
    const { stdout } = await bantin("--help");
    const listed = stdout
      .slice(stdout.indexOf("commands:\n"))
      .split("\n")
      .slice(1)
      .filter((line) => line.startsWith("  "))
      .map((line) => line.trim().split(/\s{2,}/)[0]);
    expect(listed).toEqual(Object.keys(ownHelp));
    expect((await bantin("help")).stdout).toBe(stdout);
    const helps = await inBatches(Object.keys(ownHelp), 3, async (command) => ({ command, ...(await bantin(...command.split(" "), "--help")) }));
    for (const { command, stdout: help } of helps) {
      expect(help, command).toContain(`usage: bantin ${command}`);
      for (const text of ownHelp[command]!) expect(help, command).toContain(text);
      expect(help, command).toContain("-h, --help");
      expect(help, command).not.toContain("commands:");
      for (const option of ownOptions) if (option.command !== command) expect(help, `${command} shows ${option.text}`).not.toContain(option.text);
    }
    expect((await bantin("partner", "add", "-h")).stdout).toContain("--max-parts N");
    expect((await bantin("help", "memory", "import")).stdout).toContain("<file.tsv>");
  }, 120_000);

  it("refuses an option of another command, an unknown command and a stray argument with exit status 2", async () => {
    const [otherOption, unknownCommand, halfCommand, strayArgument, missingFile] = await Promise.all([
      bantin("user", "add", "--username", "someone", "--roles", "editor", "--sender", "BANTIN").catch((error) => error),
      bantin("publish", "everything").catch((error) => error),
      bantin("memory").catch((error) => error),
      bantin("templates", "gate-closure").catch((error) => error),
      bantin("memory", "import", path.join(dir, "missing.tsv"), "--source", "vi", "--target", "km").catch((error) => error),
    ]);
    expect(otherOption.code).toBe(2);
    expect(otherOption.stderr).toContain("user add: unknown option --sender");
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command "publish"');
    expect(halfCommand.code).toBe(2);
    expect(halfCommand.stderr).toContain("did you mean bantin memory import or bantin memory export?");
    expect(strayArgument.code).toBe(2);
    expect(strayArgument.stderr).toContain('templates: unexpected argument "gate-closure"');
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain("missing.tsv: ENOENT");
  }, 60_000);

  it("prints a generated password once and never echoes a password it was given", async () => {
    const given = await bantin("user", "add", "--username", "given", "--roles", "editor,approver", "--password", "S3cretS3cret!");
    expect(given.stdout).toContain("user given (editor, approver)");
    expect(given.stdout).toContain("password: as given (not shown)");
    expect(given.stdout + given.stderr).not.toContain("S3cret");
    const generated = await bantin("user", "add", "--username", "generated", "--roles", "translator");
    expect(generated.stdout).toMatch(/password \(shown once\): \S{10,}/);
  }, 60_000);

  it("adds a radio station with its on-air names, Lao marked for review, and refuses a name in a language it does not broadcast", async () => {
    const stations = { BANTIN_DATA_DIR: path.join(dir, "stations"), PUBLIC_URL: "" };
    await bantinWith(stations, "seed");
    const added = await bantinWith(
      stations,
      "station",
      "add",
      "--name",
      "Nam Đàn radio",
      "--area",
      "VN-HT-HUONGSON",
      "--languages",
      "vi,lo",
      "--name-vi",
      "Đài truyền thanh Nam Đàn",
      "--name-lo",
      "ວິທະຍຸນາມດານ",
    );
    expect(added.stdout).toContain("on-air names (Lao/Khmer names to be checked by a native speaker):\n  vi: Đài truyền thanh Nam Đàn\n  lo: ວິທະຍຸນາມດານ");
    expect(added.stdout).toMatch(/token \(shown once\): \S+/);
    const refused = await bantinWith(
      stations,
      "station",
      "add",
      "--name",
      "Other radio",
      "--area",
      "VN-HT-HUONGSON",
      "--languages",
      "vi",
      "--name-km",
      "វិទ្យុ",
    ).catch((error) => error);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("the station does not broadcast in km");
  }, 150_000);

  it("seeds the demo and prints the URL the server will answer at for the current PORT", async () => {
    // empty means unset: the URL comes from HOST (default 127.0.0.1) and PORT
    const { stdout } = await bantinWith({ BANTIN_DATA_DIR: path.join(dir, "seeded"), PORT: "3999", HOST: "", PUBLIC_URL: "" }, "seed");
    expect(stdout).toContain("gazetteer: ");
    expect(stdout).toContain("With the current PUBLIC_URL, HOST and PORT it will answer at http://127.0.0.1:3999");
    expect(stdout).toMatch(/player: http:\/\/127\.0\.0\.1:3999\/play\/[0-9a-f-]{36}#token=bt_screen_/);
    expect(stdout).not.toContain(":3000");
    // the demo reporter signs in like the other demo users; the history for reports is seeded with the demo
    expect(stdout).toMatch(/\n {2}reporter\s+\S+\s+\(reporter\)\n/);
    expect(stdout).toMatch(/demo history: \d{3} bulletins \(\d+ test or exercise\) from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, .* seeded in [\d.]+ s/);
    const again = await bantinWith({ BANTIN_DATA_DIR: path.join(dir, "seeded") }, "seed");
    expect(again.stdout).toContain("gazetteer: 0 places added");
    expect(again.stdout).toContain("the database has users already");
  }, 180_000);

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
