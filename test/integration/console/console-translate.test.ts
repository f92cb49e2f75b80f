// The console's translation page on both back ends, with a machine translator (a real HTTP stand-in for
// LibreTranslate): a translator takes the machine's proposals for Lao (without JavaScript: the form's buttons),
// saves and approves; the waiting languages show on every page; an editor gets the 403 page naming the role; a
// cross-site post is refused; markup typed shows as text; texts still needing a native speaker's review are marked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftTranslations } from "../../../src/localize/draft-translations.ts";
import { createLibreTranslate } from "../../../src/localize/machine-translation.ts";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin } from "../../helpers/builders.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../../helpers/fake-libretranslate.ts";
import { silentLogger, startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

const origin = "http://bantin.test";

const textareaOf = (html: string, field: string) => {
  const match = new RegExp(`<textarea id="target-${field}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  if (!match) throw new Error(`no ${field} editor on the page`);
  return match[1]!.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
};

describe.each(backends)("the console's translation page on $name", (backend) => {
  let pipeline: TestPipeline;
  let fake: FakeLibreTranslate;

  const browser = async (username: string) => {
    let cookie = "";
    const call = async (method: string, path: string, form?: Record<string, string>, headers: Record<string, string> = {}) => {
      const all: Record<string, string> = {
        ...(cookie ? { cookie } : {}),
        ...(method === "POST" ? { origin, "sec-fetch-site": "same-origin" } : {}),
        ...headers,
      };
      const body = form ? new URLSearchParams(form).toString() : undefined;
      if (body !== undefined) all["content-type"] = "application/x-www-form-urlencoded";
      const response = await pipeline.app.request(`${origin}${path}`, { method, headers: all, body, redirect: "manual" });
      const set = response.headers.get("set-cookie");
      if (set) cookie = set.split(";")[0]!;
      return { status: response.status, location: response.headers.get("location"), html: await response.text() };
    };
    const password = pipeline.credentials.users.find((user) => user.username === username)!.password;
    expect((await call("POST", "/login", { username, password, next: "/" })).status).toBe(303);
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    return { call, csrfOf };
  };

  const newBulletin = async (overrides: Record<string, unknown> = {}) => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({
        targetLanguages: ["vi", "lo", "en"],
        text: { headline: "Cửa khẩu Cầu Treo đổi giờ", summary: "Từ 01/12 cửa khẩu mở từ 06:00.", body: "Cửa khẩu mở cửa từ 06:00.\nXin cảm ơn." },
        ...overrides,
      }),
    });
    expect(created.status, created.text).toBe(201);
    return created.json.id as string;
  };
  const textOf = async (id: string, language: string) =>
    ((await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor })).json.texts as any[]).find(
      (text) => text.language === language,
    );

  beforeAll(async () => {
    fake = await startFakeLibreTranslate({ table: { lo: { "Cửa khẩu Cầu Treo đổi giờ": "ດ່ານກ່າວແຕ່ວ ປ່ຽນເວລາ" } } });
    pipeline = await startPipeline(backend, { workers: false, machineTranslator: createLibreTranslate({ url: fake.url, timeoutMs: 2_000 }) });
  }, 90_000);
  afterAll(async () => {
    await pipeline?.close();
    await fake?.close();
  });

  it("lets a translator take the machine's proposals for Lao, save and approve, with the waiting languages on every page", async () => {
    const pair = { sourceLanguage: "vi", targetLanguage: "lo", source: "Cửa khẩu mở cửa từ 06:30.", target: "ດ່ານເປີດແຕ່ 06:30." };
    expect((await pipeline.request("POST", "/api/v1/translation-memory", { token: pipeline.tokens.translator, body: pair })).status).toBe(201);
    const id = await newBulletin();
    const translator = await browser("translator");
    // the banner on any page names the waiting languages and links to their translation pages
    const list = await translator.call("GET", "/reports");
    expect(list.status).toBe(403);
    const home = await translator.call("GET", "/");
    expect(home.html).toContain('class="waiting-banner"');
    expect(home.html).toMatch(/Số ngôn ngữ đang chờ bạn dịch: \d+/);
    expect(home.html).toContain(`href="/bulletins/${id}/texts/lo"`);
    // and the list's "waiting for me" agrees with the banner: the same bulletin, its waiting languages named
    const waitingForMe = home.html.slice(home.html.indexOf('id="waiting-for-me"'), home.html.indexOf('id="all-bulletins"'));
    expect(waitingForMe).toContain(`/bulletins/${id}`);
    expect(waitingForMe).toMatch(/Tiếng Lào/);
    // the bulletin's page links each waiting language to its translation page
    const bulletinPage = await translator.call("GET", `/bulletins/${id}`);
    expect(bulletinPage.html).toContain(`<a href="/bulletins/${id}/texts/lo">Tiếng Lào</a>`);
    expect(bulletinPage.html).toContain(`<a href="/bulletins/${id}/texts/en">Tiếng Anh</a>`);

    const page = await translator.call("GET", `/bulletins/${id}/texts/lo`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Tiếng Việt (nguồn)");
    expect(page.html).toContain("Tiếng Lào (bản dịch)");
    expect(page.html).toContain("Dịch máy (libretranslate)");
    expect(page.html).toContain("ດ່ານກ່າວແຕ່ວ ປ່ຽນເວລາ");
    // a similar sentence in the memory, with its score and the sentence it translated
    expect(page.html).toMatch(/Bộ nhớ dịch, câu tương tự · độ tương đồng \d+(\s|\u00a0)?%/);
    expect(page.html).toContain("ດ່ານເປີດແຕ່ 06:30.");
    expect(page.html).toContain("Câu gốc đã dịch trước đây: Cửa khẩu mở cửa từ 06:30.");
    expect(page.html).toContain('src="/console/assets/translate.js"');
    expect(textareaOf(page.html, "headline")).toBe("");
    // without JavaScript: each "use" button posts the form and the page comes back with the field filled, unsaved
    let html = page.html;
    let typed: Record<string, string> = { headline: "", summary: "", body: "" };
    for (const field of ["headline", "summary", "body"]) {
      const used = await translator.call("POST", `/bulletins/${id}/texts/lo`, { _csrf: translator.csrfOf(html), ...typed, use: `f:${field}` });
      expect(used.status, used.html.slice(0, 500)).toBe(200);
      expect(used.html).toContain("Gợi ý đã được đưa vào ô; chưa lưu.");
      html = used.html;
      typed = { headline: textareaOf(html, "headline"), summary: textareaOf(html, "summary"), body: textareaOf(html, "body") };
    }
    expect(typed).toEqual({
      headline: "ດ່ານກ່າວແຕ່ວ ປ່ຽນເວລາ",
      summary: "[lo] Từ 01/12 cửa khẩu mở từ 06:00.",
      body: "[lo] Cửa khẩu mở cửa từ 06:00.\n[lo] Xin cảm ơn.",
    });
    expect(await textOf(id, "lo")).toBeUndefined();
    // one sentence's proposal replaces what the field holds for that sentence only
    const sentenceUse = /name="use" value="(s:\d+:0)"[^>]*data-field="body" data-text="\[lo\] Xin cảm ơn\."/.exec(html);
    expect(sentenceUse).not.toBeNull();
    const again = await translator.call("POST", `/bulletins/${id}/texts/lo`, {
      _csrf: translator.csrfOf(html),
      ...typed,
      body: "ຂອບໃຈ\nXin cảm ơn.",
      use: sentenceUse![1]!,
    });
    expect(textareaOf(again.html, "body")).toBe("ຂອບໃຈ\n[lo] Xin cảm ơn.");

    const asked = fake.requests.length;
    const saved = await translator.call("POST", `/bulletins/${id}/texts/lo`, { _csrf: translator.csrfOf(html), ...typed, action: "save" });
    expect(saved.status).toBe(303);
    // saving shows no page, so the machine is not asked
    expect(fake.requests.length).toBe(asked);
    expect(saved.location).toBe(`/bulletins/${id}/texts/lo?done=saved`);
    expect(await textOf(id, "lo")).toMatchObject({ state: "draft", origin: "translator", headline: "ດ່ານກ່າວແຕ່ວ ປ່ຽນເວລາ" });
    const afterSave = await translator.call("GET", saved.location!);
    expect(afterSave.html).toContain("Đã lưu bản nháp.");
    expect(textareaOf(afterSave.html, "body")).toBe(typed.body);

    const approved = await translator.call("POST", `/bulletins/${id}/texts/lo`, { _csrf: translator.csrfOf(afterSave.html), ...typed, action: "approve" });
    expect(approved.location).toBe(`/bulletins/${id}/texts/lo?done=approved`);
    expect(await textOf(id, "lo")).toMatchObject({ state: "approved", summary: "[lo] Từ 01/12 cửa khẩu mở từ 06:00." });
    const done = await translator.call("GET", approved.location!);
    expect(done.html).toContain("Đã duyệt bản dịch Tiếng Lào.");
    // the other waiting language is one link away; lo no longer waits
    expect(done.html).toContain(`<a href="/bulletins/${id}/texts/en">Tiếng Anh</a>`);
    expect(done.html).not.toContain(`href="/bulletins/${id}/texts/lo">Tiếng Lào</a>`);
  });

  it("shows an editor the 403 page naming the translator role, and refuses a cross-site post", async () => {
    const id = await newBulletin();
    const editor = await browser("editor");
    const page = await editor.call("GET", `/bulletins/${id}/texts/lo`);
    expect(page.status).toBe(403);
    expect(page.html).toContain("Người dịch");
    // an editor sees the languages of their bulletins that wait, without translation links
    expect(page.html).toContain("Số ngôn ngữ trong bản tin của bạn đang chờ dịch:");
    const translator = await browser("translator");
    const form = await translator.call("GET", `/bulletins/${id}/texts/lo`);
    const forged = await translator.call(
      "POST",
      `/bulletins/${id}/texts/lo`,
      { _csrf: translator.csrfOf(form.html), headline: "x", summary: "x", body: "x", action: "approve" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(forged.status).toBe(403);
    expect(await textOf(id, "lo")).toBeUndefined();
    const noToken = await translator.call("POST", `/bulletins/${id}/texts/lo`, { headline: "x", summary: "x", body: "x", action: "save" });
    expect(noToken.status).toBe(403);
    expect(await textOf(id, "lo")).toBeUndefined();
  });

  it("shows markup typed into a field as text, with the errors beside the fields worded as on the other forms, and stores nothing", async () => {
    const id = await newBulletin();
    const translator = await browser("translator");
    const form = await translator.call("GET", `/bulletins/${id}/texts/en`);
    const refused = await translator.call("POST", `/bulletins/${id}/texts/en`, {
      _csrf: translator.csrfOf(form.html),
      headline: '<script>alert("x")</script>',
      summary: "",
      body: "<img src=x onerror=alert(1)>",
      action: "save",
    });
    const bidi = await translator.call("POST", `/bulletins/${id}/texts/en`, {
      _csrf: translator.csrfOf(form.html),
      headline: "Cau Treo gate",
      summary: "Open from 06:00.",
      body: "Open\u202E from 06:00.",
      action: "save",
    });
    expect(bidi.status).toBe(422);
    expect(bidi.html).toMatch(/<p class="field-error" id="error-body">Có ký tự điều khiển hướng chữ \(U\+202E\); hãy xóa ký tự này\.</);
    expect(refused.status).toBe(422);
    expect(refused.html).not.toContain('<script>alert("x")</script>');
    expect(refused.html).not.toContain("<img src=x");
    expect(refused.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(refused.html).toMatch(/<p class="field-error" id="error-headline">Có mã đánh dấu \(thẻ HTML, XML, SVG hoặc SSML\); hãy viết văn bản thường\.</);
    expect(refused.html).toMatch(/<p class="field-error" id="error-summary">Bắt buộc\./);
    expect(refused.html).toContain('aria-invalid="true"');
    expect(await textOf(id, "en")).toBeUndefined();
  });

  it("marks texts that still need a native speaker's review: template wording in Lao and a machine draft", async () => {
    const templated = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: {
        sourceLanguage: "vi",
        channels: ["sms"],
        validUntil: new Date(Date.now() + 48 * 3_600_000).toISOString(),
        template: { name: "gate-closure", fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01T18:00:00+07:00", reason: "flooding" } },
      },
    });
    expect(templated.status, templated.text).toBe(201);
    const translator = await browser("translator");
    const page = await translator.call("GET", `/bulletins/${templated.json.id}`);
    const lao = /<article lang="lo"[\s\S]*?<\/article>/.exec(page.html)![0];
    expect(lao).toMatch(/<span class="review-label">Cần kiểm tra:<\/span> câu mẫu chưa được người bản ngữ kiểm tra \(\d+ câu\)/);
    const vietnamese = /<article lang="vi"[\s\S]*?<\/article>/.exec(page.html)![0];
    expect(vietnamese).not.toContain("review-label");

    const id = await newBulletin();
    const drafted = await draftTranslations(
      { db: pipeline.db, clock: () => new Date(), logger: silentLogger, machineTranslator: createLibreTranslate({ url: fake.url, timeoutMs: 2_000 }) },
      id,
    );
    expect(drafted.drafted.sort()).toEqual(["en", "lo"]);
    const machinePage = await translator.call("GET", `/bulletins/${id}`);
    const english = /<article lang="en"[\s\S]*?<\/article>/.exec(machinePage.html)![0];
    expect(english).toContain("bản nháp dịch máy, chưa được người biết tiếng kiểm tra");
    const translatePage = await translator.call("GET", `/bulletins/${id}/texts/en`);
    expect(translatePage.html).toContain("bản nháp dịch máy, chưa được người biết tiếng kiểm tra");
    // approving the machine draft as it stands keeps its origin and lifts the mark
    const approved = await translator.call("POST", `/bulletins/${id}/texts/en`, {
      _csrf: translator.csrfOf(translatePage.html),
      headline: textareaOf(translatePage.html, "headline"),
      summary: textareaOf(translatePage.html, "summary"),
      body: textareaOf(translatePage.html, "body"),
      action: "approve",
    });
    expect(approved.status).toBe(303);
    expect(await textOf(id, "en")).toMatchObject({ state: "approved", origin: "machine" });
    const after = await translator.call("GET", `/bulletins/${id}`);
    expect(/<article lang="en"[\s\S]*?<\/article>/.exec(after.html)![0]).not.toContain("review-label");
  });
});
