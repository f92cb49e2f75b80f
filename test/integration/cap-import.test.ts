// CAP import on every back end: a national hub's two-language storm warning becomes a draft bulletin with both
// texts, its urgency, category, validity and areas mapped; whatever cannot become a bulletin is a problem+json
// 4xx and leaves the database as it was.
import { readFileSync } from "node:fs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bulletins, bulletinTexts } from "../../src/db/schema/index.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import fc from "fast-check";

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

    expect(bulletin.import).toEqual({
      identifier: "urn:oid:2.49.0.1.704.0.2026.9.14.1.0.0",
      sender: "cap@nchmf.gov.vn",
      msgType: "Update",
      corrects: null,
      skippedLanguages: [],
      unmatchedAreas: [],
      keptTexts: [],
    });
    expect(bulletin.notes).toEqual([]);

    const texts = Object.fromEntries(bulletin.texts.map((text: { language: string }) => [text.language, text]));
    expect(Object.keys(texts).sort()).toEqual(["en", "vi"]);
    expect(texts.vi).toMatchObject({ state: "draft", origin: "source", headline: "TIN BÃO KHẨN CẤP: Bão số 5 (Kajiki) hướng vào Nghệ An & Hà Tĩnh" });
    expect(texts.vi.body).toMatch(/^Hồi 07 giờ ngày 14\/9, vị trí tâm bão/);
    expect(texts.vi.body).toContain("\n\nKhông đi qua cửa khẩu Cầu Treo");
    expect(texts.vi.body).toContain("Tầm nhìn xa < 1 km");
    expect(texts.en).toMatchObject({
      state: "draft",
      origin: "translator",
      headline: "URGENT STORM WARNING: Typhoon No. 5 (Kajiki) heading for Nghe An & Ha Tinh",
    });
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
      .replaceAll("<value>VN-HT-CAUTREO</value>", "<value>VN-99</value>")
      .replaceAll("<value>VN-23</value>", "<value>VN-98</value>");
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
    [
      "a System message",
      () => fixture.replace("<status>Actual</status>", "<status>System</status>"),
      422,
      "validation-failed",
      /System message is not a bulletin/,
    ],
    [
      "a DOCTYPE with entities",
      () =>
        fixture
          .replace("<alert ", '<!DOCTYPE alert [<!ENTITY a "Bão"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<alert ')
          .replace("<event>Bão</event>", "<event>&b;</event>"),
      400,
      "xml-doctype-forbidden",
      /DOCTYPE declaration/,
    ],
    ["malformed XML", () => fixture.replace("</headline>", "</headlin>"), 400, "invalid-xml", /line \d+, column \d+: unexpected close tag/],
    ["a cut-off document", () => fixture.slice(0, fixture.indexOf("<info>", fixture.indexOf("</info>"))), 400, "invalid-xml", /unclosed tag: alert/],
    [
      "an alert in no language bantin serves",
      () => fixture.replace("<language>en-US</language>", "<language>th-TH</language>").replace("<language>vi-VN</language>", "<language>fr-CA</language>"),
      422,
      "validation-failed",
      /unsupported language "fr-CA", "th-TH"/,
    ],
    [
      "an alert whose areas match no place",
      () => fixture.replaceAll(/<area>[\s\S]*?<\/area>/g, "<area><areaDesc>Atlantis</areaDesc></area>"),
      422,
      "validation-failed",
      /no area of the alert is in the gazetteer \("Atlantis"\)/,
    ],
    ["an expired alert", () => fixture.replaceAll("2026-09-15T20:00:00+07:00", "2026-09-14T08:15:00+07:00"), 422, "validation-failed", /expired/],
    [
      "a text with markup",
      () => fixture.replace("<instruction>Do not", "<instruction>&lt;script&gt;x&lt;/script&gt; Do not"),
      422,
      "validation-failed",
      /info\(en\)\.body: contains markup/,
    ],
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
    const xmlElsewhere = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      raw: fixture,
      headers: { "content-type": "application/xml" },
    });
    expect(xmlElsewhere.status).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  /** Takes an imported draft through translator approval, submit and approval to published. */
  const publishImported = async (id: string) => {
    const view = (await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor })).json;
    for (const text of view.texts.filter((text: { origin: string; state: string }) => text.origin !== "source" && text.state !== "approved")) {
      const approved = await pipeline.request("POST", `/api/v1/bulletins/${id}/texts/${text.language}/approve`, { token: pipeline.tokens.translator });
      expect(approved.status, approved.text).toBe(200);
    }
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor })).status).toBe(200);
    const approved = await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver });
    expect(approved.status, approved.text).toBe(200);
    return pipeline.waitForStatus(id, "published");
  };
  const asAlert = (xml: string, identifier: string) =>
    xml
      .replace("<msgType>Update</msgType>", "<msgType>Alert</msgType>")
      .replace(/<references>[^<]*<\/references>/, "")
      .replace(/<identifier>[^<]*<\/identifier>/, `<identifier>${identifier}</identifier>`);
  const asUpdateOf = (xml: string, identifier: string, reference: string) =>
    xml
      .replace(/<identifier>[^<]*<\/identifier>/, `<identifier>${identifier}</identifier>`)
      .replace(/<references>[^<]*<\/references>/, `<references>${reference}</references>`);

  it("imports an Update of an alert it published as a draft correction, which supersedes it once approved", async () => {
    const first = await importCap(asAlert(fixture, "urn:oid:test.update.1"), { query: "?channels=sms" });
    expect(first.status, first.text).toBe(201);
    await publishImported(first.json.id);

    // the hub's next message updates its first one, in new words
    const update = asUpdateOf(fixture, "urn:oid:test.update.2", "cap@nchmf.gov.vn,urn:oid:test.update.1,2026-09-13T22:00:00+07:00")
      .replace("TIN BÃO KHẨN CẤP: Bão số 5", "TIN BÃO KHẨN CẤP (cập nhật): Bão số 5")
      .replace("URGENT STORM WARNING: Typhoon", "URGENT STORM WARNING (update): Typhoon");
    const corrected = await importCap(update);
    expect(corrected.status, corrected.text).toBe(201);
    expect(corrected.json).toMatchObject({ status: "draft", supersedesId: first.json.id, seriesId: first.json.seriesId, version: 2, channels: ["sms"] });
    expect(corrected.json.import).toMatchObject({ msgType: "Update", corrects: first.json.id, keptTexts: [] });
    const texts = Object.fromEntries(corrected.json.texts.map((text: { language: string }) => [text.language, text]));
    expect(texts.vi).toMatchObject({ state: "draft", origin: "source", headline: expect.stringContaining("(cập nhật)") });
    expect(texts.en).toMatchObject({ state: "draft", headline: expect.stringContaining("(update)") });

    const published = await publishImported(corrected.json.id);
    expect(published.texts.find((text: { language: string }) => text.language === "vi").headline).toContain("(cập nhật)");
    const old = await pipeline.request("GET", `/api/v1/bulletins/${first.json.id}`, { token: pipeline.tokens.editor });
    expect(old.json.status).toBe("superseded");
    const audit = await pipeline.request("GET", `/api/v1/bulletins/${corrected.json.id}/audit`, { token: pipeline.tokens.editor });
    expect(audit.json.items.find((item: { action: string }) => item.action === "import:cap").detail).toMatchObject({ corrects: first.json.id });

    // a hub relaying bantin's own CAP document updates it under bantin's identifier; an English-only update keeps
    // the Vietnamese text of the version it corrects, as a draft, and says so
    const english = asUpdateOf(fixture, "urn:oid:test.update.3", `bantin@bantin.test,bantin-${corrected.json.id},2026-09-14T08:30:00+07:00`).replace(
      /<info>\s*<language>vi-VN<\/language>[\s\S]*?<\/info>/,
      "",
    );
    const again = await importCap(english);
    expect(again.status, again.text).toBe(201);
    expect(again.json).toMatchObject({ supersedesId: corrected.json.id, version: 3, sourceLanguage: "vi", targetLanguages: ["vi", "en"] });
    expect(again.json.import).toMatchObject({ corrects: corrected.json.id, keptTexts: ["vi"] });
    expect(again.json.notes).toEqual([expect.objectContaining({ code: "cap_text_kept", detail: "vi" })]);
  });

  it("refuses an Update of an imported alert that is not published yet, and changes nothing", async () => {
    const first = await importCap(asAlert(fixture, "urn:oid:test.pending.1"));
    expect(first.status, first.text).toBe(201);
    const before = await snapshot();
    const update = await importCap(asUpdateOf(fixture, "urn:oid:test.pending.2", "cap@nchmf.gov.vn,urn:oid:test.pending.1,2026-09-14T08:00:00+07:00"));
    expect(update.status).toBe(409);
    expect(update.headers.get("content-type")).toContain("application/problem+json");
    expect(update.json.detail).toContain(`bulletin ${first.json.id}, still draft`);
    expect(await snapshot()).toEqual(before);
  });

  it("imports the languages it serves from an en-CA + fr-CA alert and lists fr-CA as skipped, in the response and the notes", async () => {
    const canadian = fixture
      .replace(/<info>\s*<language>vi-VN<\/language>[\s\S]*?<\/info>/, (info) => info.replace("<language>vi-VN</language>", "<language>fr-CA</language>"))
      .replace("<language>en-US</language>", "<language>en-CA</language>");
    const response = await importCap(canadian);
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({ sourceLanguage: "en", targetLanguages: ["en"] });
    expect(response.json.import.skippedLanguages).toEqual(["fr-CA"]);
    const stored = await pipeline.request("GET", `/api/v1/bulletins/${response.json.id}`, { token: pipeline.tokens.editor });
    expect(stored.json.notes).toEqual([{ code: "cap_language_skipped", detail: "fr-CA", at: now.toISOString() }]);
  });

  it("maps ISO 3166-2 geocodes to the gazetteer and names the areas it cannot map", async () => {
    const iso = fixture
      .replaceAll(/<area>[\s\S]*?<\/area>/g, "")
      .replaceAll(
        "</info>",
        "<area><areaDesc>Tây Ninh</areaDesc><geocode><valueName>ISO3166-2</valueName><value>VN-37</value></geocode></area>" +
          "<area><areaDesc>Bolikhamxay</areaDesc><geocode><valueName>ISO 3166-2</valueName><value>LA-BL</value></geocode></area>" +
          "<area><areaDesc>Vùng biển Bắc Biển Đông</areaDesc><geocode><valueName>EMMA_ID</valueName><value>VN901</value></geocode></area></info>",
      );
    const response = await importCap(iso);
    expect(response.status, response.text).toBe(201);
    expect(response.json.areas).toEqual(["VN-TN", "LA-BL"]);
    expect(response.json.import.unmatchedAreas).toEqual(["Vùng biển Bắc Biển Đông"]);
    expect(response.json.notes).toEqual([expect.objectContaining({ code: "cap_area_unmatched", detail: "Vùng biển Bắc Biển Đông" })]);
  });

  it("answers random and mutated alerts with a bulletin or a problem+json 4xx, never anything else", async () => {
    const before = await snapshot();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: fixture.length }), fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 12 }), async (at, cut, insert) => {
        const response = await importCap(fixture.slice(0, at) + insert + fixture.slice(at + cut));
        if (response.status === 201) created++;
        else {
          expect(response.status, response.text).toBeGreaterThanOrEqual(400);
          expect(response.status, response.text).toBeLessThan(500);
          expect(response.headers.get("content-type")).toContain("application/problem+json");
        }
      }),
      { numRuns: 40, seed: 12 },
    );
    expect((await snapshot()).bulletins).toBe(before.bulletins + created);
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
