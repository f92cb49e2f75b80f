// CAP import on every back end: a national hub's two-language storm warning becomes a draft bulletin with both
// texts, its urgency, category, validity and areas mapped; whatever cannot become a bulletin is a problem+json
// 4xx and leaves the database as it was.
import { readFileSync } from "node:fs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bulletins, bulletinTexts } from "../../src/db/schema/index.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

const fixture = readFileSync(new URL("../fixtures/cap/nchmf-storm-warning.xml", import.meta.url), "utf8");
// 08:30 in Viet Nam, half an hour after the warning was sent
const now = new Date("2026-09-14T01:30:00Z");

describe.each(backends)("CAP import on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { clock: () => now });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const importCap = (xml: string, options: { query?: string; contentType?: string; token?: string } = {}) =>
    pipeline.request("POST", `/api/v1/bulletins/import${options.query ?? ""}`, {
      token: options.token ?? pipeline.tokens.editor,
      raw: xml,
      headers: { "content-type": options.contentType ?? "application/cap+xml" },
    });

  /** Rows a failed import must not have added. */
  const snapshot = async () => ({
    bulletins: (await pipeline.db.select({ n: count() }).from(bulletins))[0]!.n,
    texts: (await pipeline.db.select({ n: count() }).from(bulletinTexts))[0]!.n,
    audit: (await pipeline.db.select({ n: count() }).from(auditLog))[0]!.n,
  });

  it("imports the NCHMF storm warning as a draft with its Vietnamese and English texts", async () => {
    const response = await importCap(fixture);
    expect(response.status, response.text).toBe(201);
    const bulletin = response.json;
    expect(response.headers.get("location")).toBe(`/api/v1/bulletins/${bulletin.id}`);
    expect(bulletin).toMatchObject({
      status: "draft",
      sourceLanguage: "vi",
      targetLanguages: ["vi", "en"],
      category: "weather",
      urgency: "urgent",
      mode: "actual",
      channels: ["sms", "display"],
      areas: ["VN-HT", "VN-HT-CAUTREO"],
    });
    expect(new Date(bulletin.validFrom)).toEqual(now);
    expect(new Date(bulletin.validUntil).toISOString()).toBe("2026-09-15T13:00:00.000Z");

    const texts = Object.fromEntries(bulletin.texts.map((text: { language: string }) => [text.language, text]));
    expect(Object.keys(texts).sort()).toEqual(["en", "vi"]);
    expect(texts.vi).toMatchObject({ state: "draft", origin: "source", headline: "TIN BÃO KHẨN CẤP: Bão số 5 (Kajiki) hướng vào Nghệ An & Hà Tĩnh" });
    expect(texts.vi.body).toMatch(/^Hồi 07 giờ ngày 14\/9, vị trí tâm bão/);
    expect(texts.vi.body).toContain("\n\nKhông đi qua cửa khẩu Cầu Treo");
    expect(texts.vi.body).toContain("Tầm nhìn xa < 1 km");
    expect(texts.en).toMatchObject({ state: "draft", origin: "translator", headline: "URGENT STORM WARNING: Typhoon No. 5 (Kajiki) heading for Nghe An & Ha Tinh" });
    expect(texts.en.body).not.toMatch(/<b>|\r/);
    expect(texts.en.summary).toBe(texts.en.headline);
    expect(bulletin.languages).toEqual(
      expect.arrayContaining([expect.objectContaining({ language: "vi", state: "draft" }), expect.objectContaining({ language: "en", state: "draft" })]),
    );

    const audit = await pipeline.request("GET", `/api/v1/bulletins/${bulletin.id}/audit`, { token: pipeline.tokens.editor });
    const imported = audit.json.items.find((item: { action: string }) => item.action === "import:cap");
    expect(imported.detail).toMatchObject({
      identifier: "urn:oid:2.49.0.1.704.0.2026.9.14.1.0.0",
      sender: "cap@nchmf.gov.vn",
      msgType: "Update",
      references: [{ sender: "cap@nchmf.gov.vn", identifier: "urn:oid:2.49.0.1.704.0.2026.9.13.22.0.0", sent: "2026-09-13T22:00:00+07:00" }],
    });
    expect(audit.json.items.map((item: { action: string }) => item.action)).toEqual(["create", "text:en:write", "import:cap"]);
  });

  it("takes the areas and channels from the query when the alert names no place bantin knows", async () => {
    const offshore = fixture
      .replaceAll(/<areaDesc>[^<]*<\/areaDesc>/g, "<areaDesc>Vùng biển Bắc Biển Đông</areaDesc>")
      .replaceAll("<value>VN-HT-CAUTREO</value>", "<value>VN-99</value>");
    const before = await snapshot();
    const refused = await importCap(offshore);
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.json.detail).toContain('"Vùng biển Bắc Biển Đông"');
    expect(refused.json.detail).toContain("?areas=");
    expect(await snapshot()).toEqual(before);

    const given = await importCap(offshore, { query: "?areas=VN-HT,VN-HT-HUONGSON&channels=sms" });
    expect(given.status, given.text).toBe(201);
    expect(given.json).toMatchObject({ areas: ["VN-HT", "VN-HT-HUONGSON"], channels: ["sms"] });

    const unknown = await importCap(offshore, { query: "?areas=VN-XX" });
    expect(unknown.status).toBe(422);
    expect(unknown.json.detail).toContain("unknown place: VN-XX");
  });

  it.each<[string, () => string, number, string, RegExp]>([
    ["a Cancel", () => fixture.replace("<msgType>Update</msgType>", "<msgType>Cancel</msgType>"), 422, "validation-failed", /withdraw the bulletin instead/],
    ["a System message", () => fixture.replace("<status>Actual</status>", "<status>System</status>"), 422, "validation-failed", /System message is not a bulletin/],
    [
      "a DOCTYPE with entities",
      () => fixture.replace("<alert ", '<!DOCTYPE alert [<!ENTITY a "Bão"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<alert ').replace("<event>Bão</event>", "<event>&b;</event>"),
      400,
      "xml-doctype-forbidden",
      /DOCTYPE declaration/,
    ],
    ["malformed XML", () => fixture.replace("</headline>", "</headlin>"), 400, "invalid-xml", /<\/headlin> closes <headline>/],
    ["a cut-off document", () => fixture.slice(0, fixture.indexOf("<info>", fixture.indexOf("</info>"))), 400, "invalid-xml", /<alert> is never closed/],
    ["an unsupported language", () => fixture.replace("<language>en-US</language>", "<language>th-TH</language>"), 422, "validation-failed", /unsupported language "th-TH"/],
    [
      "an alert whose areas match no place",
      () => fixture.replaceAll(/<area>[\s\S]*?<\/area>/g, "<area><areaDesc>Atlantis</areaDesc></area>"),
      422,
      "validation-failed",
      /no area of the alert is in the gazetteer \("Atlantis"\)/,
    ],
    ["an expired alert", () => fixture.replaceAll("2026-09-15T20:00:00+07:00", "2026-09-14T08:15:00+07:00"), 422, "validation-failed", /expired/],
    ["a text with markup", () => fixture.replace("<instruction>Do not", "<instruction>&lt;script&gt;x&lt;/script&gt; Do not"), 422, "validation-failed", /info\(en\)\.body: contains markup/],
    ["not CAP", () => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>`, 422, "validation-failed", /expected a CAP 1.2 <alert/],
  ])("refuses %s with problem+json and creates nothing", async (_name, xml, status, type, detail) => {
    const before = await snapshot();
    const response = await importCap(xml());
    expect(response.status, response.text).toBe(status);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.json.type).toBe(`https://bantin.example/problems/${type}`);
    expect(response.json.detail).toMatch(detail);
    expect(await snapshot()).toEqual(before);
  });

  it("takes XML only as CAP, only on the import route, only from an editor", async () => {
    const before = await snapshot();
    const asJson = await importCap(fixture, { contentType: "application/json" });
    expect(asJson.status).toBe(415);
    const latin1 = await importCap(fixture, { contentType: "application/xml; charset=iso-8859-1" });
    expect(latin1.status).toBe(415);
    const notUtf8 = await pipeline.request("POST", "/api/v1/bulletins/import", {
      token: pipeline.tokens.editor,
      raw: new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]),
      headers: { "content-type": "text/xml" },
    });
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.json.type).toBe("https://bantin.example/problems/invalid-encoding");
    const translator = await importCap(fixture, { token: pipeline.tokens.translator });
    expect(translator.status).toBe(403);
    const anonymous = await pipeline.request("POST", "/api/v1/bulletins/import", { raw: fixture, headers: { "content-type": "application/cap+xml" } });
    expect(anonymous.status).toBe(401);
    // every other route still takes JSON only
    const xmlElsewhere = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, raw: fixture, headers: { "content-type": "application/xml" } });
    expect(xmlElsewhere.status).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  it("imports an English-only alert with English as the source language", async () => {
    const english = fixture.replace(/<info>\s*<language>vi-VN<\/language>[\s\S]*?<\/info>/, "");
    const response = await importCap(english);
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({ sourceLanguage: "en", targetLanguages: ["en"] });
    const [text] = await pipeline.db.select().from(bulletinTexts).where(eq(bulletinTexts.bulletinId, response.json.id));
    expect(text).toMatchObject({ language: "en", origin: "source" });
  });
});
