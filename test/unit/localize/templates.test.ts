// Templates render every language from the fields alone: no leftover placeholders or keys, gazetteer names,
// 24-hour times, and free text kept as text.
import { describe, expect, it } from "vitest";
import { languages } from "../../../src/domain/index.ts";
import { gazetteerPlaces } from "../../../src/localize/gazetteer/gazetteer.ts";
import { renderTemplate, TemplateInputSchema, templateNames, type TemplateInput } from "../../../src/localize/templates/index.ts";
import { alignPairs } from "../../../src/localize/translation-memory/memory.ts";

const places = new Map(gazetteerPlaces().map((place) => [place.code, place]));

const examples: TemplateInput[] = [
  {
    name: "gate-hours-change",
    fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01", until: "2026-12-31", opens: "06:00", closes: "22:00", reason: "high_traffic" },
  },
  {
    name: "gate-closure",
    fields: {
      gate: "VN-TN-MOCBAI",
      from: "2026-12-01T18:30:00+07:00",
      reopening: "2026-12-03T06:00:00+07:00",
      reason: "flooding",
      alternativeGate: "VN-TN-XAMAT",
    },
  },
  {
    name: "weather-warning",
    fields: {
      hazard: "typhoon",
      areas: ["VN-HT", "VN-TN"],
      from: "2026-12-01T18:30:00+07:00",
      until: "2026-12-03T06:00:00+07:00",
      advice: ["stay_indoors", "avoid_rivers"],
    },
  },
  { name: "health-advisory", fields: { disease: "dengue", areas: ["VN-TN"], actions: ["remove_standing_water", "use_mosquito_nets"] } },
  {
    name: "public-notice",
    fields: { title: "Hội chợ thương mại biên giới", details: "Vào cửa tự do.", place: "VN-HT-CAUTREO", date: "2026-12-05T20:15:00+07:00" },
  },
];

describe("templates", () => {
  it("has an example for every template", () => {
    expect(examples.map((example) => example.name).sort()).toEqual([...templateNames].sort());
  });

  for (const example of examples) {
    for (const language of languages) {
      it(`renders ${example.name} in ${language} with no placeholder or key left`, () => {
        const text = renderTemplate(example, language, { places });
        for (const value of Object.values(text)) {
          expect(value.length).toBeGreaterThan(0);
          expect(value).not.toMatch(/\{\{|\}\}|undefined|null/);
          // an unresolved i18next key would show as its dotted path
          expect(value).not.toMatch(/\b(gateHours|gateClosure|weatherWarning|healthAdvisory|publicNotice|gateReasons|hazards|advice|diseases|healthActions)\./);
          expect(value).toBe(value.normalize("NFC"));
        }
        if (language === "lo") expect(text.headline + text.body).toMatch(/[\u0E80-\u0EFF]/);
        if (language === "km") expect(text.headline + text.body).toMatch(/[\u1780-\u17FF]/);
      });
    }
  }

  it("names places from the gazetteer in each language", () => {
    const closure = examples[1]!;
    expect(renderTemplate(closure, "vi", { places }).body).toContain("Cửa khẩu Quốc tế Xa Mát");
    expect(renderTemplate(closure, "en", { places }).body).toContain("Xa Mat International Border Gate");
    expect(renderTemplate(closure, "km", { places }).body).toContain(places.get("VN-TN-XAMAT")!.names.km);
    expect(renderTemplate(closure, "lo", { places }).headline).toContain(places.get("VN-TN-MOCBAI")!.names.lo);
  });

  it("writes times in 24-hour form in every language, in Viet Nam's time zone", () => {
    for (const language of languages) {
      const text = renderTemplate(examples[1]!, language, { places });
      expect(text.summary, language).toContain("18:30");
      expect(text.summary, language).not.toMatch(/\b(AM|PM|am|pm)\b|6:30/);
    }
    const utc = renderTemplate({ name: "gate-closure", fields: { gate: "VN-HT-CAUTREO", from: "2026-12-01T23:30:00Z", reason: "weather" } }, "km", { places });
    expect(utc.summary).toContain("02/12/2026, 06:30");
  });

  it("keeps free text as text: no interpolation, no nesting, no escaping", () => {
    const title = `A&B <2026> "{{gate}}" $t(gateReasons.holiday)`;
    const input = { ...examples[4]!, fields: { ...(examples[4]!.fields as object), title } } as TemplateInput;
    for (const language of languages) expect(renderTemplate(input, language, { places }).headline).toBe(title);
  });

  it("refuses fields that make no sense", () => {
    const refused = (input: unknown) => TemplateInputSchema.safeParse(input).success === false;
    expect(refused({ name: "gate-hours-change", fields: { ...examples[0]!.fields, closes: "05:00" } })).toBe(true);
    expect(refused({ name: "gate-hours-change", fields: { ...examples[0]!.fields, opens: "6:00" } })).toBe(true);
    expect(refused({ name: "gate-closure", fields: { ...examples[1]!.fields, reopening: "2026-11-30T00:00:00+07:00" } })).toBe(true);
    expect(refused({ name: "weather-warning", fields: { ...examples[2]!.fields, hazard: "meteor" } })).toBe(true);
    expect(refused({ name: "health-advisory", fields: { ...examples[3]!.fields, actions: ["wash_hands", "wash_hands"] } })).toBe(true);
    expect(refused({ name: "public-notice", fields: { ...examples[4]!.fields, title: "<script>x</script>" } })).toBe(true);
    expect(refused({ name: "no-such-template", fields: {} })).toBe(true);
    expect(refused(examples[0])).toBe(false);
  });
});

describe("translation memory alignment", () => {
  const empty = { headline: "", summary: "" };
  it("pairs sentence by sentence when both sides have as many", () => {
    const pairs = alignPairs({
      sourceLanguage: "vi",
      source: { ...empty, body: "Câu một. Câu hai." },
      targetLanguage: "km",
      target: { ...empty, body: "ប្រយោគមួយ។ ប្រយោគពីរ។" },
    });
    expect(pairs).toEqual([
      { source: "Câu một.", target: "ប្រយោគមួយ។" },
      { source: "Câu hai.", target: "ប្រយោគពីរ។" },
    ]);
  });
  it("pairs whole lines or fields when the sentence counts differ, never guessing an alignment", () => {
    const pairs = alignPairs({
      sourceLanguage: "vi",
      source: { ...empty, body: "Câu một. Câu hai." },
      targetLanguage: "lo",
      target: { ...empty, body: "ປະໂຫຍກດຽວ" },
    });
    expect(pairs).toEqual([{ source: "Câu một. Câu hai.", target: "ປະໂຫຍກດຽວ" }]);
  });
  it("stores a repeated sentence once", () => {
    const pairs = alignPairs({
      sourceLanguage: "vi",
      source: { headline: "Xin cảm ơn.", summary: "Xin cảm ơn.", body: "" },
      targetLanguage: "en",
      target: { headline: "Thank you.", summary: "Thank you.", body: "" },
    });
    expect(pairs).toEqual([{ source: "Xin cảm ơn.", target: "Thank you." }]);
  });
});
