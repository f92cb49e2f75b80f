// The offline demo translator's phrasebook gloss: place names from the gazetteer (short and full), phrases from
// locales/<language>/phrasebook.json, numbers kept, unknown words left in the source language between brackets.
import { describe, expect, it } from "vitest";
import { demoPhrasebook, demoTranslatorName, glossSentence } from "../../../src/localize/demo-translator.ts";
import { gazetteerPlaces } from "../../../src/localize/gazetteer/gazetteer.ts";

const phrasebook = demoPhrasebook();
const cauTreo = gazetteerPlaces().find((place) => place.code === "VN-HT-CAUTREO")!;
const places = [{ names: cauTreo.names, short: { vi: "Cầu Treo", lo: "ກ່າວແຕ່ວ", en: "Cau Treo", km: "កូវត្រែវ" } }];
const gloss = (sentence: string, target: "lo" | "en" | "km") => glossSentence({ sentence, source: "vi", target, phrasebook, places });

describe("demo translator", () => {
  it("says in its name that it is an offline demo and not machine translation", () => {
    expect(demoTranslatorName).toMatch(/demo/);
    expect(demoTranslatorName).toMatch(/not machine translation/);
  });

  it("glosses known phrases and the gate's name into Lao, keeping times", () => {
    const result = gloss("Cửa khẩu Cầu Treo tạm đóng cửa từ 18:00 ngày mai.", "lo");
    expect(result.text).toBe("ດ່ານ ກ່າວແຕ່ວ ປິດຊົ່ວຄາວ ຈາກ 18:00 ມື້ອື່ນ.");
    expect(result.known).toBe(result.words);
  });

  it("takes a place's full gazetteer name as one name", () => {
    expect(gloss("Cửa khẩu Quốc tế Cầu Treo đóng cửa", "en").text).toBe("Cau Treo International Border Gate closed");
  });

  it("leaves unknown words in the source language between brackets, punctuation outside, Khmer full stop", () => {
    expect(gloss("Hành khách xếp hàng trật tự.", "lo").text).toBe("ຜູ້ໂດຍສານ [xếp hàng trật tự].");
    expect(gloss("Hành khách xếp hàng trật tự.", "km").text).toBe("អ្នកដំណើរ [xếp hàng trật tự]។");
  });

  it("grows with the source text, so a longer Vietnamese sentence makes a longer Lao draft", () => {
    const shorter = gloss("Cửa khẩu Cầu Treo tạm đóng cửa.", "lo").text;
    const longer = gloss("Cửa khẩu Cầu Treo tạm đóng cửa do mưa lớn, đề nghị hành khách chờ hướng dẫn.", "lo").text;
    expect(longer.length).toBeGreaterThan(shorter.length + 20);
  });

  it("has every phrase in every language (the Lao and Khmer ones listed for native review)", () => {
    const keys = Object.keys(phrasebook.vi).sort();
    for (const language of ["lo", "en", "km"] as const) expect(Object.keys(phrasebook[language]).sort()).toEqual(keys);
  });
});
