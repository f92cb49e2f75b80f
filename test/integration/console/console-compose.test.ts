// The console's compose and correct pages without a browser (issue 14, items 2 and 4): the no-script preview with
// markup shown as text, errors beside their fields with nothing saved, create and submit, and a correction that
// first says which partners already sent the bulletin, then saves a new version with the edited text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../../helpers/backends.ts";
import { consoleBrowser } from "../../helpers/console-browser.ts";
import { buildBulletin, buildText } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

const summary = "Cửa khẩu Cầu Treo tạm đóng cửa từ 18:00 ngày mai do mưa lớn, đề nghị hành khách chờ hướng dẫn của bộ đội biên phòng.";

describe.each(backends)("composing and correcting in the console on $name", (backend) => {
  let pipeline: TestPipeline;

  let browser: ReturnType<typeof consoleBrowser>;
  const call = (method: string, path: string, form?: [string, string][]) => browser.call(method, path, form ? { form } : {});
  const csrf = async (page: string) => /name="_csrf" value="([^"]+)"/.exec((await call("GET", page)).html)![1]!;
  const form = (token: string, fields: Record<string, string | string[]>): [string, string][] => [
    ["_csrf", token],
    ...Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => [name, item] as [string, string])),
  ];
  const later = (hours: number) => new Date(Date.now() + hours * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 16);
  const count = async () => (await pipeline.request("GET", "/api/v1/bulletins?limit=200", { token: pipeline.tokens.admin })).json.items.length as number;

  beforeAll(async () => {
    pipeline = await startPipeline(backend);
    const password = pipeline.credentials.users.find((user) => user.username === "editor")!.password;
    browser = consoleBrowser(pipeline.app);
    await browser.signIn("editor", password);
  }, 90_000);
  afterAll(() => pipeline?.close());

  it("links the compose page for editors and previews without script, markup shown as text", async () => {
    expect((await call("GET", "/")).html).toContain('href="/bulletins/new"');
    const token = await csrf("/bulletins/new");
    const page = await call(
      "POST",
      "/bulletins/new",
      form(token, {
        action: "preview",
        sourceLanguage: "vi",
        headline: "<script>alert(1)</script> Cầu Treo",
        summary,
        body: summary,
        areas: "VN-HT-CAUTREO",
        validUntil: later(24),
        placeQuery: "",
      }),
    );
    expect(page.status).toBe(200);
    expect(page.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Cầu Treo");
    expect(page.html).not.toContain("<script>alert(1)");
    // languages and channels follow the area: Lao is there, with MekongMobile's SMS in two parts
    expect(page.html).toMatch(/<article class="language-preview" lang="lo"/);
    expect(page.html).toMatch(/data-partner="MekongMobile" data-parts="2"/);
    expect(page.html).toMatch(/name="targetLanguages" value="lo" checked=""/);
  });

  it("finds places in any language for the area picker", async () => {
    for (const query of ["cau treo", "Cầu Treo", "ກ່າວແຕ່ວ", "Cau Treo International"]) {
      const found = JSON.parse((await call("GET", `/console/places?q=${encodeURIComponent(query)}`)).html) as { code: string }[];
      expect(found[0]?.code, query).toBe("VN-HT-CAUTREO");
    }
  });

  it("puts errors beside their fields and saves nothing, then creates and submits", async () => {
    const before = await count();
    const token = await csrf("/bulletins/new");
    const refused = await call(
      "POST",
      "/bulletins/new",
      form(token, { action: "draft", sourceLanguage: "vi", headline: "Cầu Treo", summary, body: summary, areas: "VN-HT-CAUTREO", validUntil: "" }),
    );
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/id="field-validUntil-error"/);
    expect(refused.html).toMatch(/id="field-validUntil"[^>]*aria-invalid="true"/);
    expect(await count()).toBe(before);

    const submitted = await call(
      "POST",
      "/bulletins/new",
      form(token, {
        action: "submit",
        sourceLanguage: "vi",
        headline: "Cầu Treo tạm đóng cửa",
        summary,
        body: summary,
        areas: "VN-HT-CAUTREO",
        validUntil: later(24),
      }),
    );
    expect(submitted.status).toBe(303);
    expect(submitted.location).toMatch(/^\/bulletins\/[0-9a-f-]{36}\?done=submitted$/);
    const id = submitted.location!.split("/")[2]!.split("?")[0]!;
    const stored = await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor });
    expect(stored.json).toMatchObject({
      status: "submitted",
      areas: ["VN-HT-CAUTREO"],
      targetLanguages: ["vi", "lo", "en"],
      channels: ["sms", "voice", "radio", "display"],
    });
  });

  it("composes from a template: its fields, every language rendered, errors beside the template's fields", async () => {
    const token = await csrf("/bulletins/new");
    const fields = { kind: "template", templateName: "gate-closure", "tf.gate": "VN-HT-CAUTREO", "tf.from": later(2), validUntil: later(48) };
    const missing = await call("POST", "/bulletins/new", form(token, { action: "draft", ...fields }));
    expect(missing.status).toBe(422);
    expect(missing.html).toMatch(/id="field-tf-reason-error"/);
    const preview = await call("POST", "/bulletins/new", form(token, { action: "preview", ...fields, "tf.reason": "flooding" }));
    expect(preview.html).toMatch(/<select id="field-tf-gate" name="tf.gate"/);
    expect(preview.html).toContain("Để trống: bản tin theo mẫu lấy địa bàn từ cửa khẩu đã chọn trong mẫu.");
    expect(preview.html).toMatch(/<article class="language-preview" lang="lo" data-language="lo"><h3>Tiếng Lào<\/h3><p class="origin">Từ mẫu<\/p>/);
    const saved = await call("POST", "/bulletins/new", form(token, { action: "draft", ...fields, "tf.reason": "flooding" }));
    expect(saved.status).toBe(303);
    const stored = await pipeline.request("GET", `/api/v1/bulletins/${saved.location!.split("/")[2]}`, { token: pipeline.tokens.editor });
    expect(stored.json).toMatchObject({ status: "draft", template: "gate-closure", areas: ["VN-HT-CAUTREO"] });
    expect(stored.json.texts.map((text: { language: string }) => text.language).sort()).toEqual(["en", "lo", "vi"]);
  });

  it("keeps 'from a template' chosen before a template is, asks for one and saves nothing", async () => {
    const token = await csrf("/bulletins/new");
    const text = { kind: "template", templateName: "", headline: "Cầu Treo tạm đóng cửa", summary, body: summary, areas: "VN-HT-CAUTREO" };
    const page = await call("POST", "/bulletins/new", form(token, { action: "preview", ...text, validUntil: later(24) }));
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<input type="radio" name="kind" value="template" checked=""/);
    expect(page.html).toMatch(/<p class="field-error" id="field-template-error">Chọn một mẫu, hoặc chọn Văn bản tự do.<\/p>/);
    const before = await count();
    for (const action of ["draft", "submit"]) {
      const refused = await call("POST", "/bulletins/new", form(token, { action, ...text, validUntil: later(24) }));
      expect(refused.status, action).toBe(422);
      expect(refused.html).toContain("Chọn một mẫu, hoặc chọn Văn bản tự do.");
    }
    expect(await count()).toBe(before);
  });

  it("shows who already has a published bulletin before correcting it, then saves the correction as a new version", async () => {
    const id = await pipeline.approveNew(buildBulletin({ channels: ["sms"] }), { lo: buildText("lo"), en: buildText("en") });
    await pipeline.waitForStatus(id, "published");
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 100 } });
    expect(claim.status).toBe(201);

    expect((await call("GET", `/bulletins/${id}`)).html).toContain(`href="/bulletins/${id}/correct"`);
    const page = await call("GET", `/bulletins/${id}/correct`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<ul id="consequences"><li>[^<]*VinaTel<\/li><\/ul>/);
    expect(page.html).toContain(buildText("vi").summary);

    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
    const corrected = "Từ 02/12, cửa khẩu Cầu Treo mở cửa từ 07:00 đến 21:00.";
    const saved = await call(
      "POST",
      `/bulletins/${id}/correct`,
      form(token, {
        action: "draft",
        sourceLanguage: "vi",
        headline: buildText("vi").headline,
        summary: corrected,
        body: buildText("vi").body,
        areas: "VN-HT-CAUTREO",
        targetLanguages: ["vi", "lo", "en"],
        targetLanguagesTouched: "1",
        channels: "sms",
        channelsTouched: "1",
        validUntil: later(30),
      }),
    );
    expect(saved.status).toBe(303);
    const correctionId = saved.location!.split("/")[2]!;
    expect(correctionId).not.toBe(id);
    const correction = await pipeline.request("GET", `/api/v1/bulletins/${correctionId}`, { token: pipeline.tokens.editor });
    expect(correction.json).toMatchObject({ status: "draft", version: 2, supersedesId: id, channels: ["sms"] });
    expect(correction.json.texts.find((text: { language: string }) => text.language === "vi").summary).toBe(corrected);
    // the old version stays published until the correction is
    expect((await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor })).json.status).toBe("published");
  }, 120_000);

  it("corrects a bulletin made from a template through its fields, and renders every language again from them", async () => {
    const id = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["sms"] });
    const before = (await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor })).json;
    const page = await call("GET", `/bulletins/${id}/correct`);
    expect(page.status).toBe(200);
    // the template's form, filled from the bulletin; no free text to type over the rendered texts, no other kind
    expect(page.html).toContain('<input type="hidden" name="kind" value="template"/>');
    expect(page.html).toContain('<input type="hidden" name="templateName" value="gate-closure"/>');
    expect(page.html).toMatch(/<p id="fixed-kind">Theo mẫu[^<]*: [^<]+<\/p>/);
    expect(page.html).toMatch(/<option value="VN-HT-CAUTREO" selected="">/);
    expect(page.html).toMatch(/id="field-tf-from" name="tf.from" type="datetime-local" value="2026-12-01T18:00"/);
    expect(page.html).toMatch(/<option value="flooding" selected="">/);
    expect(page.html).not.toContain('name="headline"');
    expect(page.html).not.toContain('name="kind" value="free"');
    // the areas follow the template's gate: the empty area picker says so
    expect(page.html).toContain("Để trống: bản tin theo mẫu lấy địa bàn từ cửa khẩu đã chọn trong mẫu.");

    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
    const fields = {
      kind: "free",
      templateName: "gate-closure",
      "tf.gate": "VN-HT-CAUTREO",
      "tf.from": "2026-12-01T18:00",
      "tf.reason": "flooding",
      "tf.reopening": "2026-12-03T06:30",
      sourceLanguage: "vi",
      targetLanguages: ["vi", "lo", "en"],
      targetLanguagesTouched: "1",
      channels: "sms",
      channelsTouched: "1",
      urgency: "urgent",
      validUntil: later(30),
    };
    const refused = await call("POST", `/bulletins/${id}/correct`, form(token, { ...fields, action: "draft", "tf.reopening": "2026-11-30T06:00" }));
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/id="field-tf-reopening-error"/);
    const saved = await call("POST", `/bulletins/${id}/correct`, form(token, { ...fields, action: "draft" }));
    expect(saved.status).toBe(303);
    const correctionId = saved.location!.split("/")[2]!;
    const correction = (await pipeline.request("GET", `/api/v1/bulletins/${correctionId}`, { token: pipeline.tokens.editor })).json;
    expect(correction).toMatchObject({ status: "draft", version: 2, supersedesId: id, template: "gate-closure", areas: ["VN-HT-CAUTREO"] });
    expect(correction.templateFields).toMatchObject({ gate: "VN-HT-CAUTREO", reason: "flooding", reopening: "2026-12-03T06:30:00+07:00" });
    type Text = { language: string; summary: string; origin: string; state: string };
    for (const language of ["vi", "lo", "en"]) {
      const text = correction.texts.find((candidate: Text) => candidate.language === language) as Text;
      const old = before.texts.find((candidate: Text) => candidate.language === language) as Text;
      expect(text, language).toMatchObject({ origin: "template", state: "approved" });
      expect(text.summary, language).not.toBe(old.summary);
      expect(text.summary, language).toContain("06:30");
    }
  }, 120_000);
});
