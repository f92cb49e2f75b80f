// GET /api/v1/reports/activity?format=...: the report as a download in every format, on every back end, with the
// same figures as the JSON answer.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createUser } from "../../src/access/users.ts";
import { backends } from "../helpers/backends.ts";
import { silentLogger, startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

describe.each(backends)("report downloads on $name", (backend) => {
  let pipeline: TestPipeline;
  let now = new Date("2026-03-02T03:00:00Z");
  const query = "preset=month&year=2026&index=3&groupBy=province";
  const download = (format: string, language?: string, token = pipeline.tokens.admin) =>
    pipeline.app.request(`/api/v1/reports/activity?${query}&format=${format}${language ? `&language=${language}` : ""}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    pipeline = await startPipeline(backend, { clock: () => now });
    await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["sms"], validUntil: "2026-03-20T00:00:00Z" });
    now = new Date("2026-03-02T03:02:00Z");
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 100 } });
    const messages = claim.json.batch.messages as { id: string }[];
    await pipeline.request("POST", `/partner/v1/batches/${claim.json.batch.id}/ack`, {
      token: pipeline.partnerToken("VinaTel"),
      body: { results: messages.map((message) => ({ messageId: message.id, status: "sent", submitted: 10, delivered: 7, failed: 3 })) },
    });
  });
  afterAll(() => pipeline?.close());

  it("downloads each format with its content type and an attachment file name", async () => {
    for (const [format, type] of [
      ["csv", "text/csv; charset=utf-8; header=present"],
      ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["html", "text/html; charset=utf-8"],
      ["json", "application/json; charset=utf-8"],
    ] as const) {
      const response = await download(format);
      expect(response.status, `${format}: ${response.status === 200 ? "" : await response.text()}`).toBe(200);
      expect(response.headers.get("content-type"), format).toBe(type);
      expect(response.headers.get("content-disposition"), format).toBe(`attachment; filename="bantin-report-2026-month-3-by-province.${format}"`);
    }
  });

  it("holds the JSON answer's figures in the xlsx, the csv and the documents", async () => {
    const json = (await pipeline.request("GET", `/api/v1/reports/activity?${query}`, { token: pipeline.tokens.admin })).json;
    const delivered = json.figures.messages.totals.delivered as number;
    expect(delivered).toBeGreaterThan(0);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await download("xlsx", "en")).arrayBuffer());
    const sheet = workbook.getWorksheet("Messages")!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const totalRow = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((row) => row.getCell(header.indexOf("Code") + 1).value === "total" && row.getCell(1).value === "Actual bulletins")!;
    expect(totalRow.getCell(header.indexOf("Delivered") + 1).value).toBe(delivered);
    expect(totalRow.getCell(header.indexOf("Handed over") + 1).value).toBe(json.figures.messages.totals.handedOver);

    const csv: string[][] = parse(await (await download("csv", "en")).text(), { bom: true });
    const province = csv.find((row) => row[2] === "VN-HT" && row[1] === "Bulletins published, corrected and withdrawn" && row[0] === "Actual bulletins")!;
    expect(Number(province[csv[0]!.indexOf("Published")])).toBe(json.figures.bulletins.groups[0].published);

    const zip = await JSZip.loadAsync(await (await download("docx")).arrayBuffer());
    const documentXml = await zip.file("word/document.xml")!.async("string");
    expect(documentXml).toContain("Kết quả thực hiện công tác thông tin đối ngoại tháng 3 năm 2026");
    expect(documentXml).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");

    const html = await (await download("html", "en")).text();
    expect(html).toContain("Results of foreign information work in March 2026");
    expect(html).toContain(`<td class="number">${delivered.toLocaleString("en-GB")}</td>`);

    const downloadedJson = JSON.parse(await (await download("json")).text());
    expect(downloadedJson.figures).toEqual(json.figures);
  });

  it("gives reporters the downloads and refuses other roles and bad formats or languages", async () => {
    const { password } = await createUser(pipeline.db, { username: "reporter-downloads", displayName: "Cán bộ báo cáo", roles: ["reporter"] });
    const reporter = (await pipeline.request("POST", "/api/v1/auth/login", { body: { username: "reporter-downloads", password } })).json.token;
    const byReporter = await download("docx", "en", reporter);
    expect(byReporter.status).toBe(200);
    expect(byReporter.headers.get("content-disposition")).toContain("attachment");
    expect((await download("xlsx", undefined, pipeline.tokens.editor)).status).toBe(403);
    for (const [extra, field] of [
      ["format=pdf", "format"],
      ["format=csv&language=lo", "language"],
    ] as const) {
      const response = await pipeline.request("GET", `/api/v1/reports/activity?${query}&${extra}`, { token: pipeline.tokens.admin });
      expect(response.status, extra).toBe(422);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(field);
    }
  });

  it("answers a Word or page download with a 503 problem when the settings file is broken, and still gives the spreadsheet", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bantin-report-settings-"));
    const file = path.join(dir, "report-settings.json");
    writeFileSync(file, JSON.stringify({ governingBody: { vi: "UBND TỈNH HÀ TĨNH" } }));
    const app = createApp({
      db: pipeline.db,
      queue: pipeline.queue,
      clock: () => now,
      logger: silentLogger,
      publicUrl: "http://bantin.test",
      reportSettingsFile: file,
      checks: { database: async () => {}, queue: async () => {} },
    });
    const get = (format: string) =>
      app.request(`/api/v1/reports/activity?${query}&format=${format}`, { headers: { authorization: `Bearer ${pipeline.tokens.admin}` } });
    for (const format of ["docx", "html"]) {
      const response = await get(format);
      expect(response.status, format).toBe(503);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await response.json()) as { detail: string };
      expect(problem.detail).toContain("REPORT_SETTINGS_FILE");
      expect(problem.detail).not.toContain(dir);
    }
    expect((await get("xlsx")).status).toBe(200);
  });
});
