// The console's workflow on a bulletin's page, on both back ends with the workers running: submit, the four-eyes rule
// shown and enforced, reject with a reason, a translator approving a language, approve, and a withdrawal that shows
// who already has the bulletin before it is confirmed. The same use cases as the API decide; the page says why not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../../src/access/users.ts";
import { backends } from "../../helpers/backends.ts";
import { consoleBrowser } from "../../helpers/console-browser.ts";
import { buildBulletin, buildText } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("the console's bulletin actions on $name", (backend) => {
  let pipeline: TestPipeline;
  const passwords: Record<string, string> = {};

  const browser = async (username: string) => {
    const client = consoleBrowser(pipeline.app);
    const call = (method: string, path: string, form?: Record<string, string>) => client.call(method, path, form ? { form } : {});
    await client.signIn(username, passwords[username] ?? pipeline.credentials.users.find((user) => user.username === username)!.password);
    /** Posts a form of the page at `page` (with its CSRF token). */
    const post = async (page: string, action: string, form: Record<string, string> = {}) => {
      await call("GET", page);
      return client.post(action, form);
    };
    return { call, post };
  };

  const status = async (id: string) => (await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.admin })).json.status as string;

  beforeAll(async () => {
    pipeline = await startPipeline(backend);
    passwords.chief = (
      await createUser(pipeline.db, { username: "chief", displayName: "Trưởng phòng", roles: ["editor", "approver"], password: "chief-password-1" })
    ).password;
  }, 90_000);
  afterAll(() => pipeline?.close());

  it("names a bulletin's areas and languages in the reader's language, on its page and in the list", async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ targetLanguages: ["vi", "lo"] }),
    });
    const id = created.json.id as string;
    const editor = await browser("editor");
    const inVietnamese = [(await editor.call("GET", `/bulletins/${id}`)).html, (await editor.call("GET", "/")).html];
    for (const html of inVietnamese) {
      expect(html).toContain("Cửa khẩu Quốc tế Cầu Treo");
      expect(html).not.toContain(">VN-HT-CAUTREO<");
    }
    expect(inVietnamese[1]).toContain("Tiếng Việt, Tiếng Lào");
    const token = /name="_csrf" value="([^"]+)"/.exec(inVietnamese[1]!)![1]!;
    await editor.call("POST", "/language", { language: "en", _csrf: token });
    const inEnglish = [(await editor.call("GET", `/bulletins/${id}`)).html, (await editor.call("GET", "/")).html];
    for (const html of inEnglish) expect(html).toContain("Cau Treo International Border Gate");
    expect(inEnglish[1]).toContain("Vietnamese, Lao");
    // the editor reads Vietnamese again in the tests after this one
    await editor.call("POST", "/language", { language: "vi", _csrf: /name="_csrf" value="([^"]+)"/.exec(inEnglish[1]!)![1]! });
    expect((await editor.call("GET", "/")).html).toContain('<html lang="vi">');
  });

  it("shows an approver who wrote the bulletin why they cannot approve it, and refuses if they try", async () => {
    const chief = await browser("chief");
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: (await pipeline.request("POST", "/api/v1/auth/login", { body: { username: "chief", password: passwords.chief } })).json.token,
      body: buildBulletin({ targetLanguages: ["vi"] }),
    });
    const id = created.json.id as string;
    const submitted = await chief.post(`/bulletins/${id}`, `/bulletins/${id}/submit`);
    expect(submitted.location).toBe(`/bulletins/${id}?done=submitted`);
    expect((await chief.call("GET", submitted.location!)).html).toContain("Đã gửi duyệt.");
    const page = await chief.call("GET", `/bulletins/${id}`);
    expect(page.html).toContain("nguyên tắc bốn mắt");
    expect(page.html).not.toContain(`action="/bulletins/${id}/approve"`);
    // a hand-made form post is refused by the use case, and the page says why
    const forced = await chief.post(`/bulletins/${id}`, `/bulletins/${id}/approve`);
    expect(forced.status).toBeGreaterThanOrEqual(400);
    expect(forced.status).toBeLessThan(500);
    expect(forced.html).toContain('class="error"');
    // in the reader's language, not the API's English
    expect(forced.html).toContain("Bạn đã viết hoặc sửa bản tin này; một người duyệt khác phải duyệt");
    expect(forced.html).not.toContain("another approver must approve it");
    // submitting it again: refused for its status, named as the reader knows it
    const again = await chief.post(`/bulletins/${id}`, `/bulletins/${id}/submit`);
    expect(again.status).toBe(409);
    expect(again.html).toContain("Không làm được việc này khi bản tin đang ở trạng thái “Chờ duyệt”");
    expect(await status(id)).toBe("submitted");
    // another approver may
    const approver = await browser("approver");
    const approved = await approver.post(`/bulletins/${id}`, `/bulletins/${id}/approve`);
    expect(approved.location).toBe(`/bulletins/${id}?done=approved`);
    expect(["approved", "localized", "published"]).toContain(await status(id));
  });

  it("rejects with a reason (and not without one); a translator approves a language from the page", async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ targetLanguages: ["vi", "en"] }),
    });
    const id = created.json.id as string;
    const put = await pipeline.request("PUT", `/api/v1/bulletins/${id}/texts/en`, { token: pipeline.tokens.translator, body: buildText("en") });
    expect(put.status).toBe(200);
    const translator = await browser("translator");
    const page = await translator.call("GET", `/bulletins/${id}`);
    expect(page.html).toContain(`action="/bulletins/${id}/texts/en/approve"`);
    const approvedText = await translator.post(`/bulletins/${id}`, `/bulletins/${id}/texts/en/approve`);
    expect(approvedText.location).toBe(`/bulletins/${id}?done=textApproved`);
    const view = (await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor })).json;
    expect(view.texts.find((text: { language: string }) => text.language === "en").state).toBe("approved");

    const editor = await browser("editor");
    await editor.post(`/bulletins/${id}`, `/bulletins/${id}/submit`);
    const approver = await browser("approver");
    const noReason = await approver.post(`/bulletins/${id}`, `/bulletins/${id}/reject`, { reason: "" });
    expect(noReason.status).toBe(422);
    expect(await status(id)).toBe("submitted");
    const rejected = await approver.post(`/bulletins/${id}`, `/bulletins/${id}/reject`, { reason: "Thiếu giờ mở cửa <b>" });
    expect(rejected.status).toBe(422);
    const plain = await approver.post(`/bulletins/${id}`, `/bulletins/${id}/reject`, { reason: "Thiếu giờ mở cửa" });
    expect(plain.location).toBe(`/bulletins/${id}?done=rejected`);
    expect(await status(id)).toBe("rejected");
    expect((await editor.call("GET", `/bulletins/${id}`)).html).toContain("Bị từ chối: Thiếu giờ mở cửa");
  });

  it("shows who already has a bulletin before withdrawing it, and withdraws it with a reason", async () => {
    const id = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["sms", "display"] });
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 100 } });
    expect(claim.status).toBe(201);
    const approver = await browser("approver");
    const confirm = await approver.call("GET", `/bulletins/${id}/withdraw`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain("Đối tác viễn thông đã nhận tin nhắn: VinaTel");
    expect(await status(id)).toBe("published");
    const noReason = await approver.post(`/bulletins/${id}/withdraw`, `/bulletins/${id}/withdraw`, { reason: "" });
    expect(noReason.status).toBe(422);
    expect(await status(id)).toBe("published");
    const done = await approver.post(`/bulletins/${id}/withdraw`, `/bulletins/${id}/withdraw`, { reason: "Cửa khẩu đã mở lại" });
    expect(done.location).toBe(`/bulletins/${id}?done=withdrawn`);
    expect(await status(id)).toBe("withdrawn");
  });
});
