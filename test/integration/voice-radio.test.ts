// The spoken channels end to end on every back end: an urgent weather warning for Hà Tĩnh gives Vietnamese and
// English voice messages with audio (decoded here; its length within 25% of the estimate), a Lao one marked for
// recording until an admin uploads one, radio scripts in vi/lo/en that the station fetches and reports aired (once),
// and voice messages the voice partner claims. Withdrawal flags the scripts and cancels what was not sent.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MPEGDecoder } from "mpg123-decoder";
import wavefile from "wavefile";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEspeakNg } from "../../src/channels/voice/index.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

const espeakInstalled = await createEspeakNg().installed();
if (!espeakInstalled) console.warn("voice-radio: espeak-ng is not installed (apt-get install espeak-ng); audio checks are skipped");

const capSchema = fileURLToPath(new URL("../fixtures/cap/CAP-v1.2.xsd", import.meta.url));
const validCap = (xml: string) => {
  if (existsSync("/usr/bin/xmllint"))
    execFileSync("/usr/bin/xmllint", ["--noout", "--schema", capSchema, "-"], { input: xml, stdio: ["pipe", "pipe", "pipe"] });
  return true;
};

const wavSeconds = (bytes: Uint8Array) => {
  const wav = new wavefile.WaveFile(bytes);
  const fmt = wav.fmt as { sampleRate: number; numChannels: number };
  const samples = wav.getSamples(false, Float64Array) as unknown as Float64Array;
  return { seconds: samples.length / fmt.sampleRate, sampleRate: fmt.sampleRate, channels: fmt.numChannels };
};

const mp3Seconds = async (bytes: Uint8Array) => {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  const decoded = decoder.decode(bytes);
  decoder.free();
  return decoded.samplesDecoded / decoded.sampleRate;
};

/** A 3-second 44.1 kHz stereo tone: what a voice artist's studio might hand over. */
const studioRecording = () => {
  const wav = new wavefile.WaveFile();
  const left = new Int16Array(44_100 * 3).map((_, i) => Math.round(8_000 * Math.sin((2 * Math.PI * 440 * i) / 44_100)));
  wav.fromScratch(2, 44_100, "16", [left, left]);
  return wav.toBuffer();
};

/** Reads the station's scripts after `cursor` until `done` holds, as a station polls: a script shows once every
 *  transaction older than the one that wrote it has ended, in any database of the server (so a test running beside
 *  this one can hold it back for a moment). */
const scriptsAfter = async (pipeline: TestPipeline, options: { token: string; cursor?: string; done: (scripts: any[]) => boolean }, timeoutMs = 15_000) => {
  const started = Date.now();
  for (;;) {
    const response = await pipeline.request("GET", `/radio/v1/scripts${options.cursor ? `?after=${options.cursor}` : ""}`, { token: options.token });
    expect(response.status, response.text).toBe(200);
    if (options.done(response.json.scripts)) return response;
    if (Date.now() - started > timeoutMs) return response;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe.each(backends)("voice messages and radio scripts on $name", (backend) => {
  let pipeline: TestPipeline;
  let station = "";
  beforeAll(async () => {
    pipeline = await startPipeline(backend);
    station = pipeline.credentials.stations[0]!.token;
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const media = async (url: string) => {
    const path = new URL(url).pathname;
    const response = await pipeline.app.request(path);
    expect(response.status, path).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
    return { type: response.headers.get("content-type"), bytes: new Uint8Array(await response.arrayBuffer()) };
  };

  const voiceOf = async (id: string, done: (items: any[]) => boolean, timeoutMs = 30_000) => {
    const started = Date.now();
    for (;;) {
      const response = await pipeline.request("GET", `/api/v1/bulletins/${id}/voice`, { token: pipeline.tokens.editor });
      expect(response.status).toBe(200);
      if (done(response.json.items)) return response.json.items as any[];
      if (Date.now() - started > timeoutMs) throw new Error(`voice renditions still ${JSON.stringify(response.json.items.map((item: any) => item.status))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it("speaks vi and en, marks lo for recording, gives the station scripts and the partner voice messages", { timeout: 90_000 }, async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: {
        sourceLanguage: "vi",
        channels: ["sms", "voice", "radio"],
        urgency: "urgent",
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        template: {
          name: "weather-warning",
          fields: {
            hazard: "flood",
            areas: ["VN-HT"],
            from: new Date(Date.now() + 3_600_000).toISOString(),
            until: new Date(Date.now() + 86_400_000).toISOString(),
            advice: ["avoid_rivers", "avoid_slopes"],
          },
        },
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect(created.json.targetLanguages.sort()).toEqual(["en", "lo", "vi"]);
    await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor });
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver })).status).toBe(200);
    await pipeline.waitForStatus(id, "published");

    const items = await voiceOf(id, (list) => list.length === 3 && list.every((item) => item.status !== "synthesizing"));
    const byLanguage = Object.fromEntries(items.map((item) => [item.language, item]));
    for (const language of ["vi", "en", "lo"]) {
      const voice = byLanguage[language];
      expect(voice.ssml).toContain(`xml:lang="${{ vi: "vi-VN", en: "en-GB", lo: "lo-LA" }[language]}"`);
      expect(voice.ssml).toContain('<break time="');
      expect(voice.estimatedSec).toBeGreaterThan(5);
    }
    // dates and times are said in words: no "02/12/2026" left for the engine to read as "slash"
    for (const language of ["vi", "en", "lo"]) expect(byLanguage[language].ssml, language).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/);
    expect(byLanguage.vi.ssml).toMatch(/ngày \d{1,2} tháng \d{1,2} năm \d{4}/);
    expect(byLanguage.en.ssml).toMatch(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
    expect(byLanguage.lo.script).toMatch(/ວັນທີ \d{1,2} ເດືອນ/);
    // the urgent lead-in, and the key sentence said again
    expect(byLanguage.vi.script).toContain("Thông báo khẩn");
    expect(byLanguage.vi.script).toContain("Xin nhắc lại:");
    expect(byLanguage.en.script).toContain("Urgent announcement");
    expect(byLanguage.lo.status).toBe("needs_recording");
    expect(byLanguage.lo.note).toContain("no lo voice");
    expect(byLanguage.lo.audio).toBeUndefined();

    if (espeakInstalled) {
      // the WAV goes out first; the MP3 follows from its own job (test/integration/voice-wav-first.test.ts)
      const withMp3 = await voiceOf(id, (list) => list.filter((item) => item.audioMp3).length === 2);
      for (const item of withMp3) byLanguage[item.language] = item;
      for (const language of ["vi", "en"]) {
        const voice = byLanguage[language];
        expect(voice.status, language).toBe("ready");
        const wav = await media(voice.audio);
        expect(wav.type).toBe("audio/wav");
        const decoded = wavSeconds(wav.bytes);
        expect(decoded).toMatchObject({ sampleRate: 8_000, channels: 1 });
        expect(
          Math.abs(decoded.seconds - voice.estimatedSec) / voice.estimatedSec,
          `${language}: ${decoded.seconds}s spoken, ${voice.estimatedSec}s estimated`,
        ).toBeLessThan(0.25);
        const mp3 = await media(voice.audioMp3);
        expect(mp3.type).toBe("audio/mpeg");
        expect(Math.abs((await mp3Seconds(mp3.bytes)) - decoded.seconds)).toBeLessThan(0.5);
        expect(mp3.bytes.byteLength).toBeLessThan(wav.bytes.byteLength / 4);
      }

      // the voice partner gets vi and en voice messages (not lo: nothing to play yet); the SMS-only partner none
      const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("MekongMobile"), body: { max: 100 } });
      const voices = claim.json.batch.messages.filter((message: any) => message.bulletinId === id && message.kind === "voice");
      expect(voices.map((message: any) => message.language).sort()).toEqual(["en", "vi"]);
      for (const message of voices) {
        expect(message.audio).toMatch(/^http:\/\/bantin\.test\/public\/v1\/media\/[0-9a-f]{64}\.wav$/);
        expect(message.durationSec).toBeGreaterThan(5);
        expect(message.urgency).toBe("urgent");
        expect(message.encoding).toBeNull();
      }
      const sms = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 100 } });
      expect(sms.json.batch.messages.filter((message: any) => message.bulletinId === id).every((message: any) => message.kind === "sms")).toBe(true);
      const ack = await pipeline.request("POST", `/partner/v1/batches/${claim.json.batch.id}/ack`, {
        token: pipeline.partnerToken("MekongMobile"),
        body: { results: voices.map((message: any) => ({ messageId: message.id, status: "sent", submitted: 120, delivered: 97, failed: 23 })) },
      });
      expect(ack.status).toBe(200);

      // the CAP document carries the audio as resources (and stays valid CAP 1.2)
      const cap = await pipeline.app.request(`/public/v1/alerts/${id}.xml`);
      const xml = await cap.text();
      expect(validCap(xml)).toBe(true);
      expect(xml).toContain("<mimeType>audio/mpeg</mimeType>");
      expect(xml).toContain(new URL(byLanguage.vi.audioMp3).pathname);
    }

    // the station: vi, lo and en scripts with reading times, intro naming the station, urgent marking and cues
    const first = await scriptsAfter(pipeline, { token: station, done: (list: any[]) => list.filter((script: any) => script.bulletinId === id).length >= 3 });
    const scripts = first.json.scripts.filter((script: any) => script.bulletinId === id);
    expect(scripts.map((script: any) => script.language).sort()).toEqual(["en", "lo", "vi"]);
    // each intro names the station as it calls itself in that language (the demo's names)
    const onAir = { vi: "Đây là Đài truyền thanh huyện Hương Sơn.", lo: "ນີ້ແມ່ນ ສະຖານີວິທະຍຸເມືອງເຫືອງເຊີນ.", en: "This is Huong Son district radio." } as Record<
      string,
      string
    >;
    for (const script of scripts) {
      expect(script.readingSec).toBeGreaterThan(10);
      expect(script.urgency).toBe("urgent");
      expect(script.withdrawn).toBe(false);
      expect(script.script).toContain(onAir[script.language]);
      expect(script.script).not.toContain("Hương Sơn district radio");
      expect(script.sections.filter((section: any) => section.kind === "cue").length).toBeGreaterThanOrEqual(4);
      // the window's dates are written for the presenter, with how to say them beside; the spoken form has no slash
      expect(script.script).toMatch(/\d{2}\/\d{2}\/\d{4}/);
      const body = script.sections.find((section: any) => section.kind === "speech" && /\d{2}\/\d{2}\/\d{4}/.test(section.text));
      expect(body.text).toContain({ vi: "[đọc: ", lo: "[ອ່ານ: ", en: "[say: " }[script.language as string]);
      expect(body.spoken).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/);
    }
    const vi = scripts.find((script: any) => script.language === "vi");
    expect(vi.script).toContain("*** KHẨN ***");
    expect(vi.script).toContain("[PHÁT TÍN HIỆU KHẨN]");
    expect(scripts.find((script: any) => script.language === "lo").rate.estimate).toBe(true);
    if (espeakInstalled) expect(vi.audio).toMatch(/\.mp3$/);
    expect(scripts.find((script: any) => script.language === "lo").audio).toBeUndefined();
    const again = await pipeline.request("GET", `/radio/v1/scripts?after=${first.json.cursor}`, { token: station });
    expect(again.json.scripts).toEqual([]);
    expect(again.json.cursor).toBe(first.json.cursor);

    const airedAt = new Date().toISOString();
    const aired = await pipeline.request("POST", `/radio/v1/scripts/${vi.id}/aired`, { token: station, body: { airedAt } });
    expect(aired.json).toMatchObject({ counted: true });
    const repeated = await pipeline.request("POST", `/radio/v1/scripts/${vi.id}/aired`, { token: station, body: { airedAt } });
    expect(repeated.json).toMatchObject({ counted: false });

    // an admin uploads the Lao recording: the voice partner can claim it, the Lao script comes round with audio
    const upload = (token: string | undefined, body: Uint8Array, type = "audio/wav") =>
      pipeline.app.request(`/api/v1/bulletins/${id}/voice/lo/recording`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": type },
        body,
      });
    expect((await upload(pipeline.tokens.editor, studioRecording())).status).toBe(403);
    const garbage = await upload(pipeline.tokens.admin, new TextEncoder().encode("not audio at all"));
    expect(garbage.status).toBe(422);
    expect(garbage.headers.get("content-type")).toContain("application/problem+json");
    expect((await upload(pipeline.tokens.admin, studioRecording(), "text/plain")).status).toBe(415);
    expect(byLanguage.lo.status).toBe("needs_recording");
    const recorded = await upload(pipeline.tokens.admin, studioRecording());
    expect(recorded.status, await recorded.clone().text()).toBe(200);
    const recording = (await recorded.json()) as any;
    expect(recording).toMatchObject({ language: "lo", status: "recorded" });
    expect(Math.abs(recording.durationSec - 3)).toBeLessThan(0.05);
    const lo = (await voiceOf(id, (list) => list.some((item) => item.language === "lo" && item.status === "recorded"))).find((item) => item.language === "lo");
    expect(wavSeconds((await media(lo.audio)).bytes)).toMatchObject({ sampleRate: 8_000, channels: 1 });
    const loClaim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("MekongMobile"), body: { max: 100 } });
    expect(
      loClaim.json.batch.messages.filter((message: any) => message.bulletinId === id && message.kind === "voice").map((message: any) => message.language),
    ).toEqual(["lo"]);
    const afterUpload = await scriptsAfter(pipeline, { token: station, cursor: first.json.cursor, done: (list: any[]) => list.length > 0 });
    expect(afterUpload.json.scripts.map((script: any) => [script.language, typeof script.audio])).toEqual([["lo", "string"]]);

    // withdrawal: every script comes round again, flagged; the delivery log has one airing
    expect(
      (await pipeline.request("POST", `/api/v1/bulletins/${id}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "test: taken off again" } })).status,
    ).toBe(200);
    const flagged = await scriptsAfter(pipeline, { token: station, cursor: afterUpload.json.cursor, done: (list: any[]) => list.length >= 3 });
    expect(flagged.json.scripts.map((script: any) => [script.language, script.withdrawn, script.state]).sort()).toEqual([
      ["en", true, "withdrawn"],
      ["lo", true, "withdrawn"],
      ["vi", true, "withdrawn"],
    ]);
    const log = (await pipeline.request("GET", `/api/v1/bulletins/${id}/deliveries`, { token: pipeline.tokens.editor })).json.items as any[];
    expect(log.filter((row) => row.event === "radio.aired")).toHaveLength(1);
    expect(log.filter((row) => row.event === "radio.fetched")).toHaveLength(3);
    expect(log.filter((row) => row.event === "voice.needs_recording").map((row) => row.language)).toEqual(["lo"]);
    if (espeakInstalled) {
      expect(log.filter((row) => row.channel === "voice" && row.event === "message.sent")).toHaveLength(2);
      // the Lao voice message was claimed, not acknowledged: withdrawn, it is cancelled
      expect(log.filter((row) => row.channel === "voice" && row.event === "message.cancelled").map((row) => row.language)).toEqual(["lo"]);
    }
  });

  it("names a station on air per language: editable by an admin, Lao and Khmer names marked for review", { timeout: 60_000 }, async () => {
    const admin = pipeline.tokens.admin;
    const listed = (await pipeline.request("GET", "/api/v1/stations", { token: admin })).json.items as any[];
    const demo = listed.find((item) => item.name === "Hương Sơn district radio");
    expect(demo).toMatchObject({ names: { vi: "Đài truyền thanh huyện Hương Sơn", en: "Huong Son district radio" }, namesReviewed: false });

    // created with names: a Khmer name waits for review; a name in a language it does not broadcast, or with markup, is refused
    const created = await pipeline.request("POST", "/api/v1/stations", {
      token: admin,
      body: { name: "Tân Biên radio", areaCode: "VN-TN", languages: ["vi", "km"], names: { vi: "Đài truyền thanh Tân Biên", km: "វិទ្យុតឹនបៀន" } },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.station).toMatchObject({ names: { vi: "Đài truyền thanh Tân Biên", km: "វិទ្យុតឹនបៀន" }, namesReviewed: false });
    const plain = await pipeline.request("POST", "/api/v1/stations", {
      token: admin,
      body: { name: "Plain radio", areaCode: "VN-TN", languages: ["vi"], names: { vi: "Đài Plain" } },
    });
    expect(plain.json.station.namesReviewed).toBe(true);
    for (const names of [{ lo: "ວິທະຍຸ" }, { vi: "<b>Đài</b>" }, { vi: "" }, { xx: "?" }]) {
      const refused = await pipeline.request("POST", "/api/v1/stations", {
        token: admin,
        body: { name: `Refused ${JSON.stringify(names)}`, areaCode: "VN-TN", languages: ["vi"], names },
      });
      expect(refused.status, JSON.stringify(names)).toBe(422);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await pipeline.request("GET", "/api/v1/stations", { token: admin })).json.items).toHaveLength(listed.length + 2);

    // edited: a changed Lao name is unreviewed until a native speaker says otherwise; null removes a name
    const patch = (body: unknown, token = admin, id = demo.id) => pipeline.request("PATCH", `/api/v1/stations/${id}`, { token, body });
    expect((await patch({ namesReviewed: true })).json.namesReviewed).toBe(true);
    const renamed = await patch({ names: { lo: "ວິທະຍຸເມືອງເຫືອງເຊີນ", en: null } });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json).toMatchObject({ names: { vi: "Đài truyền thanh huyện Hương Sơn", lo: "ວິທະຍຸເມືອງເຫືອງເຊີນ" }, namesReviewed: false });
    expect(renamed.json.names.en).toBeUndefined();
    for (const [body, status, token] of [
      [{ names: { km: "វិទ្យុ" } }, 422, admin],
      [{ names: { vi: "<speak>x</speak>" } }, 422, admin],
      [{}, 422, admin],
      [{ names: { vi: "Đài" } }, 403, pipeline.tokens.editor],
    ] as const) {
      const response = await patch(body, token);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await patch({ names: { vi: "Đài" } }, admin, crypto.randomUUID())).status).toBe(404);
    const after = (await pipeline.request("GET", "/api/v1/stations", { token: admin })).json.items.find((item: any) => item.id === demo.id);
    expect(after).toMatchObject({ names: renamed.json.names, namesReviewed: false });

    // the next script's intro says the new Lao name; English falls back to the station's registered name
    const id = await pipeline.approveNew({
      sourceLanguage: "vi",
      channels: ["radio"],
      urgency: "routine",
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      template: {
        name: "weather-warning",
        fields: {
          hazard: "flood",
          areas: ["VN-HT"],
          from: new Date().toISOString(),
          until: new Date(Date.now() + 86_400_000).toISOString(),
          advice: ["avoid_rivers"],
        },
      },
    });
    await pipeline.waitForStatus(id, "published");
    const scripts = (
      await scriptsAfter(pipeline, { token: station, done: (list: any[]) => list.filter((script: any) => script.bulletinId === id).length >= 3 })
    ).json.scripts.filter((script: any) => script.bulletinId === id);
    expect(scripts.find((script: any) => script.language === "lo").script).toContain("ນີ້ແມ່ນ ວິທະຍຸເມືອງເຫືອງເຊີນ.");
    expect(scripts.find((script: any) => script.language === "en").script).toContain("This is Hương Sơn district radio.");
  });

  it("refuses bad station input and another station's script", async () => {
    expect((await pipeline.request("GET", "/radio/v1/scripts")).status).toBe(401);
    expect((await pipeline.request("GET", "/radio/v1/scripts", { token: pipeline.partnerToken("VinaTel") })).status).toBe(401);
    const bad = await pipeline.request("GET", "/radio/v1/scripts?after=abc", { token: station });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const unknown = await pipeline.request("POST", `/radio/v1/scripts/${crypto.randomUUID()}/aired`, {
      token: station,
      body: { airedAt: new Date().toISOString() },
    });
    expect(unknown.status).toBe(404);
    const future = await pipeline.request("POST", `/radio/v1/scripts/${crypto.randomUUID()}/aired`, {
      token: station,
      body: { airedAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(future.status).toBe(422);
    expect((await pipeline.request("POST", `/radio/v1/scripts/${crypto.randomUUID()}/aired`, { token: station, body: { airedAt: "yesterday" } })).status).toBe(
      422,
    );
  });
});

describe.each(backends)("voice without a speech engine, and corrections, on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    // a fresh `npm install` on a machine without espeak-ng
    pipeline = await startPipeline(backend, { speech: createEspeakNg({ binary: "/nonexistent/espeak-ng" }) });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it("marks every language for recording, still publishes, and flags a superseded script with its correction", { timeout: 60_000 }, async () => {
    const station = pipeline.credentials.stations[0]!.token;
    const id = await pipeline.approveNew({
      sourceLanguage: "vi",
      targetLanguages: ["vi"],
      channels: ["sms", "voice", "radio"],
      areas: ["VN-HT-HUONGSON"],
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      text: {
        headline: "Mất điện xã Sơn Kim",
        summary: "Mất điện xã Sơn Kim 1 từ 8:00 đến 11:00 ngày mai.",
        body: "Điện lực Hương Sơn cắt điện để sửa đường dây từ 8:00 đến 11:00 ngày mai ở xã Sơn Kim 1 & 2 (điện áp < 220 V).",
      },
    });
    await pipeline.waitForStatus(id, "published");
    let voice: any;
    for (let tries = 0; tries < 200; tries++) {
      voice = (await pipeline.request("GET", `/api/v1/bulletins/${id}/voice`, { token: pipeline.tokens.editor })).json.items[0];
      if (voice?.status !== "synthesizing") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(voice).toMatchObject({ language: "vi", status: "needs_recording", note: expect.stringContaining("speech engine not installed") });
    expect(voice.ssml).toContain("Sơn Kim 1 &amp; 2 (điện áp &lt; 220 V)");
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("MekongMobile"), body: { max: 100 } });
    expect(claim.json.batch.messages.filter((message: any) => message.bulletinId === id).map((message: any) => message.kind)).toEqual(["sms"]);

    const first = await scriptsAfter(pipeline, { token: station, done: (list: any[]) => list.some((script: any) => script.bulletinId === id) });
    const old = first.json.scripts.find((script: any) => script.bulletinId === id);
    expect(old).toMatchObject({ language: "vi", state: "in_force" });
    expect(old.audio).toBeUndefined();

    const correction = (await pipeline.request("POST", `/api/v1/bulletins/${id}/correct`, { token: pipeline.tokens.editor })).json.id as string;
    await pipeline.request("POST", `/api/v1/bulletins/${correction}/submit`, { token: pipeline.tokens.editor });
    await pipeline.request("POST", `/api/v1/bulletins/${correction}/approve`, { token: pipeline.tokens.approver });
    await pipeline.waitForStatus(correction, "published");
    const next = await scriptsAfter(pipeline, {
      token: station,
      cursor: first.json.cursor,
      done: (list: any[]) => list.some((script: any) => script.bulletinId === correction) && list.some((script: any) => script.bulletinId === id),
    });
    const changes = next.json.scripts.map((script: any) => ({ bulletinId: script.bulletinId, state: script.state, supersededBy: script.supersededBy }));
    expect(changes).toContainEqual({ bulletinId: id, state: "superseded", supersededBy: correction });
    expect(changes).toContainEqual({ bulletinId: correction, state: "in_force", supersededBy: undefined });
  });
});
