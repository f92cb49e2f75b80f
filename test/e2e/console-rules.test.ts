// The console's rules as a person meets them in a browser (Debian's Chromium via playwright-core): the four-eyes rule
// on an approver's own bulletin, a form posted from another site refused with nothing changed, a session that ends
// after its time and comes back where it was, and markup typed into the console's text fields shown as text.
// axe-core runs on every page met here.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/access/users.ts";
import { getBulletin } from "../../src/db/queries/bulletins.ts";
import { embeddedBackend } from "../helpers/backends.ts";
import { buildBulletin, buildText } from "../helpers/builders.ts";
import { accessibilityProblems, haveChromium, noteMissingChromium, serveToBrowser } from "../helpers/browser.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

noteMissingChromium("console rules e2e");

describe.skipIf(!haveChromium)("the console's rules in a browser", () => {
  let pipeline: TestPipeline;
  let base: string;
  let browser: Browser;
  let closeBrowser: (() => Promise<void>) | undefined;
  let now = Date.now();
  const chiefPassword = "chief-password-1";

  beforeAll(async () => {
    pipeline = await startPipeline(embeddedBackend, { clock: () => new Date(now) });
    await createUser(pipeline.db, { username: "chief", displayName: "Trưởng phòng", roles: ["editor", "approver"], password: chiefPassword });
    ({ base, browser, close: closeBrowser } = await serveToBrowser(pipeline));
  }, 60_000);
  afterAll(async () => {
    await closeBrowser?.();
    await pipeline?.close();
  });

  const password = (username: string) =>
    username === "chief" ? chiefPassword : pipeline.credentials.users.find((user) => user.username === username)!.password;

  const signInOn = async (page: Page, username: string) => {
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(password(username));
    await page.getByRole("button", { name: "Đăng nhập" }).click();
  };

  const signIn = async (username: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${base}/`);
    await signInOn(page, username);
    await page.waitForURL(`${base}/`);
    return page;
  };

  const submittedBulletin = async (author: { username: string; password: string }, overrides: Record<string, unknown> = {}) => {
    const token = (await pipeline.request("POST", "/api/v1/auth/login", { body: author })).json.token as string;
    const created = await pipeline.request("POST", "/api/v1/bulletins", { token, body: buildBulletin({ targetLanguages: ["vi"], ...overrides }) });
    expect(created.status, created.text).toBe(201);
    const submitted = await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/submit`, { token });
    expect(submitted.status, submitted.text).toBeLessThan(300);
    return created.json.id as string;
  };

  const statusOf = async (id: string) => (await getBulletin(pipeline.db, id))!.status;

  it("shows an approver their own bulletin with the four-eyes rule and no approve button; another approver approves it", async () => {
    const id = await submittedBulletin({ username: "chief", password: chiefPassword }, { text: buildText("vi", { headline: "Bản tin của trưởng phòng" }) });
    const chief = await signIn("chief");
    await chief.goto(`${base}/bulletins/${id}`);
    await chief.getByText("nguyên tắc bốn mắt").first().waitFor({ timeout: 10_000 });
    expect(await chief.getByRole("button", { name: "Duyệt", exact: true }).count()).toBe(0);
    expect(await accessibilityProblems(chief)).toEqual([]);
    await chief.close();

    const approver = await signIn("approver");
    await approver.goto(`${base}/bulletins/${id}`);
    await approver.getByRole("button", { name: "Duyệt", exact: true }).click();
    await approver.waitForURL(/done=approved/);
    expect(["approved", "localized", "published"]).toContain(await statusOf(id));
    await approver.close();
  });

  it("refuses a form posted to the console from another site, and nothing changes", async () => {
    const id = await submittedBulletin({ username: "editor", password: password("editor") });
    const approver = await signIn("approver");
    // another site (localhost is not 127.0.0.1 to the browser) with a form that posts to the console on load,
    // with a made-up CSRF token, as an attacker's page would
    const attacker: Server = createServer((_request, response) => {
      response.setHeader("content-type", "text/html; charset=utf-8");
      response.end(
        `<!doctype html><html lang="en"><title>prize</title><form id="f" method="post" action="${base}/bulletins/${id}/approve">` +
          `<input type="hidden" name="_csrf" value="guessed"></form><script>document.getElementById("f").submit()</script></html>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    try {
      const answer = approver.waitForResponse((response) => response.url() === `${base}/bulletins/${id}/approve`);
      await approver.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
      const response = await answer;
      // refused: a 403 page, or the sign-in page when the browser kept the cookie back (SameSite=Lax)
      expect(response.status() === 403 || (response.status() >= 300 && response.status() < 400)).toBe(true);
      await approver.waitForLoadState();
      expect(await statusOf(id)).toBe("submitted");
      // the approver's own page, from the console itself, still approves
      await approver.goto(`${base}/bulletins/${id}`);
      await approver.getByRole("button", { name: "Duyệt", exact: true }).click();
      await approver.waitForURL(/done=approved/);
      expect(await statusOf(id)).not.toBe("submitted");
    } finally {
      attacker.close();
      await approver.close();
    }
  });

  it("ends a session after twelve hours: the next click asks to sign in again, then goes where it was going", async () => {
    const id = await submittedBulletin({ username: "editor", password: password("editor") }, { text: buildText("vi", { headline: "Hết phiên làm việc" }) });
    const editor = await signIn("editor");
    now += 13 * 3_600_000;
    try {
      await editor.goto(`${base}/bulletins/${id}`);
      expect(new URL(editor.url()).pathname).toBe("/login");
      await editor.getByText("Phiên làm việc đã hết hạn.").waitFor({ timeout: 10_000 });
      expect(await accessibilityProblems(editor)).toEqual([]);
      await signInOn(editor, "editor");
      await editor.waitForURL(`${base}/bulletins/${id}`);
      expect(await editor.locator("h1").first().textContent()).toBe("Hết phiên làm việc");
    } finally {
      now -= 13 * 3_600_000;
      await editor.close();
    }
  });

  it("shows markup typed into the console's text fields as text, never as markup", async () => {
    const typed = `<img src="x" id="injected"><script id="injected-script">window.injected = 1</script>`;
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    // the sign-in form keeps what was typed as the username
    await page.goto(`${base}/login`);
    await page.getByLabel("Tên đăng nhập").fill(typed);
    await page.getByLabel("Mật khẩu").fill("wrong");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForLoadState();
    expect(await page.getByLabel("Tên đăng nhập").inputValue()).toBe(typed);
    await signInOn(page, "approver");
    await page.waitForURL(`${base}/`);

    // the list's search
    await page.getByLabel("Tìm").first().fill(typed);
    await page.getByLabel("Tìm").first().press("Enter");
    await page.waitForLoadState();
    expect(await page.getByLabel("Tìm").first().inputValue()).toBe(typed);

    // a rejection's reason (tags are refused by the text rule, and the form shows what was typed, as text)
    const id = await submittedBulletin({ username: "editor", password: password("editor") });
    await page.goto(`${base}/bulletins/${id}`);
    await page.getByLabel("Lý do").first().fill(typed);
    await page.getByRole("button", { name: "Từ chối" }).click();
    await page.waitForLoadState();
    expect(await statusOf(id)).toBe("submitted");

    for (const check of [page.locator("#injected"), page.locator("#injected-script")]) expect(await check.count()).toBe(0);
    expect(await page.evaluate("window.injected")).toBeUndefined();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });
});
