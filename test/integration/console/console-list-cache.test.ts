// The console's bulletin list cache, on both back ends: a repeat view is the page as rendered, and any change to what
// the list shows, made by another connection (as the worker, another process, does), is seen at the next view; an
// entry is never shown to another session or in another language; a change that moved no version (triggers off, as
// a bump racing its commit would look) is seen once the entry is older than its short lifetime.
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../../src/access/secrets.ts";
import { defaultListCacheSettings, listCacheFor } from "../../../src/http/console/list-cache.ts";
import { sessionCacheTtlMs } from "../../../src/http/console/session-cache.ts";
import { backends } from "../../helpers/backends.ts";
import { consoleBrowser } from "../../helpers/console-browser.ts";
import { buildBulletin, buildText } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("the console's bulletin list cache on $name", (backend) => {
  let pipeline: TestPipeline;
  // the app's clock stands still unless a test moves it: entries never age out by themselves here
  let now = Date.now();
  /** Statements in one transaction on another connection to the same database (PGlite has one: used outside the app). */
  let other: (...statements: string[]) => Promise<unknown>;
  let closeOther = async () => {};
  let id = "";

  const browser = async (username: string) => {
    const client = consoleBrowser(pipeline.app);
    const call = (method: string, path: string, form?: Record<string, string>) => client.call(method, path, form ? { form } : {});
    const password = pipeline.credentials.users.find((user) => user.username === username)!.password;
    expect((await call("POST", "/login", { username, password, next: "/" })).status).toBe(303);
    const list = async (query = "") => {
      const page = await call("GET", `/${query}`);
      expect(page.status).toBe(200);
      return page.html;
    };
    return { call, list, token: () => client.cookie().replace(/^bantin_session=/, "") };
  };

  /** The list's row of the test bulletin. */
  const rowOf = (html: string) => new RegExp(`<tr[^>]*>(?:(?!</tr>).)*href="/bulletins/${id}"(?:(?!</tr>).)*</tr>`, "s").exec(html)?.[0] ?? "";

  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false, clock: () => new Date(now) });
    const url = pipeline.instance.databaseUrl;
    if (url) {
      const client = postgres(url, { max: 1, onnotice: () => {} });
      other = (...statements) =>
        client.begin(async (tx) => {
          for (const statement of statements) await tx.unsafe(statement);
        });
      closeOther = () => client.end();
    } else {
      other = (...statements) =>
        pipeline.db.transaction(async (tx) => {
          for (const statement of statements) await tx.execute(sql.raw(statement));
        });
    }
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ targetLanguages: ["vi", "en"], text: buildText("vi", { headline: "Cửa khẩu mở muộn" }) }),
    });
    expect(created.status).toBe(201);
    id = created.json.id;
  }, 90_000);
  afterAll(async () => {
    await closeOther();
    await pipeline?.close();
  });

  it("answers a repeat view with the page as rendered, from the cache", async () => {
    const editor = await browser("editor");
    const first = await editor.list();
    expect(rowOf(first)).toContain("Cửa khẩu mở muộn");
    const entries = listCacheFor(pipeline.db).size().entries;
    expect(entries).toBeGreaterThan(0);
    expect(await editor.list()).toBe(first);
    expect(listCacheFor(pipeline.db).size().entries).toBe(entries);
  });

  it("shows a status change made by another connection at the next view", async () => {
    const editor = await browser("editor");
    expect(rowOf(await editor.list())).toContain("status-draft");
    await other(`update bulletins set status = 'submitted' where id = '${id}'`);
    const after = rowOf(await editor.list());
    expect(after).toContain("status-submitted");
    expect(after).not.toContain("status-draft");
  });

  it("shows a text change made by another connection at the next view", async () => {
    const editor = await browser("editor");
    expect(rowOf(await editor.list())).toContain("Cửa khẩu mở muộn");
    await other(`update bulletin_texts set headline = 'Cửa khẩu đóng cả ngày' where bulletin_id = '${id}' and language = 'vi'`);
    expect(rowOf(await editor.list())).toContain("Cửa khẩu đóng cả ngày");
  });

  it("never shows one session's page to another session or user", async () => {
    const editor = await browser("editor");
    const translator = await browser("translator");
    const editorPage = await editor.list();
    const translatorPage = await translator.list();
    const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(translatorPage).toContain("Biên dịch viên (demo)");
    expect(translatorPage).not.toContain("Biên tập viên (demo)");
    expect(csrf(translatorPage)).not.toBe(csrf(editorPage));
    // a second session of the same user has its own CSRF token, so its own page
    const again = await browser("editor");
    const againPage = await again.list();
    expect(csrf(againPage)).not.toBe(csrf(editorPage));
    expect(await editor.list()).toBe(editorPage);
  });

  it("renders again in the language the reader switches to, and per query string", async () => {
    const editor = await browser("editor");
    const vi = await editor.list();
    expect(vi).toContain('<html lang="vi">');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(vi)![1]!;
    expect((await editor.call("POST", "/language", { language: "en", _csrf: csrf })).status).toBe(303);
    const en = await editor.list();
    expect(en).toContain('<html lang="en">');
    expect((await editor.call("POST", "/language", { language: "vi", _csrf: csrf })).status).toBe(303);
    expect(await editor.list()).toContain('<html lang="vi">');
    // a filter that leaves the bulletin out is its own entry
    expect(rowOf(await editor.list("?status=published"))).toBe("");
    expect(rowOf(await editor.list())).not.toBe("");
  });

  it("shows a change that moved no version once the entry is older than its lifetime, not before", async () => {
    const editor = await browser("editor");
    const before = await editor.list();
    // triggers off for this one transaction: the change is made without a bump, as a bump racing its commit looks
    await other(
      "set local session_replication_role = replica",
      `update bulletin_texts set headline = 'Đã mở lại' where bulletin_id = '${id}' and language = 'vi'`,
    );
    expect(await editor.list()).toBe(before);
    now += defaultListCacheSettings.maxAgeMs;
    expect(rowOf(await editor.list())).toContain("Đã mở lại");
  });

  it("honours a sign-out made elsewhere (another process, the API) within the session memory's few seconds", async () => {
    const editor = await browser("editor");
    await editor.list();
    await other(`update tokens set revoked_at = now() where hash = '${hashToken(editor.token())}'`);
    // a timer may fire a millisecond before performance.now() says its time is up: a little more than the memory's life
    await new Promise((resolve) => setTimeout(resolve, sessionCacheTtlMs + 50));
    const after = await editor.call("GET", "/");
    expect(after.status).toBe(303);
  });
});
