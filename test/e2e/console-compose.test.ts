// Composing in the console (issue 14, item 2), in headless Chromium: the editor composes a free-text bulletin for
// Cầu Treo, watches the Lao SMS preview go to two parts while typing and the gate screen's slide appear, and submits;
// markup typed into a field shows as text; without JavaScript the Preview button gives the same previews; axe-core
// finds no serious or critical problem, in Vietnamese and English. Screenshots go to BANTIN_COMPOSE_SHOTS (a folder)
// and, with BANTIN_SCREENSHOTS=1, to docs/console/.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoTranslator } from "../../src/localize/demo-translator.ts";
import { embeddedBackend } from "../helpers/backends.ts";
import { accessibilityProblems, haveChromium, signInOn, noteMissingChromium, serveToBrowser } from "../helpers/browser.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

noteMissingChromium("console compose e2e");

const folders = [
  process.env.BANTIN_COMPOSE_SHOTS,
  process.env.BANTIN_SCREENSHOTS === "1" ? new URL("../../docs/console/", import.meta.url).pathname : undefined,
].filter(Boolean) as string[];

const first = "Cửa khẩu Cầu Treo tạm đóng cửa.";
const more = " Từ 18:00 ngày mai do mưa lớn, đề nghị hành khách chờ hướng dẫn của bộ đội biên phòng.";

describe.skipIf(!haveChromium)("composing a bulletin in the console", () => {
  let pipeline: TestPipeline;
  let closeBrowser: (() => Promise<void>) | undefined;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    pipeline = await startPipeline(embeddedBackend, { workers: false, machineTranslator: (db) => createDemoTranslator({ db }) });
    ({ base, browser, close: closeBrowser } = await serveToBrowser(pipeline));
    for (const folder of folders) mkdirSync(folder, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await closeBrowser?.();
    await pipeline?.close();
  });

  const password = (username: string) => pipeline.credentials.users.find((user) => user.username === username)!.password;

  const look = async (page: Page, name: string) => {
    const problems = await accessibilityProblems(page);
    expect(problems, `${name}: axe-core`).toEqual([]);
    for (const folder of folders) await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
  };

  const signIn = async (username: string, options: { javaScriptEnabled?: boolean } = {}) => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    return signInOn(page, base, username, password(username));
  };

  /** In the browser: the Lao SMS row of MekongMobile says this many parts. */
  const laoPartsAre = (parts: number) =>
    [
      (wanted: string) =>
        (globalThis as any).document.querySelector('article[data-language="lo"] tr[data-partner="MekongMobile"]')?.getAttribute("data-parts") === wanted,
      String(parts),
    ] as const;
  const laoParts = (page: Page) => page.locator('article[data-language="lo"] tr[data-partner="MekongMobile"]').first();

  it("composes free text for Cầu Treo, sees the Lao SMS go to two parts and the gate's slide while typing, and submits", async () => {
    const page = await signIn("editor");
    await page.getByRole("link", { name: "Soạn bản tin" }).click();
    await page.waitForURL(`${base}/bulletins/new`);
    expect((await page.locator("h1").textContent())?.trim()).toBe("Soạn bản tin");

    // the area picker finds the gate without diacritics, and the areas' languages and channels are suggested
    await page.getByLabel(/Tìm địa danh/).pressSequentially("cau treo");
    await page.getByRole("checkbox", { name: /Cửa khẩu Quốc tế Cầu Treo/ }).check({ timeout: 10_000 });
    await page.getByLabel("Tiêu đề").fill("<b>Cầu Treo</b> tạm đóng cửa");
    await page.getByLabel(/Tóm tắt/).pressSequentially(first, { delay: 5 });
    await page.waitForFunction(...laoPartsAre(1), { timeout: 20_000 });
    expect(await page.getByRole("checkbox", { name: /Tiếng Lào/ }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: /Màn hình cụm thông tin/ }).isChecked()).toBe(true);

    await page.getByLabel(/Tóm tắt/).pressSequentially(more, { delay: 5 });
    await page.waitForFunction(...laoPartsAre(2), { timeout: 20_000 });
    expect(await laoParts(page).locator(".sms-parts").textContent()).toMatch(/^2 \/ tối đa 6$/);
    expect(await page.locator('article[data-language="lo"] ol.parts li').count()).toBeGreaterThanOrEqual(2);

    await page.getByLabel("Nội dung", { exact: true }).fill(`${first}${more} Vui lòng theo dõi thông báo tiếp theo.`);
    // the gate screen's slide, drawn on its own request once the text rests
    const slide = page.locator('article[data-language="lo"] .slides img').first();
    expect(await slide.getAttribute("alt")).toMatch(/Cầu Treo gate screen \(1920×1080\)/);
    await page.waitForFunction(() => (globalThis as any).document.querySelector('article[data-language="lo"] .slides img')?.naturalWidth === 1920, undefined, {
      timeout: 60_000,
    });

    // markup typed into the headline is text in the preview
    const headline = page.locator('article[data-language="vi"] .headline');
    expect(await headline.textContent()).toBe("<b>Cầu Treo</b> tạm đóng cửa");
    expect(await headline.locator("b").count()).toBe(0);
    await page.getByLabel("Tiêu đề").fill("Cầu Treo tạm đóng cửa");
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('article[data-language="vi"] .headline')?.textContent === "Cầu Treo tạm đóng cửa",
      undefined,
      { timeout: 20_000 },
    );
    // the slides drawn again for the new headline, loaded before the screenshot
    await page.waitForFunction(
      () =>
        [...(globalThis as any).document.querySelectorAll(".slides img")].every(
          (image: { complete: boolean; naturalWidth: number }) => image.complete && image.naturalWidth > 0,
        ),
      undefined,
      { timeout: 90_000 },
    );
    await look(page, "compose.vi");

    await page.getByRole("button", { name: "Gửi duyệt" }).click();
    await page.waitForURL(/\/bulletins\/[0-9a-f-]{36}\?done=submitted$/, { timeout: 30_000 });
    const id = new URL(page.url()).pathname.split("/").pop()!;
    const stored = await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor });
    expect(stored.json).toMatchObject({ status: "submitted", areas: ["VN-HT-CAUTREO"], targetLanguages: ["vi", "lo", "en"] });
    expect(stored.json.texts.find((text: { language: string }) => text.language === "vi").summary).toBe(`${first}${more}`);
    await page.context().close();
  }, 240_000);

  it("previews without JavaScript through the Preview button, and in English", async () => {
    const page = await signIn("editor", { javaScriptEnabled: false });
    await page.goto(`${base}/bulletins/new`);
    await page.getByLabel(/Tìm địa danh/).fill("ກ່າວແຕ່ວ");
    await page.getByRole("button", { name: "Xem trước" }).click();
    await page.getByRole("checkbox", { name: /Cửa khẩu Quốc tế Cầu Treo/ }).check();
    await page.getByLabel("Tiêu đề").fill("Cầu Treo tạm đóng cửa");
    await page.getByLabel(/Tóm tắt/).fill(`${first}${more}`);
    await page.getByRole("button", { name: "Xem trước" }).click();
    expect(await laoParts(page).getAttribute("data-parts")).toBe("2");
    // Lưu nháp without a validity end is refused beside the field, nothing saved
    await page.getByLabel("Hiệu lực đến").fill("");
    await page.getByRole("button", { name: "Lưu nháp" }).click();
    expect(await page.locator("#field-validUntil-error").textContent()).toBeTruthy();
    await page.context().close();

    const english = await signIn("editor");
    await english.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await english.getByRole("button", { name: "Đổi" }).click();
    await english.goto(`${base}/bulletins/new`);
    expect((await english.locator("h1").textContent())?.trim()).toBe("New bulletin");
    await english.getByLabel(/Find a place/).pressSequentially("Cau Treo");
    await english
      .getByRole("checkbox", { name: /Cầu Treo|Cau Treo/ })
      .first()
      .check({ timeout: 10_000 });
    await english.getByLabel("Headline").fill("Cầu Treo tạm đóng cửa");
    await english.getByLabel(/Summary/).fill(`${first}${more}`);
    await english.getByLabel("Body").fill(`${first}${more}`);
    await english.waitForFunction(...laoPartsAre(2), { timeout: 20_000 });
    await english.waitForFunction(
      () => [...(globalThis as any).document.querySelectorAll(".slides img")].every((image: { naturalWidth: number }) => image.naturalWidth > 0),
      undefined,
      { timeout: 90_000 },
    );
    await look(english, "compose.en");
    await english.context().close();
  }, 240_000);
});
