import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedBackend } from "../helpers/backends.ts";
import { haveChromium, lookAt, signInOn, noteMissingChromium, serveToBrowser } from "../helpers/browser.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

noteMissingChromium("console admin e2e");

const visible = (locator: Locator) => locator.first().waitFor({ state: "visible", timeout: 10_000 });

describe.skipIf(!haveChromium)("the console's admin pages in a browser", () => {
  let pipeline: TestPipeline;
  let closeBrowser: (() => Promise<void>) | undefined;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    pipeline = await startPipeline(embeddedBackend);
    ({ base, browser, close: closeBrowser } = await serveToBrowser(pipeline));
    // something for the Cầu Treo screen to show
    await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["display"] });
  }, 120_000);
  afterAll(async () => {
    await closeBrowser?.();
    await pipeline?.close();
  });

  const password = (username: string) => pipeline.credentials.users.find((user) => user.username === username)!.password;

  /** axe-core on the whole page; the screenshot is the whole page too, or only the window where the list of every
   *  place (some 150 rows) would make it metres long (`window`: what the admin sees, scrolled to the form). */
  const look = (page: Page, name: string, options: { window?: boolean } = {}) => lookAt(page, `admin-${name}`, { fullPage: !options.window });

  const signIn = async (username: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    return signInOn(page, base, username, password(username));
  };

  /** Waits until an expression is true in the page (polled through the devtools protocol: waitForFunction's own
   *  polling evaluates a string, which the console's CSP forbids). */
  const until = async (page: Page, expression: string, timeoutMs: number) => {
    const end = Date.now() + timeoutMs;
    while (!(await page.evaluate(expression))) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  /** The thumbnail of a screen has loaded: a decoded image with a width. */
  const thumbnailLoaded = async (page: Page, screenName: string) => {
    const image = page.locator(`img[alt^="${screenName}"]`);
    await visible(image);
    // (page functions as strings: the tests are type-checked without the DOM's types)
    const selector = JSON.stringify(`img[alt^="${screenName}"]`);
    await until(
      page,
      `(() => { const image = document.querySelector(${selector}); return Boolean(image && image.complete && image.naturalWidth > 0); })()`,
      10_000,
    );
    return (await page.evaluate(
      `(() => { const image = document.querySelector(${selector}); return { width: image.naturalWidth, height: image.naturalHeight, alt: image.alt }; })()`,
    )) as { width: number; height: number; alt: string };
  };

  it("creates a screen, shows its token once and revokes it; the screens list shows thumbnails that load", async () => {
    const page = await signIn("admin");
    await page.getByRole("link", { name: "Đối tác, màn hình và đài" }).click();
    const shown = await thumbnailLoaded(page, "Cầu Treo gate screen");
    expect(shown.width).toBe(240);
    expect(shown.alt).toContain("Cầu Treo gate screen đang hiển thị:");
    // the screens that show nothing have their dark image too
    expect((await thumbnailLoaded(page, "Mộc Bài gate screen")).height).toBe(240);
    await visible(page.getByText("Mất liên lạc quá lâu"));
    await look(page, "endpoints.vi");

    await page.getByRole("link", { name: "Thêm màn hình" }).click();
    await page.getByLabel("Tên", { exact: true }).fill(`<b>Màn hình</b>`);
    await page.getByLabel("Cửa khẩu (mã)").fill("VN-HT-CAUTREO");
    await page.getByRole("button", { name: "Tạo" }).click();
    // markup is refused beside the field, and shown as typed
    await visible(page.locator("#f-name-error"));
    expect(await page.getByLabel("Tên", { exact: true }).inputValue()).toBe("<b>Màn hình</b>");
    await look(page, "screen-errors.vi");

    await page.getByLabel("Tên", { exact: true }).fill("Màn hình cảng Vũng Áng");
    await page.getByLabel("Chiều rộng (điểm ảnh)").fill("1280");
    await page.getByLabel("Chiều cao (điểm ảnh)").fill("720");
    await page.getByRole("button", { name: "Tạo" }).click();
    const token = await page.getByLabel("Mã truy cập", { exact: true }).inputValue();
    expect(token).toMatch(/^bt_screen_/);
    await visible(page.getByText("Mã này chỉ hiện một lần"));
    await look(page, "screen-created.vi");
    // the token opens the screen's feed
    expect((await pipeline.request("GET", "/screen/v1/feed", { token })).status).toBe(200);

    // never again: the screen's page, opened again, lists the token without it
    const screenPage = await page.locator("form.admin-form").getAttribute("action");
    await page.goto(`${base}${screenPage}`);
    expect(await page.content()).not.toContain(token);
    await page
      .getByRole("button", { name: /^Thu hồi mã/ })
      .first()
      .click();
    await visible(page.getByText("Đã thu hồi mã."));
    await visible(page.getByText("Đã thu hồi lúc"));
    expect((await pipeline.request("GET", "/screen/v1/feed", { token })).status).toBe(401);
    await look(page, "screen.vi");

    await page.getByRole("link", { name: "Người dùng" }).first().click();
    await visible(page.getByRole("heading", { name: "Thêm người dùng" }));
    await look(page, "users.vi");
    await page.getByRole("link", { name: "editor", exact: true }).click();
    await visible(page.getByRole("heading", { name: "Đặt mật khẩu mới" }));
    await look(page, "user.vi");

    await page.getByRole("link", { name: "Địa danh" }).first().click();
    await page.getByLabel("Tìm địa danh").fill("cau treo");
    await page.getByRole("button", { name: "Tìm" }).click();
    await visible(page.getByRole("link", { name: "VN-HT-CAUTREO" }));
    await look(page, "places.vi");
    await page.getByRole("link", { name: "VN-HT-CAUTREO" }).click();
    await visible(page.getByRole("heading", { name: "Tên theo ngôn ngữ" }));
    await look(page, "place.vi");

    // the same pages in English
    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByRole("button", { name: "Đổi" }).click();
    await visible(page.getByRole("heading", { name: "Names by language" }));
    await look(page, "place.en");
    await page.goto(`${base}/places?reviewed=false`);
    await look(page, "places.en", { window: true });
    await page.goto(`${base}/users`);
    await look(page, "users.en");
    await page.goto(`${base}/endpoints`);
    expect((await thumbnailLoaded(page, "Cầu Treo gate screen")).alt).toContain("Cầu Treo gate screen shows:");
    await look(page, "endpoints.en");
    await page.getByRole("link", { name: "Add a partner" }).click();
    await look(page, "partner-new.en");
    await page.goto(`${base}/endpoints`);
    await page.getByRole("link", { name: "Hương Sơn district radio" }).click();
    await visible(page.getByRole("heading", { name: "Access tokens" }));
    await look(page, "station.en");
    // back to Vietnamese for whoever signs in as admin next
    await page.getByLabel("Console language").selectOption("vi");
    await page.getByRole("button", { name: "Change" }).first().click();
    await page.close();
  }, 120_000);

  it("disables a partner from its page and enables it again; adds a place, with its problems beside the fields", async () => {
    const page = await signIn("admin");
    const partner = pipeline.credentials.partners.find((entry) => entry.name === "MekongMobile")!;
    const claim = () => pipeline.request("POST", "/partner/v1/batches/claim", { token: partner.token, body: { max: 1 } });
    expect((await claim()).status).toBeLessThan(300);
    await page.goto(`${base}/endpoints`);
    await page.getByRole("link", { name: "MekongMobile" }).click();
    const box = page.getByLabel("Tắt: mã truy cập bị từ chối cho đến khi bật lại");
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByRole("button", { name: "Lưu" }).click();
    await visible(page.getByText("Đã lưu thay đổi."));
    expect(await box.isChecked()).toBe(true);
    expect((await claim()).status).toBe(401);
    await look(page, "partner-disabled.vi");
    await page.getByRole("link", { name: "← Về danh sách điểm nhận" }).click();
    await visible(page.getByRole("row", { name: /MekongMobile Đã tắt/ }));
    await look(page, "endpoints-disabled.vi");
    await page.getByRole("link", { name: "MekongMobile" }).click();
    await box.uncheck();
    await page.getByRole("button", { name: "Lưu" }).click();
    await visible(page.getByText("Đã lưu thay đổi."));
    expect((await claim()).status).toBeLessThan(300);

    await page.getByRole("link", { name: "Địa danh" }).first().click();
    await page.getByRole("link", { name: "Thêm địa danh" }).click();
    await page.getByLabel("Mã", { exact: true }).fill("VN-HT-VUNGANG");
    await page.getByLabel("Thuộc", { exact: true }).fill("VN-HT");
    await page.getByLabel("Tiếng Việt", { exact: true }).fill("<i>Vũng Áng</i>");
    await page.getByLabel("Tiếng Lào", { exact: true }).fill("ວຸງອາງ");
    await page.getByLabel("Tiếng Anh", { exact: true }).fill("Vung Ang");
    await page.getByLabel("Tiếng Khmer", { exact: true }).fill("វូងអាង");
    await page.getByRole("button", { name: "Tạo" }).click();
    // markup refused beside its field (the page scrolled to the form) and shown as typed
    await visible(page.locator("#f-names-vi-error"));
    expect(page.url()).toBe(`${base}/places#new-place`);
    expect(await page.getByLabel("Tiếng Việt", { exact: true }).inputValue()).toBe("<i>Vũng Áng</i>");
    await look(page, "place-errors.vi", { window: true });
    await page.getByLabel("Tiếng Việt", { exact: true }).fill("Vũng Áng");
    await page.getByRole("button", { name: "Tạo" }).click();
    await visible(page.getByText("Đã tạo."));
    await visible(page.getByRole("heading", { name: "Địa danh: Vũng Áng" }));
    const stored = await pipeline.request("GET", "/api/v1/places/VN-HT-VUNGANG", { token: pipeline.tokens.admin });
    expect(stored.json).toMatchObject({ parentCode: "VN-HT", reviewed: false, names: { vi: "Vũng Áng", lo: "ວຸງອາງ", en: "Vung Ang", km: "វូងអាង" } });
    await look(page, "place-created.vi");
    await page.close();
  }, 120_000);

  it("refreshes a thumbnail when the screen's slide changes, without reloading the page", async () => {
    const page = await signIn("admin");
    await page.goto(`${base}/endpoints`);
    const before = await thumbnailLoaded(page, "Mộc Bài gate screen");
    expect(before.alt).toContain("không có bản tin nào");
    await pipeline.publishGateClosure({ gate: "VN-TN-MOCBAI", urgency: "urgent", channels: ["display"] });
    // thumbnails.js asks every 15 s
    await until(page, `Boolean(document.querySelector('img[alt^="Mộc Bài gate screen đang hiển thị"]')?.src.includes("?slide="))`, 40_000);
    const after = await thumbnailLoaded(page, "Mộc Bài gate screen");
    expect(after.alt).toContain("Mộc Bài gate screen đang hiển thị:");
    expect(after.height).toBe(240);
    await page.close();
  }, 120_000);
});
