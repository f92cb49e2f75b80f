// CAP 1.2 documents validate against the OASIS schema (kept in test/fixtures/cap with its notice), keep user text
// as text, and reference what they update or cancel.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildCap, capDateTime, type CapInput } from "../../../../src/channels/cap/index.ts";
import { speechLanguage } from "../../../../src/channels/voice/build-ssml.ts";
import { languageFacts, languages } from "../../../../src/domain/index.ts";
import { localeOf } from "../../../../src/localize/format-locale.ts";

const schema = fileURLToPath(new URL("../../../fixtures/cap/CAP-v1.2.xsd", import.meta.url));
const xmllint = "/usr/bin/xmllint";
const haveXmllint = existsSync(xmllint);
if (!haveXmllint) console.log("[bantin tests] SKIPPED: CAP schema validation, because xmllint is missing (apt-get install libxml2-utils; .ci/run installs it)");
const dir = mkdtempSync(path.join(tmpdir(), "bantin-cap-"));

/** xmllint's verdict on a document against the CAP 1.2 schema. */
const validate = (xml: string) => {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync(xmllint, ["--noout", "--schema", schema, file], { stdio: "pipe" });
    return "valid";
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
};

const base: CapInput = {
  identifier: "bantin-4f0c6f3e-0000-4000-8000-000000000001",
  sender: "bantin@bantin.example",
  sent: new Date("2026-12-01T11:00:00Z"),
  msgType: "Alert",
  references: [],
  mode: "actual",
  category: "gate_closure",
  urgency: "urgent",
  effective: new Date("2026-12-01T11:00:00Z"),
  expires: new Date("2026-12-03T00:00:00Z"),
  texts: [
    { language: "vi", headline: "Cửa khẩu Quốc tế Cầu Treo tạm đóng cửa", summary: "…", body: `Lý do: sạt lở "A&B" <2026> ]]> &amp;` },
    { language: "lo", headline: "ດ່ານສາກົນ ກ່າວແຕ່ວ ປິດຊົ່ວຄາວ", summary: "…", body: "ເຫດຜົນ: ດິນເຈື່ອນ." },
  ],
  areas: {
    vi: [{ code: "VN-HT-CAUTREO", name: "Cửa khẩu Quốc tế Cầu Treo" }],
    lo: [{ code: "VN-HT-CAUTREO", name: "ດ່ານສາກົນ ກ່າວແຕ່ວ" }],
    en: [],
    km: [],
  },
  resources: [
    {
      description: "slide 1920x1080",
      mimeType: "image/png",
      uri: "https://bantin.example/screen/v1/slides/0123456789abcdef0123456789abcdef.png",
      language: "vi",
    },
  ],
  web: "https://bantin.example/api/v1/bulletins/4f0c6f3e-0000-4000-8000-000000000001",
};

describe("CAP 1.2", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!haveXmllint)("validates an Alert, an Update and a Cancel, in Actual, Test and Exercise", () => {
    expect(validate(buildCap(base))).toBe("valid");
    expect(
      validate(buildCap({ ...base, msgType: "Update", mode: "test", references: [{ identifier: "bantin-old", sent: new Date("2026-11-30T01:02:03Z") }] })),
    ).toBe("valid");
    expect(validate(buildCap({ ...base, msgType: "Cancel", mode: "exercise", references: [{ identifier: base.identifier, sent: base.sent }] }))).toBe("valid");
  });

  it.skipIf(!haveXmllint)("the schema does reject a broken document", () => {
    expect(validate(buildCap(base).replace("<msgType>Alert</msgType>", "<msgType>Warning</msgType>"))).not.toBe("valid");
  });

  it("keeps text as text, one info per language, references and geocodes", () => {
    const xml = buildCap({ ...base, msgType: "Update", references: [{ identifier: "bantin-old", sent: new Date("2026-11-30T01:02:03Z") }] });
    // read back, the description is exactly what the editor wrote
    expect(xml).toContain("&amp;amp;");
    expect(xml).toContain('Lý do: sạt lở "A&amp;B" &lt;2026&gt; ]]&gt; &amp;amp;');
    expect(xml.match(/<info>/g)).toHaveLength(2);
    expect(xml).toContain("<language>lo-LA</language>");
    expect(xml).toContain("<references>bantin@bantin.example,bantin-old,2026-11-30T08:02:03+07:00</references>");
    expect(xml).toContain("<value>VN-HT-CAUTREO</value>");
    expect(xml).toContain("<urgency>Immediate</urgency>");
    // the slide belongs to the Vietnamese info only
    expect(xml.match(/<resource>/g)).toHaveLength(1);
  });

  it.skipIf(!haveXmllint)("tags English en-GB, the tag SSML and dates use, and stays valid CAP 1.2", () => {
    const xml = buildCap({ ...base, texts: [{ language: "en", headline: "Cau Treo closed", summary: "…", body: "Landslide." }] });
    expect(xml).toContain("<language>en-GB</language>");
    expect(validate(xml)).toBe("valid");
  });

  it("writes one tag per language everywhere: CAP <language>, SSML xml:lang and locale formatting", () => {
    for (const language of languages) {
      const xml = buildCap({ ...base, texts: [{ language, headline: "h", summary: "s", body: "b" }] });
      const tag = /<language>([^<]+)<\/language>/.exec(xml)?.[1];
      expect([tag, speechLanguage[language], localeOf[language]]).toEqual([
        languageFacts[language].tag,
        languageFacts[language].tag,
        languageFacts[language].tag,
      ]);
    }
    expect(languageFacts.en.tag).toBe("en-GB");
  });

  it("writes times as the schema wants them: seconds and an explicit +07:00", () => {
    expect(capDateTime(new Date("2026-12-01T17:30:00.123Z"))).toBe("2026-12-02T00:30:00+07:00");
  });
});
