// Validation messages in the console reader's language (issue 14): the compose form's and an admin form's problems
// worded in Vietnamese for a Vietnamese reader and in English for an English one, from the zod issue's code and
// parameters and our own rules; the API's answers keep the schemas' English words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../../helpers/backends.ts";
import { consoleBrowser } from "../../helpers/console-browser.ts";
import { buildBulletin, buildText } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("validation messages in the reader's language on $name", (backend) => {
  let pipeline: TestPipeline;

  /** A console browser whose `call` posts a form with the session's CSRF token (read from the compose page). */
  const browser = () => {
    const client = consoleBrowser(pipeline.app);
    const call = async (method: string, path: string, form?: Record<string, string | string[]>) => {
      if (!form) return client.call(method, path);
      await client.call("GET", "/bulletins/new");
      return client.post(
        path,
        Object.entries(form).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item])),
      );
    };
    const signIn = (username: string) => client.signIn(username, pipeline.credentials.users.find((user) => user.username === username)!.password);
    return { call, signIn };
  };
  /** The text of the problem shown beside a field (`<... id="<id>-error">text</...>`). */
  const problem = (html: string, id: string) => new RegExp(`id="${id}-error">([^<]*)<`).exec(html)?.[1];

  const later = (hours: number) => new Date(Date.now() + hours * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 16);
  const compose = {
    action: "draft",
    sourceLanguage: "vi",
    headline: "Cầu Treo <b>đóng cửa</b>",
    summary: "Cửa khẩu Cầu Treo tạm đóng cửa.",
    body: "Cửa khẩu Cầu Treo tạm đóng cửa.",
    areas: ["VN-HT-CAUTREO", "VN-XX-NOWHERE"],
    channels: "sms",
    channelsTouched: "1",
    validFrom: later(30),
    validUntil: later(20),
  };

  beforeAll(async () => {
    pipeline = await startPipeline(backend);
  }, 90_000);
  afterAll(() => pipeline?.close());

  it("words the compose form's problems in Vietnamese, then in English after the editor switches, and the API stays English", async () => {
    const editor = browser();
    await editor.signIn("editor");
    const vi = await editor.call("POST", "/bulletins/new", compose);
    expect(vi.status).toBe(422);
    expect(problem(vi.html, "field-headline")).toBe("Có mã đánh dấu (thẻ HTML, XML, SVG hoặc SSML); hãy viết văn bản thường.");
    expect(problem(vi.html, "field-validUntil")).toBe("Phải sau mục “Hiệu lực từ”.");
    expect(problem(vi.html, "field-areas")).toBe("Danh mục địa danh không có địa điểm VN-XX-NOWHERE.");
    const missing = await editor.call("POST", "/bulletins/new", { ...compose, headline: "", areas: "VN-HT-CAUTREO", validFrom: "" });
    expect(problem(missing.html, "field-headline")).toBe("Bắt buộc.");
    const gateHours = {
      action: "draft",
      kind: "template",
      templateName: "gate-hours-change",
      "tf.gate": "VN-HT-CAUTREO",
      "tf.from": "2026-12-01",
      "tf.opens": "18:00",
      "tf.closes": "06:00",
      channels: "sms",
      channelsTouched: "1",
      validUntil: later(20),
    };
    expect(problem((await editor.call("POST", "/bulletins/new", gateHours)).html, "field-tf-reason")).toBe("Hãy chọn một giá trị trong danh sách.");
    const closes = await editor.call("POST", "/bulletins/new", { ...gateHours, "tf.reason": "high_traffic" });
    expect(problem(closes.html, "field-tf-closes")).toBe("Phải sau mục “Giờ mở cửa”.");

    expect((await editor.call("POST", "/language", { language: "en" })).status).toBe(303);
    const en = await editor.call("POST", "/bulletins/new", compose);
    expect(problem(en.html, "field-headline")).toBe("Contains markup (HTML, XML, SVG or SSML tags); write plain text.");
    expect(problem(en.html, "field-validUntil")).toBe("Must be after “Valid from”.");
    expect(problem(en.html, "field-areas")).toBe("The gazetteer has no place VN-XX-NOWHERE.");

    // the API's preview and create answer with the schemas' own English words, as before
    const body = {
      sourceLanguage: "vi",
      text: { headline: compose.headline, summary: compose.summary, body: compose.body },
      areas: ["VN-HT-CAUTREO"],
      channels: ["sms"],
      validUntil: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const preview = await pipeline.request("POST", "/api/v1/bulletins/preview", { token: pipeline.tokens.editor, body });
    expect(preview.json.errors["text.headline"]).toEqual(["contains markup (HTML, XML, SVG or SSML tags are not allowed; write plain text)"]);
    const created = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body });
    expect(created.status).toBe(422);
    expect(created.json.errors).toEqual([
      { path: "text.headline", message: "contains markup (HTML, XML, SVG or SSML tags are not allowed; write plain text)" },
    ]);
  });

  it("words an admin form's problems in Vietnamese", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const refused = await admin.call("POST", "/users", { username: "Không Hợp Lệ", displayName: "Ngô\u202EThị", password: "short" });
    expect(refused.status).toBe(422);
    expect(problem(refused.html, "f-username")).toBe("Từ 2 đến 40 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.");
    expect(problem(refused.html, "f-displayName")).toBe("Có ký tự điều khiển hướng chữ (U+202E); hãy xóa ký tự này.");
    expect(problem(refused.html, "f-roles")).toBe("Hãy chọn ít nhất 1.");
    expect(problem(refused.html, "f-password")).toBe("Quá ngắn: ít nhất 10 ký tự.");
  });

  it("words the use cases' refusals in the reader's language: a name or code taken, an unknown place, a token's label, a correction already open", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const taken = await admin.call("POST", "/users", { username: "editor", displayName: "Biên tập viên", roles: "editor", password: "mật-khẩu-đủ-dài" });
    expect(taken.status).toBe(409);
    expect(problem(taken.html, "f-username")).toBe("Tên “editor” đã được dùng; hãy chọn tên khác.");

    const place = {
      code: "VN-HT-CAUTREO",
      kind: "district",
      country: "VN",
      parentCode: "VN-HT",
      "names.vi": "Cầu Treo",
      "names.lo": "ກ່າວແຕ່ວ",
      "names.en": "Cau Treo",
      "names.km": "កៅត្រែវ",
      languages: ["vi"],
    };
    const codeTaken = await admin.call("POST", "/places", place);
    expect(codeTaken.status).toBe(409);
    expect(problem(codeTaken.html, "f-code")).toBe("Danh mục địa danh đã có địa điểm VN-HT-CAUTREO.");
    const orphan = await admin.call("POST", "/places", { ...place, code: "VN-HT-MOI", parentCode: "VN-NOWHERE" });
    expect(problem(orphan.html, "f-parentCode")).toBe("Danh mục địa danh không có địa điểm VN-NOWHERE.");

    const screen = { name: "Màn hình Cầu Treo 1", gateCode: "VN-NOWHERE", languages: "vi", width: "1280", height: "720" };
    expect(problem((await admin.call("POST", "/endpoints/screens", screen)).html, "f-gateCode")).toBe("Danh mục địa danh không có địa điểm VN-NOWHERE.");
    const created = await admin.call("POST", "/endpoints/screens", { ...screen, gateCode: "VN-HT-CAUTREO" });
    expect(created.status).toBe(201);
    const nameTaken = await admin.call("POST", "/endpoints/screens", { ...screen, gateCode: "VN-HT-CAUTREO" });
    expect(nameTaken.status).toBe(409);
    expect(problem(nameTaken.html, "f-name")).toBe("Tên “Màn hình Cầu Treo 1” đã được dùng; hãy chọn tên khác.");
    const screenPage = /action="(\/endpoints\/screens\/[0-9a-f-]{36})\/tokens"/.exec(created.html)![1]!;
    const label = await admin.call("POST", `${screenPage}/tokens`, { label: "x".repeat(101) });
    expect(label.status).toBe(422);
    expect(problem(label.html, "token-label")).toBe("Quá dài: tối đa 100 ký tự.");

    expect((await admin.call("POST", "/language", { language: "en" })).status).toBe(303);
    expect(
      problem(
        (await admin.call("POST", "/users", { username: "editor", displayName: "Editor", roles: "editor", password: "long-enough-password" })).html,
        "f-username",
      ),
    ).toBe("“editor” is already used; choose another name.");
    // the API's answer keeps its English words, and nothing more
    const api = await pipeline.request("POST", "/api/v1/places", {
      token: pipeline.tokens.admin,
      body: {
        code: "VN-HT-MOI",
        kind: "district",
        country: "VN",
        parentCode: "VN-NOWHERE",
        names: { vi: "Mới", lo: "ໃໝ່", en: "New", km: "ថ្មី" },
        languages: ["vi"],
      },
    });
    expect(api.status).toBe(422);
    expect(api.json).toMatchObject({ detail: "parentCode: unknown place VN-NOWHERE", errors: [{ path: "parentCode", message: "unknown place VN-NOWHERE" }] });
    expect(api.json).not.toHaveProperty("issues");

    // a correction already being written: said in Vietnamese on the correct page
    const id = await pipeline.approveNew(buildBulletin({ channels: ["sms"] }), { lo: buildText("lo"), en: buildText("en") });
    await pipeline.waitForStatus(id, "published");
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/correct`, { token: pipeline.tokens.editor })).status).toBe(201);
    const editor = browser();
    await editor.signIn("editor");
    // the first test left the editor reading English
    expect((await editor.call("POST", "/language", { language: "vi" })).status).toBe(303);
    const refused = await editor.call("POST", `/bulletins/${id}/correct`, {
      action: "draft",
      sourceLanguage: "vi",
      ...buildText("vi"),
      areas: "VN-HT-CAUTREO",
      targetLanguages: ["vi", "lo", "en"],
      targetLanguagesTouched: "1",
      channels: "sms",
      channelsTouched: "1",
      validUntil: later(30),
    });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain(
      '<p class="error" role="alert">Bản tin này đang có một bản đính chính chưa hoàn thành; hãy mở bản đính chính đó từ trang bản tin.</p>',
    );
  }, 120_000);
});
