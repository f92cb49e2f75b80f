// CAP 1.2 in: a hub's alert parses to typed fields with its text as text; anything that is not one well-formed
// CAP 1.2 document without a DOCTYPE is refused with the reason. The mapping to a bulletin and the gazetteer
// matching are pure too, and tested here without a database.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bulletinFromCap, foldPlaceName, matchCapAreas, placesNamedIn, readCapDraft } from "../../../../src/bulletins/import-cap.ts";
import { AppError } from "../../../../src/errors.ts";
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
const info = (inner: string) =>
  `<info>${inner}<category>Met</category><event>Storm</event><urgency>Expected</urgency><severity>Moderate</severity><certainty>Likely</certainty></info>`;

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
    [
      "a DOCTYPE with entities (billion laughs)",
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><alert>&lol2;</alert>`,
      "doctype",
      /DOCTYPE/,
    ],
    ["an external entity (XXE)", `<!DOCTYPE alert SYSTEM "file:///etc/passwd"><alert/>`, "doctype", /DOCTYPE/],
    [
      "a mismatched end tag",
      `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</alert>`,
      "malformed",
      /line 1, column \d+: unexpected close tag/,
    ],
    ["an unclosed root", `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier>`, "malformed", /unclosed tag: alert/],
    ["a bare ampersand", `<alert>Nghệ An & Hà Tĩnh</alert>`, "malformed", /unclosed tag|entity/],
    ["an undefined entity", `<alert>&nbsp;</alert>`, "malformed", /undefined entity/],
    ["a control character reference", `<alert>&#7;</alert>`, "malformed", /malformed character entity/],
    ["two roots", `<alert/><alert/>`, "malformed", /only one root/],
    ["text after the root", `<alert/>trailing`, "malformed", /outside of root/],
    ["an empty body", "", "malformed", /must contain a root element/],
    ["another encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><alert/>`, "malformed", /ISO-8859-1/],
    ["a duplicate attribute", `<alert a="1" a="2"/>`, "malformed", /duplicate attribute: a/],
    ["an unquoted attribute", `<alert a=1/>`, "malformed", /unquoted attribute value/],
    ["an unbound namespace prefix", `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><x:extra/></alert>`, "malformed", /unbound namespace prefix: "x"/],
    ["a comment with --", `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><!-- a -- b --></alert>`, "malformed", /malformed comment/],
    [
      "elements nested too deep",
      `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${"<a>".repeat(40)}${"</a>".repeat(40)}</alert>`,
      "malformed",
      /nested deeper than 32/,
    ],
    ["a noncharacter", `<alert>\uFFFE</alert>`, "malformed", /disallowed character/],
    ["a DOCTYPE after a comment", `<!-- hi --><!DOCTYPE alert><alert/>`, "doctype", /DOCTYPE/],
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
    const result = parseCap(
      alertWith(
        `<info><urgency>Soon</urgency><severity>Severe</severity><effective>tomorrow</effective><description><b>bold</b></description></info>`,
        "<status>Real</status>",
      ),
    );
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
    expect(plainTextFromCap("  <b>Cảnh báo:</b> mưa lớn\r\n      lũ quét<br/>sạt lở\r\n\r\n\r\n  <p>Đi chậm</p>  ")).toBe(
      "Cảnh báo: mưa lớn\nlũ quét\nsạt lở\n\nĐi chậm",
    );
    expect(plainTextFromCap("nhiệt độ < 5°C")).toBe("nhiệt độ < 5°C");
    expect(plainTextFromCap("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
  });
});

describe("HTML in CAP text", () => {
  const descriptionOf = (description: string) =>
    plainTextFromCap(parsed(alertWith(info(`<headline>H</headline><description>${description}</description>`))).infos[0]!.description!);

  it.each([
    ["an ampersand escaped twice", "Nghệ An &amp;amp; Hà Tĩnh", "Nghệ An & Hà Tĩnh"],
    ["an ampersand escaped three times", "A &amp;amp;amp; B", "A & B"],
    ["HTML named entities", "Nhi&amp;ecirc;t &amp;#273;&amp;#7897; &amp;lt; 5&amp;deg;C&amp;nbsp;ở Cầu Treo", "Nhiêt độ < 5°C ở Cầu Treo"],
    ["escaped formatting tags", "&lt;p&gt;&lt;b&gt;Mưa lớn&lt;/b&gt;&lt;br&gt;lũ quét&lt;/p&gt;&lt;p&gt;Đi chậm&lt;/p&gt;", "Mưa lớn\nlũ quét\n\nĐi chậm"],
    ["tags escaped twice", "&amp;lt;b&amp;gt;Cảnh báo&amp;lt;/b&amp;gt;: mưa", "Cảnh báo: mưa"],
    [
      "HTML in CDATA with entities",
      "<![CDATA[<div><h2>Cảnh báo</h2><ul><li>Không đi qua&nbsp;cửa khẩu</li><li>Theo dõi tin &amp; làm theo</li></ul></div>]]>",
      "Cảnh báo\n\n- Không đi qua cửa khẩu\n- Theo dõi tin & làm theo",
    ],
    ["an HTML comment and a link", '<![CDATA[<!-- from the hub --><a href="https://nchmf.gov.vn">nchmf.gov.vn</a> &copy; NCHMF]]>', "nchmf.gov.vn © NCHMF"],
  ])("makes %s plain text", (_name, description, text) => {
    expect(descriptionOf(description)).toBe(text);
  });

  it("leaves a script for the markup check to refuse, and a lone < or & as they are", () => {
    expect(descriptionOf("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("<script>alert(1)</script>");
    expect(descriptionOf("Tầm nhìn &lt; 1 km, AT&amp;T &amp; R&amp;D")).toBe("Tầm nhìn < 1 km, AT&T & R&D");
  });

  it("imports a double-escaped ampersand as one ampersand, not as the text &amp;", () => {
    const now = new Date("2026-09-14T01:30:00Z");
    const xml = fixture.replace("hướng vào Nghệ An &amp; Hà Tĩnh</headline>", "hướng vào Nghệ An &amp;amp; Hà Tĩnh</headline>");
    expect(readCapDraft(xml, now).draft.texts.vi!.headline).toBe("TIN BÃO KHẨN CẤP: Bão số 5 (Kajiki) hướng vào Nghệ An & Hà Tĩnh");
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
  const problemsOf = (result: ReturnType<typeof bulletinFromCap>) =>
    result.ok ? "" : result.problems.map((problem) => `${problem.path}: ${problem.message}`).join("; ");

  it.each<[string, (alert: ParsedCapAlert) => void, RegExp]>([
    ["a Cancel", (copy) => (copy.msgType = "Cancel"), /withdraw the bulletin instead/],
    ["a System message", (copy) => (copy.status = "System"), /System message is not a bulletin/],
    ["a Draft", (copy) => (copy.status = "Draft"), /Draft message is not a bulletin/],
    [
      "an alert in no language bantin serves",
      (copy) => copy.infos.forEach((entry, index) => (entry.language = ["fr-CA", "th-TH"][index]!)),
      /unsupported language "fr-CA", "th-TH"/,
    ],
    ["two infos in one language", (copy) => (copy.infos[1]!.language = "vi"), /a second <info> in vi/],
    ["an expired alert", (copy) => copy.infos.forEach((entry) => (entry.expires = new Date("2026-09-14T00:00:00Z"))), /expired at 2026-09-14T00:00:00.000Z/],
    ["a headline too long", (copy) => (copy.infos[0]!.headline = "Bão ".repeat(80)), /info\(vi\)\.headline/],
    ["markup left in the text", (copy) => (copy.infos[1]!.description = "<script>alert(1)</script>"), /info\(en\)\.body: contains markup/],
    ["a bidi override", (copy) => (copy.infos[1]!.headline = "abc\u202Edef"), /info\(en\)\.headline: contains bidi/],
  ])("refuses %s", (_name, change, message) => {
    expect(problemsOf(variant(change))).toMatch(message);
  });

  it("takes the languages it serves and lists the others as skipped (en-CA + fr-CA is an English bulletin)", () => {
    const result = variant((copy) => {
      copy.infos[0]!.language = "fr-CA";
      copy.infos[1]!.language = "en-CA";
    });
    if (!result.ok) throw new Error(problemsOf(result));
    expect(result.draft).toMatchObject({ sourceLanguage: "en", targetLanguages: ["en"], skippedLanguages: ["fr-CA"] });
    expect(Object.keys(result.draft.texts)).toEqual(["en"]);
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
    const result = variant((copy) =>
      copy.infos.forEach((entry) => Object.assign(entry, { urgency: "Future", severity: "Extreme", categories: ["Transport"] })),
    );
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

  it.each([
    ["ISO 3166-2", "VN-23", ["VN-HT"]],
    ["ISO3166-2", "VN-37", ["VN-TN"]],
    ["iso_3166_2", "vn-41", ["VN-TN"]], // Long An, part of Tây Ninh since July 2025
    ["ISO 3166-2", "VN-24", ["VN-QT"]], // Quảng Bình, part of Quảng Trị
    ["ISO 3166-2", "LA-BL", ["LA-BL"]],
    ["ISO 3166-2", "KH-16", ["KH-16"]],
    ["ISO 3166-1", "VN", ["VN"]],
    ["Province", "Hà Tĩnh", ["VN-HT"]],
    ["province_name", "Tay Ninh", ["VN-TN"]],
    ["ADM1", "Bolikhamxay", ["LA-BL"]],
    ["SAME", "023", []],
    ["ISO 3166-2", "VN-HN", []], // Hà Nội: not a border province
  ])("maps the geocode %s %s to %j", (valueName, value, codes) => {
    const matched = matchCapAreas([{ areaDesc: "somewhere", geocodes: [{ valueName, value }], polygons: [] }], gazetteerPlaces);
    expect(matched).toEqual(codes.length > 0 ? { codes, unmatched: [] } : { codes: [], unmatched: ["somewhere"] });
  });
});

describe("CAP import against random and mutated input", () => {
  const now = new Date("2026-09-14T01:30:00Z");
  /** Runs the pure part of the import; anything thrown must be the import's own problem+json error, a 4xx. */
  const importOrProblem = (xml: string) => {
    try {
      readCapDraft(xml, now);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBeGreaterThanOrEqual(400);
      expect((error as AppError).status).toBeLessThan(500);
    }
  };
  const fragments = [
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "&#x1F300;",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE a>",
    "<!ENTITY x 'y'>",
    "<info>",
    "</info>",
    "<x:y>",
    'xmlns="urn:oasis:names:tc:emergency:cap:1.2"',
    "\u0000",
    "\uD800",
    "\uFFFE",
    "<?xml version='1.0'?>",
    "<!--",
    "-->",
  ];

  it("never throws anything else on random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (xml) => importOrProblem(xml)),
      { numRuns: 500 },
    );
  });

  it("never throws anything else on the fixture cut, spliced and salted with XML's special characters", () => {
    const mutation = fc.record({
      at: fc.integer({ min: 0, max: fixture.length }),
      cut: fc.integer({ min: 0, max: 200 }),
      insert: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 20 }), fc.string({ unit: "binary", maxLength: 8 })),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const xml = mutations.reduce((text, { at, cut, insert }) => text.slice(0, at) + insert + text.slice(at + cut), fixture);
        importOrProblem(xml);
      }),
      { numRuns: 1_000 },
    );
  });

  it("never throws anything else on an alert whose elements are shuffled, repeated or dropped", () => {
    const elements = [...fixture.matchAll(/<(\w+)>[^<]*<\/\1>/g)].map((match) => match[0]);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...elements), { maxLength: 40 }),
        fc.array(fc.constantFrom(...elements), { maxLength: 20 }),
        (header, infoElements) => {
          importOrProblem(`<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${header.join("")}<info>${infoElements.join("")}</info></alert>`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
