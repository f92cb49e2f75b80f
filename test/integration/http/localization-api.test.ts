// The localization API: templates and previews, the gazetteer's editing and review flag, the memory by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("localization API on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it("lists the templates with their fields and previews one in the gate's languages", async () => {
    const list = await pipeline.request("GET", "/api/v1/templates", { token: pipeline.tokens.editor });
    expect(list.json.items.map((item: any) => item.name)).toEqual(["gate-hours-change", "gate-closure", "weather-warning", "health-advisory", "public-notice"]);
    expect(list.json.items[0].fields.properties.reason.enum).toContain("holiday");
    const preview = await pipeline.request("POST", "/api/v1/templates/preview", {
      token: pipeline.tokens.editor,
      body: {
        template: { name: "gate-hours-change", fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01", opens: "06:00", closes: "22:00", reason: "holiday" } },
      },
    });
    expect(preview.status, preview.text).toBe(200);
    expect(Object.keys(preview.json.languages)).toEqual(["vi", "lo", "en"]);
    expect(preview.json.languages.en.summary).toBe("From 01/12/2026, Cau Treo International Border Gate opens 06:00-22:00. Reason: public holiday.");
    const bad = await pipeline.request("POST", "/api/v1/templates/preview", {
      token: pipeline.tokens.editor,
      body: { template: { name: "gate-hours-change", fields: { gate: "VN-HT-CAUTREO" } } },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(bad.json.errors).toContainEqual({ path: "template.fields.reason", message: "required" });
  });

  it("lets an admin correct a place; a changed Lao name needs review again", async () => {
    const unreviewed = await pipeline.request("GET", "/api/v1/places?reviewed=false&country=VN&kind=gate", { token: pipeline.tokens.editor });
    expect(unreviewed.json.items.some((place: any) => place.code === "VN-HT-CAUTREO")).toBe(true);
    const reviewed = await pipeline.request("PATCH", "/api/v1/places/VN-HT-CAUTREO", { token: pipeline.tokens.admin, body: { reviewed: true } });
    expect(reviewed.status, reviewed.text).toBe(200);
    expect(reviewed.json.reviewed).toBe(true);
    const renamed = await pipeline.request("PATCH", "/api/v1/places/VN-HT-CAUTREO", {
      token: pipeline.tokens.admin,
      body: { names: { lo: "ດ່ານສາກົນ ນ້ຳພາວ-ກ່າວແຕ່ວ" } },
    });
    expect(renamed.json).toMatchObject({ reviewed: false, names: { lo: "ດ່ານສາກົນ ນ້ຳພາວ-ກ່າວແຕ່ວ", vi: "Cửa khẩu Quốc tế Cầu Treo" } });
    expect((await pipeline.request("PATCH", "/api/v1/places/VN-HT-CAUTREO", { token: pipeline.tokens.editor, body: { reviewed: true } })).status).toBe(403);
    expect((await pipeline.request("PATCH", "/api/v1/places/VN-XX-NOWHERE", { token: pipeline.tokens.admin, body: { reviewed: true } })).status).toBe(404);
    const markup = await pipeline.request("PATCH", "/api/v1/places/VN-HT-CAUTREO", {
      token: pipeline.tokens.admin,
      body: { names: { en: "<b>Cau Treo</b>" } },
    });
    expect(markup.status).toBe(422);
    expect((await pipeline.request("GET", "/api/v1/places/VN-HT-CAUTREO", { token: pipeline.tokens.editor })).json.names.en).toBe(
      "Cau Treo International Border Gate",
    );
    const created = await pipeline.request("POST", "/api/v1/places", {
      token: pipeline.tokens.admin,
      body: {
        code: "VN-HT-TESTGATE",
        kind: "gate",
        parentCode: "VN-HT-HUONGSON",
        country: "VN",
        names: { vi: "Cửa khẩu Thử", lo: "ດ່ານທົດລອງ", en: "Test Border Gate", km: "ច្រកសាកល្បង" },
        languages: ["vi", "lo", "en"],
        gateType: "secondary",
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.reviewed).toBe(false);
    const orphan = await pipeline.request("POST", "/api/v1/places", {
      token: pipeline.tokens.admin,
      body: {
        code: "VN-HT-ORPHAN",
        kind: "gate",
        parentCode: "VN-HT-NOWHERE",
        country: "VN",
        names: { vi: "a", lo: "ກ", en: "a", km: "ក" },
        languages: ["vi"],
      },
    });
    expect(orphan.status).toBe(422);
  });

  it("takes a pair from a translator into the memory and proposes it for the next bulletin", async () => {
    const pair = { sourceLanguage: "vi", targetLanguage: "lo", source: "Cửa khẩu mở cửa từ 07:00.", target: "ດ່ານເປີດແຕ່ 07:00." };
    expect((await pipeline.request("POST", "/api/v1/translation-memory", { token: pipeline.tokens.editor, body: pair })).status).toBe(403);
    expect((await pipeline.request("POST", "/api/v1/translation-memory", { token: pipeline.tokens.translator, body: pair })).status).toBe(201);
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({
        targetLanguages: ["vi", "lo"],
        text: { headline: "Giờ mở cửa", summary: "Cửa khẩu mở cửa từ 07:00.", body: "Cửa khẩu mở cửa từ 07:30." },
      }),
    });
    const suggestions = await pipeline.request("GET", `/api/v1/bulletins/${created.json.id}/texts/lo/suggestions`, { token: pipeline.tokens.translator });
    const [summary, body] = suggestions.json.segments.filter((segment: any) => segment.field !== "headline");
    expect(summary.exact).toBe("ດ່ານເປີດແຕ່ 07:00.");
    expect(body.fuzzy[0]).toMatchObject({ target: "ດ່ານເປີດແຕ່ 07:00." });
    expect(body.fuzzy[0].score).toBeGreaterThanOrEqual(0.85);
    // no provider configured: the memory's proposals only, each with its origin, and the machine said to be off
    expect(suggestions.json.machine).toEqual({ status: "off" });
    expect(summary.proposals).toEqual([{ origin: "memory", kind: "exact", text: "ດ່ານເປີດແຕ່ 07:00.", score: 1, source: "Cửa khẩu mở cửa từ 07:00." }]);
    expect(body.proposals).toEqual([
      { origin: "memory", kind: "fuzzy", text: "ດ່ານເປີດແຕ່ 07:00.", score: body.fuzzy[0].score, source: "Cửa khẩu mở cửa từ 07:00." },
    ]);
    const search = await pipeline.request("GET", "/api/v1/translation-memory?source=vi&target=lo&q=07:00", { token: pipeline.tokens.translator });
    expect(search.json.items).toHaveLength(1);
    // dropping a language needs no body
    const dropped = await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/languages/lo/drop`, { token: pipeline.tokens.editor });
    expect(dropped.status, dropped.text).toBe(200);
    expect(dropped.json.targetLanguages).toEqual(["vi"]);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/languages/vi/drop`, { token: pipeline.tokens.editor })).status).toBe(422);
  });
});
