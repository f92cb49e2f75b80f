// The compose preview's answers by form (src/http/console/preview-answers.ts): the same form posted again is
// answered with the fragment already rendered, only while the reference data it drew on is the same read; a partner
// renamed shows in the next read's answer, a reader who switched to English gets English, and a changed form is
// previewed afresh.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceTtlMs } from "../../../src/bulletins/preview-bulletin.ts";
import { partners } from "../../../src/db/schema/index.ts";
import { previewAnswersFor } from "../../../src/http/console/preview-answers.ts";
import { backends } from "../../helpers/backends.ts";
import { consoleBrowser } from "../../helpers/console-browser.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

const summary = "Cửa khẩu Cầu Treo tạm đóng cửa từ 18:00 ngày mai do mưa lớn, đề nghị hành khách chờ hướng dẫn của bộ đội biên phòng.";

describe.each(backends)("compose preview answers on $name", (backend) => {
  let pipeline: TestPipeline;
  let offsetMs = 0;

  let browser: ReturnType<typeof consoleBrowser>;
  const call = (method: string, path: string, form?: [string, string][]) => browser.call(method, path, form ? { form } : {});
  let token = "";
  const preview = (fields: Record<string, string>) => call("POST", "/bulletins/new/preview", [["_csrf", token], ...Object.entries(fields)]);
  const fields = { sourceLanguage: "vi", headline: "Cầu Treo tạm đóng cửa", summary, body: summary, areas: "VN-HT-CAUTREO" };
  const readIn = (language: string) =>
    call("POST", "/language", [
      ["_csrf", token],
      ["language", language],
    ]);
  const entries = () => previewAnswersFor(pipeline.db).size().entries;

  beforeAll(async () => {
    pipeline = await startPipeline(backend, { clock: () => new Date(Date.now() + offsetMs) });
    const password = pipeline.credentials.users.find((user) => user.username === "editor")!.password;
    browser = consoleBrowser(pipeline.app);
    await browser.signIn("editor", password);
    token = /name="_csrf" value="([^"]+)"/.exec((await call("GET", "/bulletins/new")).html)![1]!;
  }, 90_000);
  afterAll(() => pipeline?.close());

  it("answers the same form from the fragment rendered for it, until the reference data is read again", async () => {
    offsetMs += referenceTtlMs + 1;
    const first = await preview(fields);
    expect(first.status).toBe(200);
    expect(first.html).toMatch(/data-partner="MekongMobile" data-parts="2"/);
    const held = entries();
    expect(held).toBeGreaterThan(0);

    // the same form again: the same bytes, and nothing new kept
    const again = await preview(fields);
    expect(again.html).toBe(first.html);
    expect(entries()).toBe(held);

    // the partner renamed: the same read still answers as before; the next read shows the new name
    await pipeline.db.update(partners).set({ name: "MekongMobile Renamed" }).where(eq(partners.name, "MekongMobile"));
    try {
      expect((await preview(fields)).html).toBe(first.html);
      offsetMs += referenceTtlMs + 1;
      const fresh = await preview(fields);
      expect(fresh.html).toMatch(/data-partner="MekongMobile Renamed" data-parts="2"/);
      expect(fresh.html).not.toMatch(/data-partner="MekongMobile"/);
    } finally {
      await pipeline.db.update(partners).set({ name: "MekongMobile" }).where(eq(partners.name, "MekongMobile Renamed"));
      offsetMs += referenceTtlMs + 1;
    }
  });

  it("previews a changed form afresh and answers each reader in their language", async () => {
    const vi = await preview(fields);
    const changed = await preview({ ...fields, summary: `${summary} Liên hệ đồn biên phòng.` });
    expect(changed.html).not.toBe(vi.html);
    // the longer summary takes MekongMobile's Lao-free Vietnamese SMS to three parts
    expect(changed.html).toMatch(/data-partner="MekongMobile" data-parts="3"/);
    expect(vi.html).toContain("Tiếng Lào");

    expect((await readIn("en")).status).toBe(303);
    const en = await preview(fields);
    expect(en.html).not.toBe(vi.html);
    expect(en.html).toContain(">Lao<");
    expect(en.html).not.toContain("Tiếng Lào");
    expect((await readIn("vi")).status).toBe(303);
  });
});
