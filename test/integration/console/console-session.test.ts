// The console's sign-in, sessions, CSRF, roles and escaping, on both back ends, through the app as a browser would
// call it (form posts, cookies, redirects).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin, buildText } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

const origin = "http://bantin.test";

describe.each(backends)("the console on $name", (backend) => {
  let pipeline: TestPipeline;
  let now = Date.now();
  const password = (username: string) => pipeline.credentials.users.find((user) => user.username === username)!.password;

  /** A browser: keeps the session cookie, posts forms from this site unless told otherwise. */
  const browser = () => {
    let cookie = "";
    const call = async (method: string, path: string, options: { form?: Record<string, string>; headers?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = {
        ...(cookie ? { cookie } : {}),
        ...(method === "POST" ? { origin, "sec-fetch-site": "same-origin" } : {}),
        ...options.headers,
      };
      const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
      if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
      const response = await pipeline.app.request(`${origin}${path}`, { method, headers, body, redirect: "manual" });
      const set = response.headers.get("set-cookie");
      if (set) cookie = /Max-Age=0|expires=Thu, 01 Jan 1970/i.test(set) ? "" : set.split(";")[0]!;
      return { status: response.status, location: response.headers.get("location"), setCookie: set, html: await response.text() };
    };
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    return {
      call,
      csrfOf,
      get cookie() {
        return cookie;
      },
      set cookie(value: string) {
        cookie = value;
      },
      signIn: async (username: string) => {
        const response = await call("POST", "/login", { form: { username, password: password(username), next: "/" } });
        expect(response.status, response.html).toBe(303);
        return response;
      },
    };
  };

  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false, clock: () => new Date(now) });
  });
  afterAll(() => pipeline?.close());

  it("sends a visitor without a session to the sign-in page, and back where they were after signing in", async () => {
    const visitor = browser();
    const first = await visitor.call("GET", "/endpoints?x=1");
    expect(first.status).toBe(303);
    expect(first.location).toBe("/login?next=%2Fendpoints%3Fx%3D1");
    const form = await visitor.call("GET", first.location!);
    expect(form.status).toBe(200);
    expect(form.html).toContain('<html lang="vi">');
    expect(form.html).toContain("Đăng nhập");
    const signedIn = await visitor.call("POST", "/login", { form: { username: "admin", password: password("admin"), next: "/endpoints?x=1" } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe("/endpoints?x=1");
    expect(signedIn.setCookie).toMatch(/^bantin_session=bt_user_[^;]+;.*HttpOnly/i);
    expect(signedIn.setCookie).toMatch(/SameSite=Lax/i);
    const page = await visitor.call("GET", "/endpoints");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Cầu Treo gate screen");
  });

  it("refuses a wrong password with the form again (401), and never leaves the site after signing in", async () => {
    const visitor = browser();
    const wrong = await visitor.call("POST", "/login", { form: { username: "admin", password: "not the password", next: "/" } });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain("Sai tên đăng nhập hoặc mật khẩu.");
    expect(wrong.setCookie).toBeNull();
    // text no database can store is a wrong sign-in, not a 500
    for (const username of ["a\u0000", "\u202eadmin", "\ud800"]) {
      const hostile = await visitor.call("POST", "/login", { form: { username, password: "x", next: "/" } });
      expect(hostile.status, username).toBe(401);
    }
    const away = await visitor.call("POST", "/login", { form: { username: "admin", password: password("admin"), next: "//evil.example/x" } });
    expect(away.location).toBe("/");
  });

  it("shows a 403 page naming the roles a page is for, not a blank or a JSON error", async () => {
    const editor = browser();
    await editor.signIn("editor");
    const page = await editor.call("GET", "/endpoints");
    expect(page.status).toBe(403);
    expect(page.html).toContain("Không có quyền truy cập");
    expect(page.html).toContain("Trang này dành cho: Quản trị, Cán bộ báo cáo. Tài khoản của bạn có vai trò: Người soạn.");
    // the navigation does not offer it either
    const list = await editor.call("GET", "/");
    expect(list.html).not.toContain('href="/endpoints"');
  });

  it("refuses a form posted from another site, or without the session's CSRF token, and changes nothing", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const token = admin.csrfOf((await admin.call("GET", "/")).html);
    expect(token).not.toBe("");
    const crossSite = await admin.call("POST", "/language", {
      form: { language: "en", _csrf: token },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.html).toContain("gửi từ trang khác");
    const noToken = await admin.call("POST", "/language", { form: { language: "en" } });
    expect(noToken.status).toBe(403);
    const otherToken = await admin.call("POST", "/language", { form: { language: "en", _csrf: token.replace(/^./, (c) => (c === "A" ? "B" : "A")) } });
    expect(otherToken.status).toBe(403);
    expect((await admin.call("GET", "/")).html).toContain('<html lang="vi">');
    const changed = await admin.call("POST", "/language", { form: { language: "en", _csrf: token } });
    expect(changed.status).toBe(303);
    const english = await admin.call("GET", "/");
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain("Waiting for me");
    // back to Vietnamese for the other tests
    await admin.call("POST", "/language", { form: { language: "vi", _csrf: token } });
  });

  it("ends the session at sign-out: the old cookie no longer opens a page", async () => {
    const editor = browser();
    await editor.signIn("editor");
    const kept = editor.cookie;
    const token = editor.csrfOf((await editor.call("GET", "/")).html);
    const out = await editor.call("POST", "/logout", { form: { _csrf: token } });
    expect(out.status).toBe(303);
    expect(out.location).toBe("/login?signedOut=1");
    editor.cookie = kept;
    const after = await editor.call("GET", "/");
    expect(after.status).toBe(303);
    expect(after.location).toContain("/login?next=%2F");
    expect(after.location).toContain("expired=1");
    // the API refuses the same token too: one session, ended everywhere
    const api = await pipeline.request("GET", "/api/v1/me", { token: kept.replace(/^bantin_session=/, "") });
    expect(api.status).toBe(401);
  });

  it("expires a session after its time: the page sends the browser to sign in again", async () => {
    const editor = browser();
    await editor.signIn("editor");
    expect((await editor.call("GET", "/")).status).toBe(200);
    now += 13 * 3_600_000;
    try {
      const after = await editor.call("GET", "/");
      expect(after.status).toBe(303);
      expect(after.location).toContain("expired=1");
      const notice = await editor.call("GET", after.location!);
      expect(notice.html).toContain("Phiên làm việc đã hết hạn.");
    } finally {
      now -= 13 * 3_600_000;
    }
  });

  it("shows markup typed into a bulletin as text in the list and on the bulletin's page", async () => {
    // tags are refused by the text rule; what may be typed (a "<", an "&", an entity-looking text) must show as typed
    const typed = `a<b & "q" 'x' &lt;script&gt;alert(1)&lt;/script&gt; <1>`;
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ text: buildText("vi", { headline: `Cầu Treo ${typed}`, body: `Nội dung ${typed}` }) }),
    });
    expect(created.status, created.text).toBe(201);
    const editor = browser();
    await editor.signIn("editor");
    for (const path of ["/", `/bulletins/${created.json.id}`]) {
      const page = await editor.call("GET", path);
      expect(page.status).toBe(200);
      expect(page.html).toContain("Cầu Treo a&lt;b &amp; &quot;q&quot; &#39;x&#39; &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &lt;1&gt;");
      expect(page.html).not.toContain("<1>");
      expect(page.html).not.toContain("&lt;script&gt;alert");
    }
    // and the editor's own draft waits for them
    const list = await editor.call("GET", "/");
    const waiting = list.html.slice(list.html.indexOf('id="waiting-for-me"'), list.html.indexOf('id="all-bulletins"'));
    expect(waiting).toContain(`/bulletins/${created.json.id}`);
  });

  it("filters the list as the API does and says what is wrong with a bad filter", async () => {
    // no workers run here: an approved bulletin stays approved
    const approvedId = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    const editor = browser();
    await editor.signIn("editor");
    const listed = (html: string) => html.slice(html.indexOf('id="all-bulletins"'));
    const drafts = await editor.call("GET", "/?status=draft");
    expect(drafts.status).toBe(200);
    expect(listed(drafts.html)).toContain('class="badge status-draft"');
    const approved = await editor.call("GET", "/?status=approved&q=");
    expect(approved.status).toBe(200);
    expect(listed(approved.html)).toContain(`/bulletins/${approvedId}`);
    expect(listed(approved.html)).not.toContain('class="badge status-draft"');
    const bad = await editor.call("GET", "/?status=nonsense");
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("unknown status");
  });

  it("shows admins the report of a period with its tables and downloads, and others a 403 page", async () => {
    const admin = browser();
    await admin.signIn("admin");
    const thisMonth = await admin.call("GET", "/reports");
    expect(thisMonth.status).toBe(200);
    expect(thisMonth.html).toContain("<svg");
    expect(thisMonth.html).toContain('class="report"');
    const half = await admin.call("GET", "/reports?preset=half-year&year=2026&index=2&from=&to=&groupBy=province");
    expect(half.status).toBe(200);
    expect(half.html).toContain("6 tháng cuối năm 2026");
    expect(half.html).toContain('href="/reports/download?preset=half-year&amp;year=2026&amp;index=2&amp;groupBy=province&amp;format=xlsx&amp;language=vi"');
    const response = await pipeline.app.request(`${origin}/reports/download?preset=half-year&year=2026&index=2&groupBy=province&format=xlsx&language=en`, {
      headers: { cookie: admin.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.xlsx"$/);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const bad = await admin.call("GET", "/reports?preset=half-year&year=20x6");
    expect(bad.status).toBe(422);
    const translator = browser();
    await translator.signIn("translator");
    expect((await translator.call("GET", "/reports")).status).toBe(403);
  });
});
