import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedBackend } from "../helpers/backends.ts";
import { haveChromium, lookAt, signInOn, noteMissingChromium, serveToBrowser } from "../helpers/browser.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

noteMissingChromium("console correction e2e");

/** A datetime-local value on the province's wall clock (UTC+7), `days` from now at `time`. */
const provinceDay = (days: number, time: string) => `${new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;

type Text = { language: string; headline: string; summary: string; body: string };

describe.skipIf(!haveChromium)("correcting a bulletin made from a template in the console", () => {
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

  const signIn = async (username: string) => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    return signInOn(page, base, username, pipeline.credentials.users.find((user) => user.username === username)!.password);
  };

  const bulletin = async (id: string) => (await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor })).json;

  it("opens the template's form filled from a published gate closure, changes the reopening time and submits the correction", async () => {
    const from = provinceDay(1, "18:00");
    const reopening = provinceDay(3, "06:00");
    const corrected = provinceDay(3, "07:30");

    // the editor composes the gate closure from its template and submits it
    const editor = await signIn("editor");
    await editor.getByRole("link", { name: "Soạn bản tin" }).click();
    await editor.waitForURL(`${base}/bulletins/new`);
    // choosing the template, then the kind, asks the server for the template's fields: the page comes back with them
    await Promise.all([editor.waitForNavigation(), editor.getByLabel("Mẫu", { exact: true }).selectOption("gate-closure")]);
    await Promise.all([editor.waitForNavigation(), editor.getByRole("radio", { name: /Theo mẫu/ }).check()]);
    await editor.getByLabel("Cửa khẩu", { exact: true }).selectOption("VN-HT-CAUTREO");
    await editor.getByLabel("Từ", { exact: true }).fill(from);
    await editor.getByLabel("Lý do", { exact: true }).selectOption("flooding");
    await editor.getByLabel(/^Mở cửa trở lại/).fill(reopening);
    await editor.getByLabel("Hiệu lực đến").fill(provinceDay(3, "12:00"));
    await editor.getByRole("button", { name: "Xem trước" }).click();
    await editor.locator('article[data-language="lo"] .headline').waitFor({ timeout: 20_000 });
    await editor.getByRole("button", { name: "Gửi duyệt" }).click();
    await editor.waitForURL(/\/bulletins\/[0-9a-f-]{36}\?done=submitted$/, { timeout: 30_000 });
    const id = new URL(editor.url()).pathname.split("/").pop()!;
    const original = await bulletin(id);
    expect(original).toMatchObject({ status: "submitted", template: "gate-closure", areas: ["VN-HT-CAUTREO"] });
    expect(original.templateFields).toMatchObject({ gate: "VN-HT-CAUTREO", reason: "flooding", reopening: `${reopening}:00+07:00` });

    // the approver approves it; it is published, and a partner takes its SMS
    const approver = await signIn("approver");
    await approver.goto(`${base}/bulletins/${id}`);
    await approver.getByRole("button", { name: "Duyệt", exact: true }).click();
    await approver.waitForURL(new RegExp(`/bulletins/${id}`));
    await approver.context().close();
    await pipeline.waitForStatus(id, "published", 60_000);
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("MekongMobile"), body: { max: 100 } });
    expect(claim.status).toBe(201);

    // the correction page: who has it, then the template's form with the bulletin's fields, no free text
    await editor.goto(`${base}/bulletins/${id}`);
    await editor.getByRole("link", { name: "Đính chính", exact: true }).click();
    await editor.waitForURL(`${base}/bulletins/${id}/correct`);
    expect(await editor.locator("#consequences").textContent()).toContain("MekongMobile");
    expect((await editor.locator("#fixed-kind").textContent())?.trim()).toBe("Theo mẫu (mọi ngôn ngữ từ các trường): Tạm đóng cửa khẩu");
    expect(await editor.getByLabel("Cửa khẩu", { exact: true }).inputValue()).toBe("VN-HT-CAUTREO");
    expect(await editor.getByLabel("Từ", { exact: true }).inputValue()).toBe(from);
    expect(await editor.getByLabel("Lý do", { exact: true }).inputValue()).toBe("flooding");
    expect(await editor.getByLabel(/^Mở cửa trở lại/).inputValue()).toBe(reopening);
    expect(await editor.locator('[name="headline"], [name="summary"], [name="body"]').count()).toBe(0);
    expect(await editor.locator('input[name="kind"][value="free"]').count()).toBe(0);
    // the preview is rendered from the fields in every language
    for (const language of ["vi", "lo", "en"]) {
      expect(await editor.locator(`article[data-language="${language}"] .headline`).textContent(), language).toBeTruthy();
    }
    await editor.waitForFunction(
      () =>
        [...(globalThis as any).document.querySelectorAll(".slides img")].every(
          (image: { complete: boolean; naturalWidth: number }) => image.complete && image.naturalWidth > 0,
        ),
      undefined,
      { timeout: 90_000 },
    );
    await look(editor, "correct-template.vi");

    // the reopening moves; the preview follows while typing, and the correction is submitted
    await editor.getByLabel(/^Mở cửa trở lại/).fill(corrected);
    await editor.waitForFunction(
      () => (globalThis as any).document.querySelector('article[data-language="en"]')?.textContent?.includes("07:30") ?? false,
      undefined,
      { timeout: 20_000 },
    );
    await editor.getByRole("button", { name: "Lưu và gửi duyệt bản đính chính" }).click();
    await editor.waitForURL(/\/bulletins\/[0-9a-f-]{36}\?done=submitted$/, { timeout: 30_000 });
    const correctionId = new URL(editor.url()).pathname.split("/").pop()!;
    expect(correctionId).not.toBe(id);
    expect((await editor.locator("p.notice[role=status]").textContent())?.trim()).toBe("Đã gửi duyệt.");
    await look(editor, "correct-template-submitted.vi");

    const correction = await bulletin(correctionId);
    expect(correction).toMatchObject({ status: "submitted", version: 2, supersedesId: id, template: "gate-closure", areas: ["VN-HT-CAUTREO"] });
    expect(correction.templateFields).toMatchObject({ gate: "VN-HT-CAUTREO", reason: "flooding", reopening: `${corrected}:00+07:00` });
    const before = await bulletin(id);
    expect(before.status).toBe("published");
    for (const language of ["vi", "lo", "en"]) {
      const text = correction.texts.find((candidate: Text) => candidate.language === language) as Text;
      const old = before.texts.find((candidate: Text) => candidate.language === language) as Text;
      expect(text, language).toMatchObject({ origin: "template", state: "approved" });
      expect(`${text.summary} ${text.body}`, language).toContain("07:30");
      expect(`${old.summary} ${old.body}`, language).not.toContain("07:30");
      expect(old.summary, language).toContain("06:00");
    }

    await editor.context().close();

    // the same correction page in English
    const english = await signIn("editor");
    await english.getByLabel("Ngôn ngữ giao diện").selectOption("en");
    await english.getByRole("button", { name: "Đổi" }).click();
    await english.goto(`${base}/bulletins/${id}/correct`);
    expect((await english.locator("#fixed-kind").textContent())?.trim()).toMatch(/^From a template/);
    expect(await english.getByLabel(/^Reopening/).inputValue()).toBe(reopening);
    expect(await english.locator('[name="headline"]').count()).toBe(0);
    await english.waitForFunction(
      () =>
        [...(globalThis as any).document.querySelectorAll(".slides img")].every(
          (image: { complete: boolean; naturalWidth: number }) => image.complete && image.naturalWidth > 0,
        ),
      undefined,
      { timeout: 90_000 },
    );
    await look(english, "correct-template.en");
    await english.context().close();
  }, 240_000);
});
