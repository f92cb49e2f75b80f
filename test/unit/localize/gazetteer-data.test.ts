import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Language = "vi" | "lo" | "en" | "km";
type Place = {
  code: string;
  kind: "country" | "province" | "district" | "gate";
  parentCode: string | null;
  country: "VN" | "LA" | "KH";
  names: Record<Language, string>;
  languages: Language[];
  reviewed: boolean;
  counterpartCode: string | null;
  gateType: "international" | "main" | "secondary" | null;
  note?: string;
};

const places: Place[] = JSON.parse(readFileSync(new URL("../../../src/localize/gazetteer/places.json", import.meta.url), "utf8"));
const byCode = new Map(places.map((place) => [place.code, place]));
const get = (code: string) => {
  const place = byCode.get(code);
  if (!place) throw new Error(`no place ${code}`);
  return place;
};
const ancestors = (place: Place) => {
  const chain: Place[] = [];
  for (let current = place.parentCode; current !== null; current = get(current).parentCode) {
    if (chain.some((seen) => seen.code === current)) throw new Error(`cycle at ${current}`);
    chain.push(get(current));
  }
  return chain;
};

const CODE = /^[A-Z]{2}(-[A-Z0-9]+)*$/;
const LAO_SCRIPT = /[\u0E80-\u0EFF]/u;
const KHMER_SCRIPT = /[\u1780-\u17FF\u19E0-\u19FF]/u;
const LANGUAGES: Language[] = ["vi", "lo", "en", "km"];

const vnGates = places.filter((place) => place.kind === "gate" && place.country === "VN");
const borderOf = (gate: Place) => (gate.counterpartCode ? byCode.get(gate.counterpartCode)?.country : undefined);

describe("gazetteer data", () => {
  it("is a non-empty array", () => {
    expect(Array.isArray(places)).toBe(true);
    expect(places.length).toBeGreaterThan(50);
  });

  it("has unique, well-formed codes whose prefix is the place's country", () => {
    expect(new Set(places.map((place) => place.code)).size).toBe(places.length);
    for (const place of places) {
      expect(place.code, place.code).toMatch(CODE);
      expect(place.code.slice(0, 2), place.code).toBe(place.country);
      expect(["country", "province", "district", "gate"], place.code).toContain(place.kind);
      expect(typeof place.reviewed, place.code).toBe("boolean");
    }
  });

  it("links every place to an existing parent, countries at the top, without cycles", () => {
    for (const place of places) {
      if (place.kind === "country") {
        expect(place.parentCode, place.code).toBeNull();
        continue;
      }
      expect(place.parentCode, place.code).not.toBeNull();
      expect(byCode.has(place.parentCode!), `${place.code} → ${place.parentCode}`).toBe(true);
      const chain = ancestors(place);
      expect(chain.at(-1)?.code, place.code).toBe(place.country);
      expect(
        chain.every((ancestor) => ancestor.country === place.country),
        place.code,
      ).toBe(true);
    }
  });

  it("nests kinds sensibly", () => {
    const allowedParents: Record<Place["kind"], Place["kind"][]> = {
      country: [],
      province: ["country"],
      district: ["province"],
      gate: ["district", "province"],
    };
    for (const place of places.filter((p) => p.parentCode !== null)) {
      expect(allowedParents[place.kind], `${place.code} under ${place.parentCode}`).toContain(get(place.parentCode!).kind);
    }
  });

  it("gives every place four non-empty names in NFC", () => {
    for (const place of places) {
      expect(Object.keys(place.names).sort(), place.code).toEqual([...LANGUAGES].sort());
      for (const language of LANGUAGES) {
        const name = place.names[language];
        expect(typeof name, `${place.code} ${language}`).toBe("string");
        expect(name.trim().length, `${place.code} ${language}`).toBeGreaterThan(0);
        expect(name, `${place.code} ${language}`).toBe(name.normalize("NFC"));
        expect(name, `${place.code} ${language}`).toBe(name.trim());
      }
    }
  });

  it("writes Lao names in Lao script, Khmer names in Khmer script, English names in plain Latin", () => {
    for (const place of places) {
      expect(place.names.lo, place.code).toMatch(LAO_SCRIPT);
      expect(place.names.km, place.code).toMatch(KHMER_SCRIPT);
      expect(place.names.en, place.code).toMatch(/^[A-Za-z0-9 '().,-]+$/);
      expect(place.names.vi, place.code).not.toMatch(LAO_SCRIPT);
      expect(place.names.vi, place.code).not.toMatch(KHMER_SCRIPT);
    }
  });

  it("lists display languages from the four, without repeats, Vietnamese and English always", () => {
    for (const place of places) {
      expect(place.languages.length, place.code).toBeGreaterThan(0);
      expect(new Set(place.languages).size, place.code).toBe(place.languages.length);
      for (const language of place.languages) expect(LANGUAGES, place.code).toContain(language);
      expect(place.languages, place.code).toContain("vi");
      expect(place.languages, place.code).toContain("en");
    }
    for (const place of places.filter((p) => p.country === "LA")) expect(place.languages[0], place.code).toBe("lo");
    for (const place of places.filter((p) => p.country === "KH")) expect(place.languages[0], place.code).toBe("km");
  });

  it("gives a VN gate the languages of its border", () => {
    for (const gate of vnGates) {
      expect(gate.languages, gate.code).toEqual(borderOf(gate) === "LA" ? ["vi", "lo", "en"] : ["vi", "km", "en"]);
    }
  });

  it("has a gate type on gates and only on gates", () => {
    for (const place of places) {
      if (place.kind === "gate") expect(["international", "main", "secondary"], place.code).toContain(place.gateType);
      else expect(place.gateType, place.code).toBeNull();
    }
  });

  it("points every counterpart at an existing place, symmetrically between gates across the border", () => {
    for (const place of places) {
      if (place.counterpartCode === null) {
        expect(place.kind === "gate" && place.country === "VN", `${place.code} has no counterpart`).toBe(false);
        continue;
      }
      expect(byCode.has(place.counterpartCode), `${place.code} → ${place.counterpartCode}`).toBe(true);
      const counterpart = get(place.counterpartCode);
      expect(counterpart.kind, place.code).toBe(place.kind);
      expect(counterpart.country, place.code).not.toBe(place.country);
      expect([place.country, counterpart.country], place.code).toContain("VN");
      if (place.kind === "gate") {
        expect(counterpart.counterpartCode, `${counterpart.code} should point back to ${place.code}`).toBe(place.code);
        expect(counterpart.gateType, place.code).toBe(place.gateType);
      }
    }
  });

  it("places every VN gate under a VN district or province and gives it a counterpart", () => {
    expect(vnGates.length).toBeGreaterThan(0);
    for (const gate of vnGates) {
      const parent = get(gate.parentCode!);
      expect(parent.country, gate.code).toBe("VN");
      expect(["district", "province"], gate.code).toContain(parent.kind);
      expect(gate.counterpartCode, gate.code).not.toBeNull();
      expect(["LA", "KH"], gate.code).toContain(borderOf(gate));
    }
  });

  it("places every foreign gate under a province of its own country", () => {
    for (const gate of places.filter((p) => p.kind === "gate" && p.country !== "VN")) {
      const parent = get(gate.parentCode!);
      expect(parent.kind, gate.code).toBe("province");
      expect(parent.country, gate.code).toBe(gate.country);
    }
  });

  it("covers both borders with at least ten VN gates each, and names gates consistently", () => {
    const lao = vnGates.filter((gate) => borderOf(gate) === "LA");
    const khmer = vnGates.filter((gate) => borderOf(gate) === "KH");
    expect(lao.length).toBeGreaterThanOrEqual(10);
    expect(khmer.length).toBeGreaterThanOrEqual(10);
    for (const gate of places.filter((p) => p.kind === "gate")) {
      const international = gate.gateType === "international";
      expect(gate.names.vi.startsWith(international ? "Cửa khẩu Quốc tế " : "Cửa khẩu "), gate.code).toBe(true);
      expect(gate.names.en.endsWith(international ? " International Border Gate" : " Border Gate"), gate.code).toBe(true);
    }
  });

  it("has every VN province that owns a gate, with both neighbours' counterpart provinces", () => {
    for (const gate of vnGates) {
      const province = ancestors(gate).find((ancestor) => ancestor.kind === "province");
      expect(province, gate.code).toBeDefined();
      const counterpartProvince = get(get(gate.counterpartCode!).parentCode!);
      expect(counterpartProvince.kind, gate.code).toBe("province");
    }
  });

  it("keeps the codes the tests and demo data rely on", () => {
    const required: [code: string, kind: Place["kind"], parent: string | null, vi: string, en?: string][] = [
      ["VN", "country", null, "Việt Nam"],
      ["VN-HT", "province", "VN", "Hà Tĩnh"],
      ["VN-HT-HUONGSON", "district", "VN-HT", "Hương Sơn"],
      ["VN-HT-CAUTREO", "gate", "VN-HT-HUONGSON", "Cửa khẩu Quốc tế Cầu Treo", "Cau Treo International Border Gate"],
      ["VN-TN", "province", "VN", "Tây Ninh"],
      ["VN-TN-BENCAU", "district", "VN-TN", "Bến Cầu"],
      ["VN-TN-MOCBAI", "gate", "VN-TN-BENCAU", "Cửa khẩu Quốc tế Mộc Bài", "Moc Bai International Border Gate"],
      ["VN-TN-TANBIEN", "district", "VN-TN", "Tân Biên"],
      ["VN-TN-XAMAT", "gate", "VN-TN-TANBIEN", "Cửa khẩu Quốc tế Xa Mát", "Xa Mat International Border Gate"],
    ];
    for (const [code, kind, parent, vi, en] of required) {
      const place = get(code);
      expect(place.kind, code).toBe(kind);
      expect(place.parentCode, code).toBe(parent);
      expect(place.names.vi, code).toBe(vi.normalize("NFC"));
      if (en) expect(place.names.en, code).toBe(en);
    }
    expect(get("VN-HT-CAUTREO").languages).toEqual(["vi", "lo", "en"]);
    expect(get("VN-TN-MOCBAI").languages).toEqual(["vi", "km", "en"]);
    expect(get("VN-TN-XAMAT").languages).toEqual(["vi", "km", "en"]);
  });
});
