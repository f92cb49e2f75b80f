// The console walkthrough of README.md (issue 14's acceptance), as one story in headless Chromium on the embedded back
// end with the demo data and the offline demo translator, as `npm start` runs: the editor composes a free-text bulletin
// for Cầu Treo and watches the Lao SMS preview go to two parts and the gate screen's slide appear, and submits; the
// translator takes the demo translator's proposals for Lao and English and approves them; the approver approves; the
// bulletin's delivery table fills in place while the demo partner claims and acknowledges over its API and the real
// /play page plays on the gate's screen; the reporter sees the figures in the report and downloads CSV, Excel and
// Word. People click and type; only the partner and the player are machines. axe-core runs on every page visited.
// With BANTIN_SCREENSHOTS=1 the main pages are saved to docs/console/walkthrough-*.png, in Vietnamese and English.
import { mkdirSync, readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoTranslator } from "../../src/localize/demo-translator.ts";
import { embeddedBackend } from "../helpers/backends.ts";
import { accessibilityProblems, haveChromium, signInOn, noteMissingChromium, serveToBrowser } from "../helpers/browser.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

noteMissingChromium("console walkthrough e2e");

const screenshots = process.env.BANTIN_SCREENSHOTS === "1" ? new URL("../../docs/console/", import.meta.url).pathname : undefined;

const headline = "Cửa khẩu Cầu Treo tạm đóng cửa";
const summary = "Cửa khẩu Cầu Treo tạm đóng cửa từ 18:00 ngày mai do mưa lớn, đề nghị hành khách chờ hướng dẫn của bộ đội biên phòng.";
const body = `${summary} Vui lòng theo dõi thông báo tiếp theo.`;
// the partner's figures for the Vietnamese SMS: the report must show them
const submitted = 15_213;
const delivered = 14_987;
const failed = submitted - delivered;

describe.skipIf(!haveChromium)("the console walkthrough of README.md", () => {
  let pipeline: TestPipeline;
  let closeBrowser: (() => Promise<void>) | undefined;
  let base: string;
  let browser: Browser;
  const visited = new Set<string>();

  beforeAll(async () => {
    pipeline = await startPipeline(embeddedBackend, { machineTranslator: (db) => createDemoTranslator({ db }) });
    ({ base, browser, close: closeBrowser } = await serveToBrowser(pipeline));
    if (screenshots) mkdirSync(screenshots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await closeBrowser?.();
    await pipeline?.close();
  });

  const password = (username: string) => pipeline.credentials.users.find((user) => user.username === username)!.password;

  /** axe-core on the page as it is now; with screenshots on, the page is saved as walkthrough-<name>.png. */
  const look = async (page: Page, name?: string) => {
    const problems = await accessibilityProblems(page);
    expect(problems, `${name ?? page.url()}: axe-core`).toEqual([]);
    visited.add(new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/, ":id"));
    if (screenshots && name) await page.screenshot({ path: `${screenshots}walkthrough-${name}.png`, fullPage: true });
  };

  const signIn = async (username: string, viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await look(page, "sign-in.vi");
    return signInOn(page, base, username, password(username));
  };

  const switchLanguage = async (page: Page, language: "vi" | "en", button: string) => {
    await page.getByLabel(/Ngôn ngữ giao diện|Interface language/).selectOption(language);
    await page.getByRole("button", { name: button }).click();
    await page.waitForFunction((wanted) => (globalThis as any).document.documentElement.lang === wanted, language, { timeout: 10_000 });
  };

  /** Over HTTP, as the partner's system does. */
  const send = async (path: string, token: string, payload?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: payload === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { "content-type": "application/json" }) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    expect(response.status, path).toBeLessThan(300);
    return (await response.json()) as any;
  };

  const cellSelector = (key: string, column: string) => `tr[data-key="${key}"] td[data-column="${column}"]`;
  const waitForCell = (page: Page, key: string, column: string, text: string, timeout = 15_000) =>
    page.waitForFunction(
      ([selector, wanted]) => (globalThis as any).document.querySelector(selector)?.textContent?.includes(wanted) ?? false,
      [cellSelector(key, column), text] as const,
      { timeout },
    );

  const downloaded = async (page: Page, link: string) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link, exact: true }).click()]);
    const bytes = readFileSync((await (download as Download).path())!);
    // the content type, as the server sent it
    const response = await page.context().request.get(new URL(download.url(), base).href);
    return { bytes, type: response.headers()["content-type"] ?? "", url: download.url() };
  };

  it("composes, translates, approves, delivers live and reports, as people do it in the browser", async () => {
    // 1. the editor composes free text for Cầu Treo
    const editor = await signIn("editor");
    await look(editor, "bulletins.vi");
    await editor.getByRole("link", { name: "Soạn bản tin" }).click();
    await editor.waitForURL(`${base}/bulletins/new`);
    await editor.getByLabel(/Tìm địa danh/).pressSequentially("cau treo");
    await editor.getByRole("checkbox", { name: /Cửa khẩu Quốc tế Cầu Treo/ }).check({ timeout: 10_000 });
    await editor.getByLabel("Tiêu đề").fill(headline);
    const laoSms = editor.locator('article[data-language="lo"] tr[data-partner="MekongMobile"]').first();
    const partsAre = (parts: string) =>
      editor.waitForFunction(
        (wanted) =>
          (globalThis as any).document.querySelector('article[data-language="lo"] tr[data-partner="MekongMobile"]')?.getAttribute("data-parts") === wanted,
        parts,
        { timeout: 20_000 },
      );
    // typing: one part for the first sentence, two once the rest is typed
    const [start, rest] = [summary.slice(0, summary.indexOf(" từ 18:00")), summary.slice(summary.indexOf(" từ 18:00"))];
    await editor.getByLabel(/Tóm tắt/).pressSequentially(start, { delay: 5 });
    await partsAre("1");
    // the gate's languages and channels were suggested
    expect(await editor.getByRole("checkbox", { name: /Tiếng Lào/ }).isChecked()).toBe(true);
    expect(await editor.getByRole("checkbox", { name: /Màn hình cụm thông tin/ }).isChecked()).toBe(true);
    await editor.getByLabel(/Tóm tắt/).pressSequentially(rest, { delay: 5 });
    await partsAre("2");
    expect(await laoSms.locator(".sms-parts").textContent()).toMatch(/^2 \/ tối đa 6$/);
    await editor.getByLabel("Nội dung", { exact: true }).fill(body);
    const slide = editor.locator('article[data-language="lo"] .slides img').first();
    expect(await slide.getAttribute("alt")).toMatch(/Cầu Treo gate screen \(1920×1080\)/);
    await editor.waitForFunction(
      () => (globalThis as any).document.querySelector('article[data-language="lo"] .slides img')?.naturalWidth === 1920,
      undefined,
      {
        timeout: 60_000,
      },
    );
    await look(editor, "compose.vi");
    await editor.getByRole("button", { name: "Gửi duyệt" }).click();
    await editor.waitForURL(/\/bulletins\/[0-9a-f-]{36}\?done=submitted$/, { timeout: 30_000 });
    const id = new URL(editor.url()).pathname.split("/").pop()!;
    expect(await editor.getByRole("status").first().textContent()).toContain("Đã gửi duyệt.");
    await look(editor);
    await editor.context().close();

    // 2. the translator takes the demo translator's proposals for Lao, then English, and approves each
    const translator = await signIn("translator");
    const banner = translator.locator("aside.waiting-banner");
    expect((await banner.textContent())?.replace(/\s+/g, " ")).toContain(`${headline}: Tiếng Lào, Tiếng Anh`);
    await banner.getByRole("link", { name: headline }).click();
    await translator.waitForURL(`${base}/bulletins/${id}`);
    await look(translator);
    for (const [language, name] of [
      ["lo", "Tiếng Lào"],
      ["en", "Tiếng Anh"],
    ] as const) {
      await translator
        .getByRole("link", { name: `Dịch sang ${name}` })
        .first()
        .click();
      await translator.waitForURL(`${base}/bulletins/${id}/texts/${language}`);
      const fields = translator.getByRole("button", { name: "Dùng các gợi ý tốt nhất cho cả mục" });
      expect(await fields.count()).toBe(3);
      for (let index = 0; index < 3; index += 1) await fields.nth(index).click();
      const taken = await translator.locator("textarea#target-headline").inputValue();
      expect(taken.length).toBeGreaterThan(0);
      expect(taken).not.toBe(headline);
      await look(translator, `translate-${language}.vi`);
      await translator.getByRole("button", { name: `Lưu và duyệt bản dịch ${name}` }).click();
      await translator.waitForURL(`${base}/bulletins/${id}/texts/${language}?done=approved`);
      expect(await translator.getByRole("status").filter({ hasText: "Đã duyệt" }).first().textContent()).toContain(`Đã duyệt bản dịch ${name}.`);
      await translator.getByRole("link", { name: "Quay lại bản tin" }).click();
      await translator.waitForURL(`${base}/bulletins/${id}`);
    }
    await translator.context().close();

    // 3. the approver approves; the bulletin's page stays open for the delivery
    const approver = await signIn("approver");
    await approver.locator('section[aria-labelledby="waiting-for-me"]').getByRole("link", { name: headline }).click();
    await approver.waitForURL(`${base}/bulletins/${id}`);
    await look(approver, "bulletin-submitted.vi");
    await approver.getByRole("button", { name: "Duyệt", exact: true }).click();
    await approver.waitForURL(`${base}/bulletins/${id}?done=approved`);
    await pipeline.waitForStatus(id, "published", 60_000);
    await approver.reload();
    await approver.locator("#delivery[data-live=on]").waitFor({ timeout: 10_000 });
    await approver.evaluate("window.bantinMark = 'same page'");

    // 4. the demo partner claims and acknowledges; the real player plays on the gate's screen
    const mekong = pipeline.credentials.partners.find((partner) => partner.name === "MekongMobile")!;
    const screen = pipeline.credentials.screens.find((entry) => entry.name === "Cầu Treo gate screen")!;
    const claimed = await send("/partner/v1/batches/claim", mekong.token, { max: 100 });
    const ours = claimed.batch.messages.filter((message: { bulletinId: string }) => message.bulletinId === id);
    expect([...new Set(ours.map((message: { language: string }) => message.language))].sort()).toEqual(["en", "lo", "vi"]);
    await waitForCell(approver, `sms:${mekong.id}:vi`, "state", "Đối tác đã nhận");
    await send(`/partner/v1/batches/${claimed.batch.id}/ack`, mekong.token, {
      results: claimed.batch.messages.map((message: { id: string }) => ({ messageId: message.id, status: "sent", submitted, delivered, failed })),
    });
    // what the report must show: every message acknowledged (SMS and voice), the partner's figures added up
    const total = delivered * claimed.batch.messages.length;
    await waitForCell(approver, `sms:${mekong.id}:vi`, "state", "Đã gửi");
    expect(await approver.locator(cellSelector(`sms:${mekong.id}:vi`, "counts")).textContent()).toContain(
      `Gửi ${submitted.toLocaleString("vi-VN")}, thành công ${delivered.toLocaleString("vi-VN")}`,
    );

    const player = await browser.newPage({ viewport: { width: 960, height: 540 } });
    await player.goto(`${base}/play/${screen.id}#token=${screen.token}&rotate=1`);
    await player.waitForSelector(`#stage img[data-bulletin-id="${id}"]`, { timeout: 30_000 });
    await waitForCell(approver, `display:${screen.id}:vi`, "state", "Đã trình chiếu", 60_000);
    expect(await approver.evaluate("window.bantinMark")).toBe("same page");
    await look(approver, "delivery.vi");
    await player.close();
    await approver.context().close();

    // 5. the reporter: this month's report shows the partner's figures, and downloads as CSV, Excel and Word
    const reporter = await signIn("reporter");
    await reporter
      .getByRole("link", { name: /Báo cáo/ })
      .first()
      .click();
    await reporter.waitForURL(/\/reports/);
    await reporter.getByLabel("Loại kỳ").selectOption("month");
    const today = new Date(Date.now() + 7 * 3_600_000); // the province's date (UTC+7)
    await reporter.getByLabel("Năm", { exact: true }).fill(String(today.getUTCFullYear()));
    await reporter.getByLabel("Tháng, quý hoặc kỳ số").fill(String(today.getUTCMonth() + 1));
    await reporter.getByRole("button", { name: "Xem báo cáo" }).click();
    await reporter.waitForURL(/preset=month/);
    const figure = total.toLocaleString("vi-VN");
    const table = (caption: string) =>
      reporter
        .locator("table.report")
        .filter({ has: reporter.locator("caption", { hasText: caption }) })
        .first();
    expect(await table("Tin nhắn SMS và tin nhắn thoại đã chuyển giao và kết quả gửi").locator("tbody").textContent()).toContain(figure);
    expect(await table("Lượt phát trên màn hình, theo bản tin và ngôn ngữ").textContent()).toContain(headline);
    await look(reporter, "reports.vi");

    const csv = await downloaded(reporter, "CSV");
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.bytes.toString("utf8")).toContain(String(total));
    const xlsx = await downloaded(reporter, "Excel");
    expect(xlsx.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value))));
    expect(cells).toContain(total);
    const docx = await downloaded(reporter, "Word");
    expect(docx.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const document = await (await JSZip.loadAsync(docx.bytes)).file("word/document.xml")?.async("string");
    expect(document).toContain(figure);

    // the main pages again, with the console in English
    if (screenshots) {
      await switchLanguage(reporter, "en", "Đổi");
      await look(reporter, "reports.en");
      await reporter.goto(`${base}/bulletins/${id}`);
      await look(reporter, "delivery.en");
      await reporter.goto(`${base}/`);
      await look(reporter, "bulletins.en");
      await reporter.context().close();
      const english = await signIn("editor");
      await switchLanguage(english, "en", "Đổi");
      await english.goto(`${base}/bulletins/new`);
      await english.getByLabel(/Find a place/).pressSequentially("cau treo");
      await english
        .getByRole("checkbox", { name: /Cầu Treo|Cau Treo/ })
        .first()
        .check({ timeout: 10_000 });
      await english.getByLabel("Headline").fill(headline);
      await english.getByLabel(/Summary/).fill(summary);
      await english.getByLabel("Body").fill(body);
      // the preview answers the last keystroke (its slides are new images), then every slide has loaded
      await english.waitForFunction(
        () => (globalThis as any).document.querySelector('article[data-language="lo"] tr[data-partner="MekongMobile"]')?.getAttribute("data-parts") === "2",
        undefined,
        { timeout: 20_000 },
      );
      await english.waitForLoadState("networkidle");
      await english.waitForFunction(
        () => [...(globalThis as any).document.querySelectorAll(".slides img")].every((image: { naturalWidth: number }) => image.naturalWidth > 0),
        undefined,
        { timeout: 90_000 },
      );
      await look(english, "compose.en");
      await english.context().close();
    }
    await reporter
      .context()
      .close()
      .catch(() => undefined);
    expect([...visited].sort()).toEqual(
      expect.arrayContaining(["/", "/bulletins/new", "/bulletins/:id", "/bulletins/:id/texts/lo", "/bulletins/:id/texts/en", "/reports", "/login"]),
    );
  }, 400_000);
});
