// The public page of a bulletin (/b/{id}?lang=): each language it went out in, its slide as the Open Graph image,
// linked from CAP <web> and the Atom entries; no login; test and exercise bulletins and drafts are not there; a
// withdrawn bulletin says so. On both back ends, with the workers publishing for real.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../helpers/backends.ts";
import { buildBulletin, buildText } from "../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

const meta = (html: string, property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(html)?.[1];

describe.each(backends)("public bulletin pages on $name", (backend) => {
  let pipeline: TestPipeline;
  let closureId = "";

  beforeAll(async () => {
    pipeline = await startPipeline(backend);
    closureId = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["display", "sms"] });
  }, 90_000);
  afterAll(() => pipeline?.close());

  const get = (path: string) => pipeline.request("GET", path);

  it("shows a bulletin in force in each of its languages, without a login, with its slide as the Open Graph image", async () => {
    const bulletin = (await pipeline.request("GET", `/api/v1/bulletins/${closureId}`, { token: pipeline.tokens.editor })).json;
    expect(bulletin.targetLanguages).toEqual(["vi", "lo", "en"]);
    for (const language of ["vi", "lo", "en"] as const) {
      const page = await get(`/b/${closureId}?lang=${language}`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.text).toContain(`<html lang="${language}">`);
      const text = bulletin.texts.find((entry: { language: string }) => entry.language === language);
      expect(meta(page.text, "og:title")).toBe(text.headline.replaceAll("&", "&amp;").replaceAll('"', "&quot;"));
      const image = meta(page.text, "og:image")!;
      expect(image).toMatch(/^http:\/\/bantin\.test\/public\/v1\/media\/[0-9a-f]{32}\.png$/);
      const png = await pipeline.app.request(image.replace("http://bantin.test", ""));
      expect(png.status).toBe(200);
      expect(png.headers.get("content-type")).toBe("image/png");
      // the other languages are linked, each in its own language
      for (const other of ["vi", "lo", "en"].filter((entry) => entry !== language)) expect(page.text).toContain(`href="/b/${closureId}?lang=${other}"`);
    }
    // no language, or one it did not go out in: the source language
    expect((await get(`/b/${closureId}`)).text).toContain('<html lang="vi">');
    expect((await get(`/b/${closureId}?lang=km`)).text).toContain('<html lang="vi">');
    expect((await get(`/b/${closureId}?lang=<x>`)).status).toBe(200);
  });

  it("is what CAP <web> and the Atom entries link", async () => {
    const cap = await get(`/public/v1/alerts/${closureId}.xml`);
    expect(cap.text).toContain(`<web>http://bantin.test/b/${closureId}</web>`);
    const atom = await get("/public/v1/alerts.atom");
    expect(atom.text).toContain(`<link rel="alternate" type="text/html" hreflang="vi" href="http://bantin.test/b/${closureId}?lang=vi"/>`);
  });

  it("does not show drafts, unknown ids or test and exercise bulletins", async () => {
    const draft = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin() });
    expect((await get(`/b/${draft.json.id}`)).status).toBe(404);
    expect((await get("/b/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get("/b/not-an-id")).status).toBe(404);
    const drill = await pipeline.approveNew(buildBulletin({ mode: "exercise", targetLanguages: ["vi"], channels: ["display"] }));
    await pipeline.waitForStatus(drill, "published");
    const page = await get(`/b/${drill}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain(buildText("vi").headline);
    expect((await get(`/public/v1/alerts/${drill}.xml`)).text).not.toContain("<web>");
  });

  it("says a withdrawn bulletin is withdrawn instead of showing its text (410)", async () => {
    const id = await pipeline.approveNew(
      buildBulletin({ targetLanguages: ["vi"], channels: ["display"], text: buildText("vi", { headline: "Thông báo a<b & c" }) }),
    );
    await pipeline.waitForStatus(id, "published");
    const live = await get(`/b/${id}`);
    expect(live.status).toBe(200);
    expect(live.text).toContain("Thông báo a&lt;b &amp; c");
    const withdrawn = await pipeline.request("POST", `/api/v1/bulletins/${id}/withdraw`, {
      token: pipeline.tokens.approver,
      body: { reason: "sai thông tin" },
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const after = await get(`/b/${id}`);
    expect(after.status).toBe(410);
    expect(after.text).toContain("Bản tin này đã bị thu hồi.");
    expect(after.text).not.toContain(buildText("vi").body);
    expect(after.text).toContain('<meta name="robots" content="noindex"');
  });
});
