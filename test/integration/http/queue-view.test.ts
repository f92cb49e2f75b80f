// The queue view at /admin/queues: Bull Board for administrators in BullMQ mode (signed in through a small form, the
// session in a path-bound HttpOnly, SameSite=Strict cookie); in embedded mode a page saying it is a BullMQ feature.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("queue view on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
  });
  afterAll(async () => {
    await pipeline?.close();
  });
  const bullmq = () => pipeline.queue.kind === "bullmq";
  const password = (username: string) => pipeline.credentials.users.find((user) => user.username === username)!.password;
  const signIn = (username: string, secret = password(username)) =>
    pipeline.app.request("/admin/queues/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: secret }),
    });
  const cookieOf = (response: Response) => response.headers.get("set-cookie")?.split(";")[0];

  it("in embedded mode, says in the reader's language that the view is a BullMQ feature", async ({ skip }) => {
    if (bullmq()) skip();
    for (const [headers, expected] of [
      [{}, "Trang hàng đợi là tính năng của chế độ BullMQ."],
      [{ "accept-language": "en-GB,en;q=0.9" }, "The queue view is a feature of the BullMQ mode."],
      [{ "accept-language": "km" }, "ទំព័រជួរការងារគឺជាមុខងាររបស់របៀប BullMQ។"],
    ] as const) {
      const response = await pipeline.app.request("/admin/queues", { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const text = await response.text();
      expect(text).toContain(expected);
      expect(text).toContain("REDIS_URL");
    }
    expect(await (await pipeline.app.request("/admin/queues/queue/pipeline?lang=en")).text()).toContain("feature of the BullMQ mode");
  });

  it("in BullMQ mode, sends a browser without a session to the sign-in form and refuses the board's API", async ({ skip }) => {
    if (!bullmq()) skip();
    const page = await pipeline.app.request("/admin/queues");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/admin/queues/sign-in");
    const api = await pipeline.app.request("/admin/queues/api/queues");
    expect(api.status).toBe(401);
    expect(api.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    // a user token that is not an admin's opens nothing either
    expect((await pipeline.app.request("/admin/queues/api/queues", { headers: { authorization: `Bearer ${pipeline.tokens.editor}` } })).status).toBe(401);
    const form = await pipeline.app.request("/admin/queues/sign-in?lang=en");
    expect(form.status).toBe(200);
    const text = await form.text();
    expect(text).toContain("Sign in to the job queues");
    expect(text).toContain('type="password"');
    expect((await pipeline.app.request("/admin/queues/sign-in.js")).headers.get("content-type")).toMatch(/^text\/javascript/);
  });

  it("in BullMQ mode, signs in only an administrator, and shows the queues to that session", async ({ skip }) => {
    if (!bullmq()) skip();
    const wrong = await signIn("admin", "not-the-password");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const editor = await signIn("editor");
    expect(editor.status).toBe(403);
    expect(editor.headers.get("set-cookie")).toBeNull();
    expect(
      (await pipeline.app.request("/admin/queues/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: '{"username":"admin"}' }))
        .status,
    ).toBe(422);

    const admin = await signIn("admin");
    expect(admin.status).toBe(204);
    const setCookie = admin.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^bantin_queues=bt_user_/);
    expect(setCookie).toContain("Path=/admin/queues");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    const cookie = cookieOf(admin)!;

    const board = await pipeline.app.request("/admin/queues", { headers: { cookie } });
    expect(board.status).toBe(200);
    const html = await board.text();
    expect(html).toContain('<base href="/admin/queues/"');
    const asset = /static\/js\/main[^"]*\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    expect((await pipeline.app.request(`/admin/queues/${asset}`, { headers: { cookie } })).status).toBe(200);

    // a job waiting in the urgent queue shows in the board's API
    await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"], urgency: "urgent" }));
    const api = await pipeline.app.request("/admin/queues/api/queues?activeQueue=pipeline-urgent&status=waiting", { headers: { cookie } });
    expect(api.status).toBe(200);
    const queues = ((await api.json()) as any).queues as any[];
    expect(queues.map((queue) => queue.name).sort()).toEqual(["pipeline", "pipeline-urgent"]);
    const urgent = queues.find((queue) => queue.name === "pipeline-urgent");
    expect((urgent.counts.prioritized ?? 0) + (urgent.counts.waiting ?? 0)).toBe(1);

    // signing out ends the session
    const out = await pipeline.app.request("/admin/queues/sign-out", { method: "POST", headers: { cookie } });
    expect(out.status).toBe(303);
    expect((await pipeline.app.request("/admin/queues", { headers: { cookie } })).status).toBe(303);
  });
  it("in BullMQ mode, opens the board to an admin's console session without a second sign-in, and to nobody else's", async ({ skip }) => {
    if (!bullmq()) skip();
    const consoleSession = async (username: string) => {
      const response = await pipeline.app.request("http://bantin.test/login", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://bantin.test", "sec-fetch-site": "same-origin" },
        body: new URLSearchParams({ username, password: password(username), next: "/" }).toString(),
      });
      expect(response.status).toBe(303);
      return cookieOf(response)!;
    };
    const admin = await consoleSession("admin");
    expect(admin).toMatch(/^bantin_session=/);
    const board = await pipeline.app.request("/admin/queues", { headers: { cookie: admin } });
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<base href="/admin/queues/"');
    expect((await pipeline.app.request("/admin/queues/api/queues", { headers: { cookie: admin } })).status).toBe(200);
    // a change to a queue sent from another site with the console's cookie is refused; from the board itself it is not
    const cleanFrom = (site: string) =>
      pipeline.app.request("http://bantin.test/admin/queues/api/queues/pipeline/clean/completed", {
        method: "PUT",
        headers: { cookie: admin, "sec-fetch-site": site, origin: site === "same-origin" ? "http://bantin.test" : "https://evil.example" },
      });
    expect((await cleanFrom("cross-site")).status).toBe(401);
    expect((await cleanFrom("same-origin")).status).toBeLessThan(300);
    // another role's console session gets the sign-in form, and the board's API refuses it
    const editor = await consoleSession("editor");
    const refused = await pipeline.app.request("/admin/queues", { headers: { cookie: editor } });
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/admin/queues/sign-in");
    expect((await pipeline.app.request("/admin/queues/api/queues", { headers: { cookie: editor } })).status).toBe(401);
    // signing out of the console closes the board too
    const page = await pipeline.app.request("http://bantin.test/", { headers: { cookie: admin } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    await pipeline.app.request("http://bantin.test/logout", {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/x-www-form-urlencoded", origin: "http://bantin.test", "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect((await pipeline.app.request("/admin/queues", { headers: { cookie: admin } })).status).toBe(303);
  });
});
