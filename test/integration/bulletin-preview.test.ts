// The compose preview (issue 14, item 2): POST /api/v1/bulletins/preview answers per target language with the text
// (a demo-translator draft for Lao), each partner's SMS as sent, the gate screen's slides, the radio script's reading
// time and the voice duration, and the create schema's field errors; nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetPreviewCaches, type BulletinPreview } from "../../src/bulletins/preview-bulletin.ts";
import { smsLimits, unitsOf } from "../../src/channels/sms/index.ts";
import { createDemoTranslator, demoTranslatorName } from "../../src/localize/demo-translator.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import { snapshotTables } from "../helpers/table-snapshot.ts";

const gate = "VN-HT-CAUTREO";
const short = "Cửa khẩu Cầu Treo tạm đóng cửa.";
const long = "Cửa khẩu Cầu Treo tạm đóng cửa từ 18:00 ngày mai do mưa lớn, đề nghị hành khách chờ hướng dẫn của bộ đội biên phòng.";

const compose = (summary: string, extra: Record<string, unknown> = {}) => ({
  sourceLanguage: "vi",
  areas: [gate],
  channels: ["sms", "display", "radio", "voice"],
  validUntil: new Date(Date.now() + 86_400_000).toISOString(),
  text: { headline: "Cầu Treo tạm đóng cửa", summary, body: `${summary} Vui lòng theo dõi thông báo.` },
  ...extra,
});

const pngSize = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { signature: [...bytes.slice(1, 4)].map((code) => String.fromCharCode(code)).join(""), width: view.getUint32(16), height: view.getUint32(20) };
};

describe.each(backends)("bulletin preview on $name", (backend) => {
  let pipeline: TestPipeline;
  const preview = async (body: unknown, token?: string) => {
    const response = await pipeline.request("POST", "/api/v1/bulletins/preview", { token: token ?? pipeline.tokens.editor, body });
    return response as { status: number; json: BulletinPreview };
  };
  const language = (result: BulletinPreview, code: string) => result.languages.find((entry) => entry.language === code)!;
  const asked: string[] = [];

  beforeAll(async () => {
    forgetPreviewCaches();
    // the demo translator, with a record of every sentence it is asked to translate
    pipeline = await startPipeline(backend, {
      workers: false,
      machineTranslator: (db) => {
        const demo = createDemoTranslator({ db });
        return {
          name: demo.name,
          translate: (request, signal) => {
            asked.push(`${request.target}: ${request.text}`);
            return demo.translate(request, signal);
          },
        };
      },
    });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it("drafts Lao with the demo translator and shows the Lao SMS going from one part to two as the text grows", async () => {
    const before = await preview(compose(short));
    expect(before.status).toBe(200);
    expect(before.json.valid).toBe(true);
    expect(before.json.targetLanguages).toEqual(["vi", "lo", "en"]);
    const lao = language(before.json, "lo");
    expect(lao).toMatchObject({ origin: "machine", draft: true, provider: demoTranslatorName });
    expect(lao.text!.summary).toMatch(/ກ່າວແຕ່ວ/u);
    const laoSms = lao.sms.find((sms) => sms.partner === "MekongMobile")!;
    expect(laoSms).toMatchObject({ fits: true, encoding: "ucs2", partCount: 1 });
    expect(laoSms.charactersLeft).toBe(smsLimits.ucs2.single - laoSms.units);

    const after = await preview(compose(long));
    const grown = language(after.json, "lo").sms.find((sms) => sms.partner === "MekongMobile")!;
    expect(grown.units).toBeGreaterThan(smsLimits.ucs2.single);
    expect(grown.units).toBeLessThanOrEqual(2 * smsLimits.ucs2.part);
    expect(grown).toMatchObject({ fits: true, encoding: "ucs2", partCount: 2, maxParts: 6 });
    expect(grown.parts.join("")).toBe(grown.text);
    expect(grown.charactersLeft).toBe(smsLimits.ucs2.part - unitsOf(grown.parts[1]!, "ucs2"));
  });

  it("asks the machine again only for the sentence the editor changed, in each language", async () => {
    const body = (last: string) => compose(short, { text: { headline: "Cầu Treo tạm đóng cửa", summary: short, body: `Mưa lớn kéo dài. ${last}` } });
    const first = await preview(body("Vui lòng chờ hướng dẫn."));
    expect(first.status).toBe(200);
    asked.length = 0;
    const typed = await preview(body("Vui lòng chờ hướng dẫn mới."));
    expect(typed.status).toBe(200);
    // lo and en: the changed sentence only; the headline, the summary and the unchanged sentence are remembered
    expect(asked.sort()).toEqual(["en: Vui lòng chờ hướng dẫn mới.", "lo: Vui lòng chờ hướng dẫn mới."]);
    expect(language(typed.json, "lo").text!.body).not.toBe(language(first.json, "lo").text!.body);
  });

  it("strips Vietnamese diacritics for the partner whose policy asks, and only for it", async () => {
    const { json } = await preview(compose(long));
    const vi = language(json, "vi");
    expect(vi).toMatchObject({ origin: "source", draft: false });
    const stripped = vi.sms.find((sms) => sms.partner === "VinaTel")!;
    expect(stripped).toMatchObject({ diacriticsStripped: true, encoding: "gsm7", partCount: 1 });
    expect(stripped.text).toMatch(/^Cua khau Cau Treo tam dong cua/u);
    expect(stripped.charactersLeft).toBe(smsLimits.gsm7.single - stripped.units);
    const kept = vi.sms.find((sms) => sms.partner === "MekongMobile")!;
    expect(kept).toMatchObject({ diacriticsStripped: false, encoding: "ucs2", partCount: 2 });
    expect(kept.text.startsWith("Cửa khẩu Cầu Treo")).toBe(true);
  });

  it("names a slide per language for the gate's screen and draws it on a separate request", async () => {
    const { json } = await preview(compose(long));
    for (const code of ["vi", "lo", "en"]) {
      const slides = language(json, code).slides;
      expect(slides.map((slide) => slide.screen.name)).toEqual(["Cầu Treo gate screen"]);
      expect(slides[0]!.screen).toMatchObject({ width: 1920, height: 1080, gateCode: gate });
    }
    const file = language(json, "lo").slides[0]!.file;
    const response = await pipeline.app.request(`/api/v1/bulletins/preview/slides/${file}`, { headers: { authorization: `Bearer ${pipeline.tokens.editor}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ signature: "PNG", width: 1920, height: 1080 });
    const unknown = await pipeline.app.request(`/api/v1/bulletins/preview/slides/${"0".repeat(32)}.png`, {
      headers: { authorization: `Bearer ${pipeline.tokens.editor}` },
    });
    expect(unknown.status).toBe(404);
  });

  it("gives the radio script's reading time and the voice duration, longer for a longer text", async () => {
    const shortPreview = language((await preview(compose(short))).json, "vi");
    const longPreview = language((await preview(compose(long))).json, "vi");
    expect(shortPreview.radio.map((radio) => radio.station)).toEqual(["Hương Sơn district radio"]);
    expect(longPreview.radio[0]!.script).toContain("bộ đội biên phòng");
    expect(longPreview.radio[0]!.readingSec).toBeGreaterThan(shortPreview.radio[0]!.readingSec);
    expect(longPreview.voice!.estimatedSec).toBeGreaterThan(shortPreview.voice!.estimatedSec);
  });

  it("lists the create schema's problems by field, and still previews what it can", async () => {
    const { status, json } = await preview({
      sourceLanguage: "vi",
      areas: [gate, "VN-ZZ-NOWHERE"],
      channels: [],
      text: { headline: "<b>Cầu Treo</b>", summary: short, body: "" },
    });
    expect(status).toBe(200);
    expect(json.valid).toBe(false);
    expect(Object.keys(json.errors).sort()).toEqual(expect.arrayContaining(["areas", "channels", "text.headline", "validUntil"]));
    expect(json.errors.areas).toContain("unknown place VN-ZZ-NOWHERE");
    expect(json.suggested).toEqual({ targetLanguages: ["vi", "lo", "en"], channels: ["sms", "voice", "radio", "display"] });
    // the headline is shown as typed: text, never markup
    expect(language(json, "vi").text!.headline).toBe("<b>Cầu Treo</b>");
  });

  it("is for editors, refuses what is not an object, and writes nothing", async () => {
    const before = await snapshotTables(pipeline.db);
    expect((await preview(compose(long), pipeline.tokens.approver)).status).toBe(403);
    const notObject = await pipeline.request("POST", "/api/v1/bulletins/preview", { token: pipeline.tokens.editor, raw: "[1,2]" });
    expect(notObject.status).toBe(422);
    expect(notObject.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    forgetPreviewCaches();
    const { json } = await preview(compose(`${long} Xe tải chờ tại đường.`, { template: undefined }));
    for (const entry of json.languages)
      for (const slide of entry.slides)
        await pipeline.app.request(`/api/v1/bulletins/preview/slides/${slide.file}`, { headers: { authorization: `Bearer ${pipeline.tokens.editor}` } });
    expect(await snapshotTables(pipeline.db)).toEqual(before);
  });
});
