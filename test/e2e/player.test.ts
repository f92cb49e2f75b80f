// The player in headless Chromium (Debian's chromium, driven by playwright-core): rotation in vi, lo and en;
// an urgent bulletin interrupts; withdrawal removes it; with the server gone, the last good feed stays on screen,
// even across a reload.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedBackend } from "../helpers/backends.ts";
import { haveChromium, noteMissingChromium, serveToBrowser } from "../helpers/browser.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

noteMissingChromium("player e2e");

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe.skipIf(!haveChromium)("the screen player in a browser", () => {
  let pipeline: TestPipeline;
  let closeBrowser: (() => Promise<void>) | undefined;
  let stopServer: () => Promise<void>;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    pipeline = await startPipeline(embeddedBackend);
    ({ base, browser, stopServer, close: closeBrowser } = await serveToBrowser(pipeline));
    page = await browser.newPage({ viewport: { width: 960, height: 540 } });
  }, 60_000);
  afterAll(async () => {
    await closeBrowser?.();
    await pipeline?.close();
  });

  const publish = async (body: Record<string, unknown>) => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body });
    expect(created.status, created.text).toBe(201);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/submit`, { token: pipeline.tokens.editor })).status).toBe(200);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/approve`, { token: pipeline.tokens.approver })).status).toBe(200);
    await pipeline.waitForStatus(created.json.id, "published");
    return created.json.id as string;
  };
  type Shown = { itemId?: string; language?: string; urgency?: string; bulletinId?: string; loaded: boolean };
  const shown = (): Promise<Shown> =>
    page
      .locator("#stage img")
      .first()
      .evaluate((img: any) => ({ ...img.dataset, loaded: img.complete && img.naturalWidth > 0 }));

  it("rotates the Cầu Treo bulletins in vi, lo and en, lets urgent interrupt and withdrawal remove, and survives the server going away", async () => {
    const screen = pipeline.credentials.screens.find((entry) => entry.name.startsWith("Cầu Treo"))!;
    await publish({
      sourceLanguage: "vi",
      channels: ["display"],
      validUntil: inHours(48),
      template: { name: "gate-hours-change", fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01", opens: "06:00", closes: "22:00", reason: "holiday" } },
    });
    await page.goto(`${base}/play/${screen.id}#token=${screen.token}&rotate=1`);
    await page.waitForSelector("#stage img[data-item-id]", { timeout: 15_000 });
    const languages = new Set<string>();
    for (let tries = 0; tries < 40 && languages.size < 3; tries += 1) {
      const item = await shown();
      if (item.loaded) languages.add(item.language!);
      await page.waitForTimeout(250);
    }
    expect([...languages].sort()).toEqual(["en", "lo", "vi"]);
    // the slide is the one drawn for this screen: 1920x1080
    const size = await page
      .locator("#stage img")
      .first()
      .evaluate((img: any) => [img.naturalWidth, img.naturalHeight]);
    expect(size).toEqual([1920, 1080]);

    // urgent interrupts the rotation
    const approvedAt = Date.now();
    const urgent = await publish({
      sourceLanguage: "vi",
      channels: ["display"],
      urgency: "urgent",
      validUntil: inHours(48),
      template: { name: "gate-closure", fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01T18:00:00+07:00", reason: "landslide" } },
    });
    await page.waitForSelector(`#stage img[data-bulletin-id="${urgent}"]`, { timeout: 10_000 });
    console.log(`[player e2e] urgent bulletin on screen ${Date.now() - approvedAt} ms after its approval was sent (includes publishing)`);
    expect((await shown()).urgency).toBe("urgent");

    // withdrawn: it leaves the screen
    expect(
      (await pipeline.request("POST", `/api/v1/bulletins/${urgent}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "test: taken off again" } }))
        .status,
    ).toBe(200);
    // functions, not strings: the player's Content-Security-Policy forbids evaluating strings
    await page.waitForFunction((id) => !(globalThis as any).document.querySelector(`#stage img[data-bulletin-id="${id}"]`), urgent, { timeout: 10_000 });

    // plays and heartbeats reached the server
    await page.waitForTimeout(3_500);
    const screens = await pipeline.request("GET", "/api/v1/screens", { token: pipeline.tokens.admin });
    expect(screens.json.items.find((entry: any) => entry.id === screen.id).health).toMatchObject({ playerVersion: "bantin-player/1" });

    // the server goes away: the last good feed stays on screen, also after a reload (service worker + stored feed)
    await pipeline.feedEvents.close();
    await stopServer();
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.state === "offline", undefined, { timeout: 15_000 });
    expect((await shown()).loaded).toBe(true);
    await page.reload();
    await page.waitForSelector("#stage img[data-item-id]", { timeout: 10_000 });
    expect((await shown()).bulletinId).not.toBe(urgent);
  }, 120_000);
});
