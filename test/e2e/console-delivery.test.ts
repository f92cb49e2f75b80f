import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedBackend } from "../helpers/backends.ts";
import { buildBulletin, buildText } from "../helpers/builders.ts";
import { haveChromium, lookAt, signInOn, noteMissingChromium, serveToBrowser } from "../helpers/browser.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

noteMissingChromium("console delivery e2e");

describe.skipIf(!haveChromium)("the live delivery view in a browser", () => {
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

  const look = (page: Page, name: string) => lookAt(page, name);

  /** Over HTTP, as a partner or a screen would. */
  const send = async (path: string, token: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, path).toBeLessThan(300);
    return (await response.json()) as any;
  };

  const signIn = async (username: string, options: { javaScript?: boolean } = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: options.javaScript ?? true });
    const page = await context.newPage();
    return signInOn(page, base, username, pipeline.credentials.users.find((user) => user.username === username)!.password);
  };

  const cell = (page: Page, key: string, column: string) => page.locator(`tr[data-key="${key}"] td[data-column="${column}"]`);
  const waitForText = async (page: Page, key: string, column: string, text: string) => {
    const selector = `tr[data-key="${key}"] td[data-column="${column}"]`;
    await page.waitForFunction(`document.querySelector(${JSON.stringify(selector)})?.textContent?.includes(${JSON.stringify(text)}) ?? false`, undefined, {
      timeout: 15_000,
    });
  };

  it("changes the table in place as the partner claims and acknowledges and the screen plays, in Vietnamese and in English", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi", "en"], channels: ["sms", "display"], areas: ["VN-HT-CAUTREO"] }), {
      en: buildText("en"),
    });
    await pipeline.waitForStatus(id, "published");
    const vinatel = pipeline.credentials.partners.find((partner) => partner.name === "VinaTel")!;
    const mekong = pipeline.credentials.partners.find((partner) => partner.name === "MekongMobile")!;
    const screen = pipeline.credentials.screens.find((entry) => entry.name === "Cầu Treo gate screen")!;

    const page = await signIn("approver");
    await page.goto(`${base}/bulletins/${id}`);
    await page.locator("#delivery[data-live=on]").waitFor({ timeout: 10_000 });
    expect(await cell(page, `sms:${vinatel.id}:vi`, "state").textContent()).toBe("Đang chờ");
    expect(await cell(page, `display:${screen.id}:en`, "state").textContent()).toBe("Đang chờ");
    // a mark on this document: it must survive every update below (no reload)
    await page.evaluate("window.bantinMark = 'same page'");

    const claimed = await send("/partner/v1/batches/claim", vinatel.token, { max: 100 });
    const ours = claimed.batch.messages.filter((message: { bulletinId: string }) => message.bulletinId === id);
    expect(ours.length).toBe(2);
    await waitForText(page, `sms:${vinatel.id}:vi`, "state", "Đối tác đã nhận");
    await waitForText(page, `sms:${vinatel.id}:en`, "state", "Đối tác đã nhận");
    await send(`/partner/v1/batches/${claimed.batch.id}/ack`, vinatel.token, {
      results: ours.map((message: { id: string; language: string }) =>
        message.language === "vi"
          ? { messageId: message.id, status: "sent", submitted: 15200, delivered: 14980, failed: 220 }
          : { messageId: message.id, status: "rejected", submitted: 0, delivered: 0, failed: 0, reason: "sender_not_registered" },
      ),
    });
    await waitForText(page, `sms:${vinatel.id}:vi`, "state", "Đã gửi");
    expect(await cell(page, `sms:${vinatel.id}:vi`, "counts").textContent()).toContain("Gửi 15.200, thành công 14.980, lỗi 220");
    await waitForText(page, `sms:${vinatel.id}:en`, "reasons", "Tên người gửi chưa đăng ký với nhà mạng");

    const feed = await send("/screen/v1/feed", screen.token);
    const items = feed.items.filter((item: { bulletinId: string }) => item.bulletinId === id);
    await send("/screen/v1/plays", screen.token, {
      plays: items.map((item: { id: string }) => ({ itemId: item.id, startedAt: new Date().toISOString(), durationSec: 12 })),
    });
    await waitForText(page, `display:${screen.id}:vi`, "state", "Đã trình chiếu");
    await waitForText(page, `display:${screen.id}:en`, "counts", "1 lượt trình chiếu");
    expect(await page.locator("[data-summary]").textContent()).toContain("Đã gửi: 1");
    expect(await page.evaluate("window.bantinMark")).toBe("same page");
    expect(await page.locator("[data-events-count]").textContent()).toMatch(/^Mọi sự kiện trong nhật ký phát \(\d+; tải lại trang để xem các sự kiện mới\)$/);
    // the audit trail in words
    await page.getByRole("cell", { name: "Chuyển sang: Đã phát hành" }).waitFor({ timeout: 5_000 });
    await look(page, "bulletin-delivery.vi");

    await page.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await page.getByRole("button", { name: "Đổi" }).click();
    await page.getByRole("heading", { name: "Delivery by endpoint" }).waitFor({ timeout: 10_000 });
    await page.locator("#delivery[data-live=on]").waitFor({ timeout: 10_000 });
    expect(await cell(page, `sms:${vinatel.id}:en`, "state").textContent()).toBe("Rejected by the partner");
    await page.evaluate("window.bantinMark = 'same page'");
    const second = await send("/partner/v1/batches/claim", mekong.token, { max: 100 });
    expect(second.batch.messages.some((message: { bulletinId: string }) => message.bulletinId === id)).toBe(true);
    await waitForText(page, `sms:${mekong.id}:vi`, "state", "Claimed by the partner");
    expect(await page.evaluate("window.bantinMark")).toBe("same page");
    await look(page, "bulletin-delivery.en");
    await page.context().close();
  }, 90_000);

  it("shows every row and a reload link without JavaScript", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"], channels: ["sms"], areas: ["VN-HT-CAUTREO"] }));
    await pipeline.waitForStatus(id, "published");
    const page = await signIn("reporter", { javaScript: false });
    await page.goto(`${base}/bulletins/${id}`);
    const vinatel = pipeline.credentials.partners.find((partner) => partner.name === "VinaTel")!;
    expect(await cell(page, `sms:${vinatel.id}:vi`, "state").textContent()).toBe("Đang chờ");
    const reload = page.getByRole("link", { name: "Tải lại để xem tình hình mới nhất" });
    expect(await reload.getAttribute("href")).toBe(`/bulletins/${id}#delivery`);
    await page.context().close();
  }, 60_000);
});
