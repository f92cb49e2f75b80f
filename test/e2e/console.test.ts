import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedBackend } from "../helpers/backends.ts";
import { buildBulletin } from "../helpers/builders.ts";
import { haveChromium, lookAt, signInOn, noteMissingChromium, serveToBrowser } from "../helpers/browser.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

noteMissingChromium("console e2e");

/** The text of the first match, once it is there (playwright-core has no test matchers of its own). */
const text = async (locator: Locator) => (await locator.first().textContent({ timeout: 10_000 }))?.trim();
const visible = (locator: Locator) => locator.first().waitFor({ state: "visible", timeout: 10_000 });

describe.skipIf(!haveChromium)("the console in a browser", () => {
  let pipeline: TestPipeline;
  let closeBrowser: (() => Promise<void>) | undefined;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    pipeline = await startPipeline(embeddedBackend);
    ({ base, browser, close: closeBrowser } = await serveToBrowser(pipeline));
  }, 60_000);
  afterAll(async () => {
    await closeBrowser?.();
    await pipeline?.close();
  });

  const password = (username: string) => pipeline.credentials.users.find((user) => user.username === username)!.password;

  const look = (page: Page, name: string) => lookAt(page, name);

  const signIn = async (username: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    return signInOn(page, base, username, password(username));
  };

  it("signs in, lists the bulletins and opens one, in Vietnamese and then in English, with no serious accessibility problem", async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin({ urgency: "priority" }) });
    expect(created.status).toBe(201);
    const login = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await login.goto(`${base}/login`);
    await look(login, "sign-in.vi");
    await login.close();

    const page = await signIn("editor");
    expect(await text(page.locator("h1"))).toBe("Bản tin");
    await look(page, "bulletins.vi");
    // the editor's draft waits for them, at the top
    const waiting = page.locator("section[aria-labelledby=waiting-for-me]");
    await visible(waiting.getByRole("link", { name: "Cửa khẩu Cầu Treo đổi giờ mở cửa" }).first());
    await waiting.getByRole("link", { name: "Cửa khẩu Cầu Treo đổi giờ mở cửa" }).first().click();
    expect(await text(page.locator("h1"))).toBe("Cửa khẩu Cầu Treo đổi giờ mở cửa");
    await visible(page.getByRole("heading", { name: "Nhật ký thao tác" }));
    await look(page, "bulletin.vi");

    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByRole("button", { name: "Đổi" }).click();
    await visible(page.getByRole("heading", { name: "Audit trail" }));
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await look(page, "bulletin.en");
    await page.getByRole("link", { name: "Bulletins" }).first().click();
    expect(await text(page.locator("h1"))).toBe("Bulletins");
    await look(page, "bulletins.en");

    await page.getByRole("button", { name: "Log out" }).click();
    await visible(page.getByText("You have signed out.").or(page.getByText("Bạn đã đăng xuất.")));
    await page.close();
  });

  it("shows admins every partner, screen and station, and a translator a 403 page for it", async () => {
    const admin = await signIn("admin");
    await admin.getByRole("link", { name: "Đối tác, màn hình và đài" }).click();
    await visible(admin.getByRole("heading", { name: "Màn hình" }));
    await visible(admin.getByText("Cầu Treo gate screen"));
    await look(admin, "endpoints.vi");
    await admin.close();

    // (the editor chose English above; the translator still reads Vietnamese)
    const editor = await signIn("translator");
    const response = await editor.goto(`${base}/endpoints`);
    expect(response?.status()).toBe(403);
    expect(await text(editor.locator("h1"))).toBe("Không có quyền truy cập");
    await look(editor, "forbidden.vi");
    await editor.close();
  });
});
