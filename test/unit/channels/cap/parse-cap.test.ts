// CAP 1.2 in: a hub's alert parses to typed fields with its text as text; anything that is not one well-formed
// CAP 1.2 document without a DOCTYPE is refused with the reason. The mapping to a bulletin and the gazetteer
// matching are pure too, and tested here without a database.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bulletinFromCap, foldPlaceName, matchCapAreas, placesNamedIn } from "../../../../src/bulletins/import-cap.ts";
import { buildCap, capLanguageOf, parseCap, plainTextFromCap, type ParsedCapAlert } from "../../../../src/channels/cap/index.ts";
import gazetteer from "../../../../src/localize/gazetteer/places.json" with { type: "json" };

const fixturePath = fileURLToPath(new URL("../../../fixtures/cap/nchmf-storm-warning.xml", import.meta.url));
const schema = fileURLToPath(new URL("../../../fixtures/cap/CAP-v1.2.xsd", import.meta.url));
const fixture = readFileSync(fixturePath, "utf8");
const places = gazetteer as { code: string; names: { vi: string; lo: string; en: string; km: string }; parentCode?: string | null }[];
const gazetteerPlaces = places.map((place) => ({ code: place.code, names: place.names, parentCode: place.parentCode ?? null }));

const parsed = (xml: string) => {
  const result = parseCap(xml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.alert;
};

/** A minimal CAP 1.2 alert with `info` inside. */
const alertWith = (info: string, header = "<status>Actual</status><msgType>Alert</msgType>") =>
  `<?xml version="1.0" encoding="UTF-8"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x-1</identifier>` +
  `<sender>hub@example.org</sender><sent>2026-09-14T08:00:00+07:00</sent>${header}<scope>Public</scope>${info}</alert>`;
const info = (inner: string) => `<info>${inner}<category>Met</category><event>Storm</event><urgency>Expected</urgency><severity>Moderate</severity><certainty>Likely</certainty></info>`;

describe("parseCap", () => {
  it.skipIf(!existsSync("/usr/bin/xmllint"))("takes a fixture that is itself valid CAP 1.2", () => {
    expect(() => execFileSync("/usr/bin/xmllint", ["--noout", "--schema", schema, fixturePath], { stdio: "pipe" })).not.toThrow();
  });

  it("reads the NCHMF storm warning: header, references, both infos, parameters, event codes and areas", () => {
    const alert = parsed(fixture);
    expect(alert).toMatchObject({
      identifier: "urn:oid:2.49.0.1.704.0.2026.9.14.1.0.0",
      sender: "cap@nchmf.gov.vn",
      status: "Actual",
      msgType: "Update",
      scope: "Public",
      references: [{ sender: "cap@nchmf.gov.vn", identifier: "urn:oid:2.49.0.1.704.0.2026.9.13.22.0.0", sent: "2026-09-13T22:00:00+07:00" }],
    });
    expect(alert.sent.toISOString()).toBe("2026-09-14T01:00:00.000Z");
    expect(alert.infos.map((entry) => entry.language)).toEqual(["vi-VN", "en-US"]);
    const [vi, en] = alert.infos;
    expect(vi).toMatchObject({ categories: ["Met"], urgency: "Immediate", severity: "Severe", eventCodes: [{ valueName: "NCHMF", value: "BAO-05" }] });
    expect(vi!.parameters).toContainEqual({ valueName: "Rainfall", value: "150-250 mm" });
    expect(vi!.expires?.toISOString()).toBe("2026-09-15T13:00:00.000Z");
    expect(vi!.areas[0]).toEqual({
      areaDesc: "Tỉnh Hà Tĩnh",
      geocodes: [{ valueName: "ISO 3166-2", value: "VN-23" }],
      polygons: ["18.80,105.10 18.80,106.60 17.90,106.60 17.90,105.10 18.80,105.10"],
    });
    // entities decoded once; CDATA and escaped markup are text
    expect(vi!.headline).toBe("TIN BÃO KHẨN CẤP: Bão số 5 (Kajiki) hướng vào Nghệ An & Hà Tĩnh");
    expect(vi!.description).toMatch(/^<b>Hồi 07 giờ ngày 14\/9<\/b>, vị trí/);
    expect(vi!.description).toContain("\r\n");
    expect(en!.description).toMatch(/^<b>At 07:00 on 14 September<\/b>/);
    expect(en!.instruction).toContain("Visibility < 1 km");
  });

  it("reads a namespace prefix and ignores other namespaces' extensions", () => {
    const xml = `<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2" xmlns:x="urn:example:x"><cap:identifier>p-1</cap:identifier><cap:sender>s</cap:sender>
      <cap:sent>2026-09-14T08:00:00+07:00</cap:sent><cap:status>Test</cap:status><cap:msgType>Alert</cap:msgType><x:extra>ignored</x:extra>
      <cap:info><cap:category>Health</cap:category><cap:urgency>Future</cap:urgency><cap:severity>Minor</cap:severity><cap:headline>H</cap:headline></cap:info></cap:alert>`;
    const alert = parsed(xml);
    expect(alert).toMatchObject({ identifier: "p-1", status: "Test", infos: [{ language: "en-US", categories: ["Health"], headline: "H" }] });
  });

  it("keeps text that looks like a reference as text (&amp;#38; is the five characters &#38;)", () => {
    const alert = parsed(alertWith(info("<headline>a &amp;#38; b &amp;amp; c &#x1F300;</headline>")));
    expect(alert.infos[0]!.headline).toBe("a &#38; b &amp; c 🌀");
  });

  it("reads attributes whose values look like attributes", () => {
    const alert = parsed(alertWith(info(`<headline>H</headline><web>x</web>`)).replace("<alert ", `<alert x:a="x:b=1" x:b='x:a=2' xmlns:x="urn:example:x" `));
    expect(alert.identifier).toBe("x-1");
  });

  it("reads back what buildCap writes", () => {
    const xml = buildCap({
      identifier: "bantin-1",
      sender: "bantin@bantin.example",
      sent: new Date("2026-12-01T11:00:00Z"),
      msgType: "Alert",
      references: [],
      mode: "exercise",
      category: "weather",
      urgency: "urgent",
      effective: new Date("2026-12-01T11:00:00Z"),
      expires: new Date("2026-12-03T00:00:00Z"),
      texts: [{ language: "vi", headline: `Lý do: "A&B" <2026> ]]> &amp;`, summary: "s", body: "b" }],
      areas: { vi: [{ code: "VN-HT-CAUTREO", name: "Cửa khẩu Quốc tế Cầu Treo" }], lo: [], en: [], km: [] },
      resources: [],
    });
    const alert = parsed(xml);
    expect(alert).toMatchObject({ identifier: "bantin-1", status: "Exercise", msgType: "Alert" });
    expect(alert.infos[0]).toMatchObject({ language: "vi-VN", headline: `Lý do: "A&B" <2026> ]]> &amp;`, urgency: "Immediate" });
    expect(alert.infos[0]!.areas[0]!.geocodes).toEqual([{ valueName: "bantin-gazetteer", value: "VN-HT-CAUTREO" }]);
  });

  it.each([
    ["a DOCTYPE with entities (billion laughs)", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><alert>&lol2;</alert>`, "doctype", /DOCTYPE/],
    ["an external entity (XXE)", `<!DOCTYPE alert SYSTEM "file:///etc/passwd"><alert/>`, "doctype", /DOCTYPE/],
    ["a mismatched end tag", `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</alert>`, "malformed", /<\/alert> closes <identifier>/],
    ["an unclosed root", `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier>`, "malformed", /<alert> is never closed/],
    ["a bare ampersand", `<alert>Nghệ An & Hà Tĩnh</alert>`, "malformed", /bare "&"/],
    ["an undefined entity", `<alert>&nbsp;</alert>`, "malformed", /&nbsp; is not defined/],
    ["a control character reference", `<alert>&#7;</alert>`, "malformed", /&#7; is not a character/],
    ["two roots", `<alert/><alert/>`, "malformed", /after the root element/],
    ["text after the root", `<alert/>trailing`, "malformed", /text outside the root/],
    ["an empty body", "", "malformed", /no root element/],
    ["another encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><alert/>`, "malformed", /ISO-8859-1/],
    ["a duplicate attribute", `<alert a="1" a="2"/>`, "malformed", /attribute a twice/],
    ["an unquoted attribute", `<alert a=1/>`, "malformed", /broken start tag/],
    ["not CAP", `<feed xmlns="http://www.w3.org/2005/Atom"/>`, "invalid", /expected a CAP 1.2 <alert/],
    ["CAP 1.1", `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"/>`, "invalid", /cap:1\.1/],
  ])("refuses %s", (_name, xml, reason, message) => {
    const result = parseCap(xml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.problems.map((problem) => problem.message).join("; ")).toMatch(message);
  });

  it("lists every missing or wrong field of a well-formed alert", () => {
    const result = parseCap(alertWith(`<info><urgency>Soon</urgency><severity>Severe</severity><effective>tomorrow</effective><description><b>bold</b></description></info>`, "<status>Real</status>"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe("invalid");
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { path: "alert.status", message: expect.stringMatching(/"Real" is not one of Actual/) },
        { path: "alert.msgType", message: "required" },
        { path: "alert.info[0].category", message: "required" },
        { path: "alert.info[0].urgency", message: expect.stringMatching(/"Soon"/) },
        { path: "alert.info[0].effective", message: expect.stringMatching(/not a CAP date/) },
        { path: "alert.info[0].description", message: expect.stringMatching(/contains XML elements/) },
      ]),
    );
  });
});

describe("CAP text and languages", () => {
  it.each([
    ["vi", "vi"],
    ["vi-VN", "vi"],
    ["en", "en"],
    ["en-US", "en"],
    ["EN-gb", "en"],
    ["lo-LA", "lo"],
    ["km-KH", "km"],
    ["km", "km"],
    ["th-TH", undefined],
    ["zh-CN", undefined],
    ["", undefined],
  ])("maps the CAP language %j to %j", (tag, language) => {
    expect(capLanguageOf(tag)).toBe(language);
  });

  it("tidies a hub's text: CRLF, indentation, simple HTML formatting; leaves other markup to be refused", () => {
    expect(plainTextFromCap("  <b>Cảnh báo:</b> mưa lớn\r\n      lũ quét<br/>sạt lở\r\n\r\n\r\n  <p>Đi chậm</p>  ")).toBe("Cảnh báo: mưa lớn\nlũ quét\nsạt lở\n\nĐi chậm");
    expect(plainTextFromCap("nhiệt độ < 5°C")).toBe("nhiệt độ < 5°C");
    expect(plainTextFromCap("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
  });
});

describe("a CAP alert as a bulletin", () => {
  const now = new Date("2026-09-14T01:30:00Z");
  const alert = parsed(fixture);

  it("maps the storm warning: vi first, en too, urgent weather, valid from now until it expires", () => {
    const result = bulletinFromCap(alert, now);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { draft } = result;
    expect(draft).toMatchObject({ sourceLanguage: "vi", targetLanguages: ["vi", "en"], category: "weather", urgency: "urgent", mode: "actual" });
    expect(draft.validFrom).toEqual(now);
    expect(draft.validUntil.toISOString()).toBe("2026-09-15T13:00:00.000Z");
    expect(draft.texts.vi).toMatchObject({ headline: "TIN BÃO KHẨN CẤP: Bão số 5 (Kajiki) hướng vào Nghệ An & Hà Tĩnh", summary: draft.texts.vi!.headline });
    expect(draft.texts.vi!.body).toMatch(/^Hồi 07 giờ ngày 14\/9, vị trí/);
    expect(draft.texts.vi!.body).toContain("nguy cơ lũ quét & sạt lở đất.\n\nKhông đi qua cửa khẩu Cầu Treo");
    expect(draft.texts.en!.body).not.toMatch(/<b>|\r/);
    expect(draft.areas.map((area) => area.areaDesc)).toContain("Ha Tinh province");
  });

  const variant = (change: (alert: ParsedCapAlert) => void) => {
    const copy = structuredClone(alert);
    change(copy);
    return bulletinFromCap(copy, now);
  };
  const problemsOf = (result: ReturnType<typeof bulletinFromCap>) => (result.ok ? "" : result.problems.map((problem) => `${problem.path}: ${problem.message}`).join("; "));

  it.each<[string, (alert: ParsedCapAlert) => void, RegExp]>([
    ["a Cancel", (copy) => (copy.msgType = "Cancel"), /withdraw the bulletin instead/],
    ["a System message", (copy) => (copy.status = "System"), /System message is not a bulletin/],
    ["a Draft", (copy) => (copy.status = "Draft"), /Draft message is not a bulletin/],
    ["an unsupported language", (copy) => (copy.infos[1]!.language = "th-TH"), /unsupported language "th-TH"/],
    ["two infos in one language", (copy) => (copy.infos[1]!.language = "vi"), /a second <info> in vi/],
    ["an expired alert", (copy) => copy.infos.forEach((entry) => (entry.expires = new Date("2026-09-14T00:00:00Z"))), /expired at 2026-09-14T00:00:00.000Z/],
    ["a headline too long", (copy) => (copy.infos[0]!.headline = "Bão ".repeat(80)), /info\(vi\)\.headline/],
    ["markup left in the text", (copy) => (copy.infos[1]!.description = "<script>alert(1)</script>"), /info\(en\)\.body: contains markup/],
    ["a bidi override", (copy) => (copy.infos[1]!.headline = "abc\u202Edef"), /info\(en\)\.headline: contains bidi/],
  ])("refuses %s", (_name, change, message) => {
    expect(problemsOf(variant(change))).toMatch(message);
  });

  it("defaults: effective in the future is kept, no expires means 24 hours, Expected is priority, Geo is disaster", () => {
    const later = new Date("2026-09-14T06:00:00Z");
    const result = variant((copy) => {
      copy.infos = [{ ...copy.infos[1]!, effective: later, expires: undefined, urgency: "Expected", severity: "Moderate", categories: ["Geo"] }];
    });
    if (!result.ok) throw new Error(problemsOf(result));
    expect(result.draft).toMatchObject({ sourceLanguage: "en", targetLanguages: ["en"], urgency: "priority", category: "disaster", validFrom: later });
    expect(result.draft.validUntil.getTime() - later.getTime()).toBe(24 * 3_600_000);
  });

  it("takes severity Extreme as urgent and an unknown category as a notice", () => {
    const result = variant((copy) => copy.infos.forEach((entry) => Object.assign(entry, { urgency: "Future", severity: "Extreme", categories: ["Transport"] })));
    expect(result.ok && result.draft).toMatchObject({ urgency: "urgent", category: "notice" });
  });
});

describe("areas from the gazetteer", () => {
  it("folds case and Vietnamese diacritics", () => {
    expect(foldPlaceName("Tỉnh HÀ TĨNH, Đắk Lắk")).toBe("tinh ha tinh dak lak");
  });

  it.each([
    ["Hà Tĩnh", ["VN-HT"]],
    ["Ha Tinh province", ["VN-HT"]],
    ["TỈNH HÀ TĨNH", ["VN-HT"]],
    ["Các tỉnh Nghệ An, Hà Tĩnh và Quảng Bình", ["VN-NA", "VN-HT"]],
    ["Cửa khẩu Cầu Treo", ["VN-HT-CAUTREO"]],
    ["Lao Bao border gate", ["VN-QT-LAOBAO"]],
    ["Điện Biên", ["VN-DB"]],
    ["ຮ່າຕິ້ງ", ["VN-HT"]],
    ["Vùng biển Bắc Biển Đông", []],
  ])("finds %j", (areaDesc, codes) => {
    expect(placesNamedIn(areaDesc, gazetteerPlaces)).toEqual(codes);
  });

  it("takes geocodes that are gazetteer codes before the areaDesc, and lists what matched nothing", () => {
    const matched = matchCapAreas(
      [
        { areaDesc: "Tỉnh Hà Tĩnh", geocodes: [{ valueName: "ISO 3166-2", value: "VN-23" }], polygons: [] },
        { areaDesc: "Cửa khẩu Quốc tế Cầu Treo, huyện Hương Sơn", geocodes: [{ valueName: "bantin-gazetteer", value: "VN-HT-CAUTREO" }], polygons: [] },
        { areaDesc: "Ha Tinh province", geocodes: [], polygons: [] },
        { areaDesc: "Biển Đông", geocodes: [], polygons: [] },
      ],
      gazetteerPlaces,
    );
    expect(matched).toEqual({ codes: ["VN-HT", "VN-HT-CAUTREO"], unmatched: ["Biển Đông"] });
  });
});
