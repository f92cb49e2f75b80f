// The voice formatter: SSML 1.1 that is well-formed and language-tagged whatever the text holds, paced, with the
// key sentence repeated; an estimate that follows the rates table; espeak-ng speaking close to that estimate; the
// cloud adapter against a local stand-in; engines that are missing or fail never throw.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import wavefile from "wavefile";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSsml,
  createCloudSpeech,
  createEspeakNg,
  decodeUploadedAudio,
  encodeTelephoneAudio,
  estimateVoiceSeconds,
  speakWith,
  voiceParts,
  voiceScriptText,
  type VoiceInput,
} from "../../../../src/channels/voice/index.ts";
import { readingSeconds, speechRates, spokenUnits } from "../../../../src/channels/speech-rates.ts";

const input = (overrides: Partial<VoiceInput> = {}): VoiceInput => ({
  language: "vi",
  headline: "Cảnh báo lũ ở Hà Tĩnh",
  summary: "Lũ trên sông Ngàn Phố đêm nay. Không qua ngầm tràn.",
  body: "Từ đêm nay, mực nước sông Ngàn Phố lên nhanh. Người dân vùng trũng cần di chuyển tài sản lên cao. Không qua ngầm tràn khi nước chảy xiết.",
  urgency: "urgent",
  mode: "actual",
  strings: {
    leadIn: "Thông báo khẩn của Sở Thông tin và Truyền thông Hà Tĩnh.",
    modeNotice: "Đây là tin diễn tập, không phải cảnh báo thật.",
    repeat: "Xin nhắc lại:",
    closing: "Hết thông báo.",
  },
  ...overrides,
});

const wellFormed = (xml: string) => {
  if (!existsSync("/usr/bin/xmllint")) return true;
  execFileSync("/usr/bin/xmllint", ["--noout", "-"], { input: xml, stdio: ["pipe", "pipe", "pipe"] });
  return true;
};

describe("voice script and SSML", () => {
  it("leads in, reads the headline and each sentence with pauses, repeats the key sentence and closes", () => {
    const parts = voiceParts(input());
    expect(parts.map((part) => part.kind)).toEqual(["lead-in", "headline", "body", "body", "body", "repeat", "closing"]);
    expect(parts.find((part) => part.kind === "repeat")!.text).toBe("Xin nhắc lại: Lũ trên sông Ngàn Phố đêm nay. Không qua ngầm tràn.");
    expect(parts.slice(0, -1).every((part) => part.pauseAfterMs > 0)).toBe(true);
    const ssml = buildSsml("vi", parts);
    expect(wellFormed(ssml)).toBe(true);
    expect(ssml).toContain('<speak xmlns="http://www.w3.org/2001/10/synthesis" version="1.1" xml:lang="vi-VN">');
    expect(ssml.match(/<s>/g)).toHaveLength(7);
    expect(ssml).toMatch(/<break time="\d+ms"\/>/);
  });

  it("says a test or an exercise is not real, and only then", () => {
    expect(voiceParts(input({ mode: "exercise" })).map((part) => part.kind)).toContain("notice");
    expect(voiceParts(input({ mode: "actual" })).map((part) => part.kind)).not.toContain("notice");
  });

  it("keeps markup typed in a bulletin as text", () => {
    const parts = voiceParts(input({ headline: 'Lũ <break time="60s"/> & <speak> "x" ]]>', body: "<prosody rate='x-fast'>Nhanh</prosody> &amp; chậm." }));
    const ssml = buildSsml("vi", parts);
    expect(wellFormed(ssml)).toBe(true);
    expect(ssml).toContain('Lũ &lt;break time="60s"/&gt; &amp; &lt;speak&gt;');
    expect(ssml).not.toContain('<break time="60s"/>');
    expect(ssml).not.toContain("<prosody");
    expect(voiceScriptText(parts)).toContain('Lũ <break time="60s"/> &');
  });

  it("gives the engine and the voice artist dates, times and amounts in words, and keeps markup around them text", () => {
    const parts = voiceParts(input({ body: "Lũ từ 18:30 02/12/2026 <b>QL8A</b> & 07:00-17:00." }));
    const body = parts.find((part) => part.kind === "body")!.text;
    expect(body).toBe("Lũ từ 18 giờ 30 phút ngày 2 tháng 12 năm 2026 <b>quốc lộ 8 A</b> & từ 7 giờ đến 17 giờ.");
    const ssml = buildSsml("vi", parts);
    expect(wellFormed(ssml)).toBe(true);
    expect(ssml).toContain("ngày 2 tháng 12 năm 2026 &lt;b&gt;quốc lộ 8 A&lt;/b&gt; &amp; từ 7 giờ");
    expect(ssml).not.toContain("02/12/2026");
    expect(voiceScriptText(parts)).toContain("ngày 2 tháng 12 năm 2026");
    // the Lao script a presenter records says them too
    expect(voiceParts(input({ language: "lo", body: "ແຕ່ 06:00-22:00." })).find((part) => part.kind === "body")!.text).toBe("ແຕ່ 6 ໂມງ ຫາ 22 ໂມງ.");
  });

  it("names a cloud voice and SSML 1.0 for services that want them", () => {
    const ssml = buildSsml("lo", voiceParts(input({ language: "lo" })), { voice: "lo-LA-KeomanyNeural", version: "1.0" });
    expect(ssml).toContain('version="1.0" xml:lang="lo-LA"');
    expect(ssml).toContain('<voice name="lo-LA-KeomanyNeural">');
  });

  it("estimates from the rates table: twice the text takes about twice as long", () => {
    const once = readingSeconds("vi", "Người dân cần chủ động phòng tránh lũ quét.");
    const twice = readingSeconds("vi", "Người dân cần chủ động phòng tránh lũ quét. Người dân cần chủ động phòng tránh lũ quét.");
    expect(twice / once).toBeCloseTo(2, 1);
    // counted as said: "mm" is "mi-li-mét", three syllables
    expect(spokenUnits("vi", "mưa từ 150 đến 250 mm")).toBe(12);
    expect(spokenUnits("en", "from 150 to 250 mm")).toBe(9);
    // Lao and Khmer have no spaces between words: ICU word segments are counted
    expect(spokenUnits("lo", "ແຈ້ງເຕືອນຝົນຕົກໜັກ")).toBeGreaterThan(1);
    expect(spokenUnits("km", "សេចក្ដីជូនដំណឹងបន្ទាន់")).toBeGreaterThan(1);
    expect(speechRates.lo.estimate && speechRates.km.estimate).toBe(true);
    expect(estimateVoiceSeconds("vi", voiceParts(input()))).toBeGreaterThan(readingSeconds("vi", input().body));
  });
});

describe("telephone audio", () => {
  const tone = (rate: number, seconds: number, channels: number, bits: "16" | "32f" | "8") => {
    const wav = new wavefile.WaveFile();
    const samples = new Float64Array(rate * seconds).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 300 * i) / rate));
    const scaled =
      bits === "32f" ? samples : bits === "8" ? samples.map((value) => Math.round(128 + value * 127)) : samples.map((value) => Math.round(value * 32767));
    wav.fromScratch(channels, rate, bits, channels === 1 ? scaled : Array.from({ length: channels }, () => scaled));
    return wav.toBuffer();
  };

  it("turns any PCM or float WAV into 8 kHz mono WAV and a small MP3 of the same length", async () => {
    for (const [rate, channels, bits] of [
      [22_050, 1, "16"],
      [44_100, 2, "16"],
      [48_000, 1, "32f"],
      [16_000, 1, "8"],
    ] as const) {
      const audio = await encodeTelephoneAudio(tone(rate, 2, channels, bits));
      const out = new wavefile.WaveFile(audio.wav);
      expect(out.fmt, `${rate} Hz ${channels} ch ${bits}`).toMatchObject({ sampleRate: 8_000, numChannels: 1, bitsPerSample: 16 });
      expect(audio.durationSec).toBeCloseTo(2, 1);
      // the tone keeps its loudness: 0.3 of full scale peaks near 9800
      const peak = Math.max(...(out.getSamples(false, Int16Array) as unknown as Int16Array));
      expect(peak, `${rate} Hz ${bits}`).toBeGreaterThan(8_000);
      expect(peak).toBeLessThan(11_000);
      expect(audio.mp3.byteLength).toBeLessThan(audio.wav.byteLength / 4);
    }
  });

  it("does not clip speech that is already at full scale", async () => {
    const wav = new wavefile.WaveFile();
    // a full-scale square wave: resampling it overshoots well past full scale
    wav.fromScratch(
      1,
      22_050,
      "16",
      new Int16Array(22_050).map((_, i) => (Math.floor(i / 40) % 2 ? 32767 : -32768)),
    );
    const out = new wavefile.WaveFile((await encodeTelephoneAudio(wav.toBuffer())).wav);
    const samples = out.getSamples(false, Int16Array) as unknown as Int16Array;
    expect(samples.filter((sample) => sample >= 32767 || sample <= -32768).length).toBe(0);
    expect(Math.max(...samples)).toBeGreaterThan(30_000);
  });

  it("reads an uploaded MP3, and refuses what is not audio", async () => {
    const first = await encodeTelephoneAudio(tone(22_050, 3, 1, "16"));
    const again = await decodeUploadedAudio(first.mp3, "audio/mpeg");
    expect(again.durationSec).toBeGreaterThan(2.9);
    await expect(decodeUploadedAudio(new TextEncoder().encode("RIFF nonsense"), "audio/wav")).rejects.toThrow(/WAV/);
    await expect(decodeUploadedAudio(new Uint8Array(), "audio/wav")).rejects.toThrow(/empty/);
    await expect(decodeUploadedAudio(first.mp3, "video/mp4")).rejects.toThrow(/unsupported audio type/);
  });
});

describe("speech engines", () => {
  const parts = voiceParts(input());

  it("says espeak-ng is not installed rather than failing, and falls through engines in order", async () => {
    const missing = createEspeakNg({ binary: "/nonexistent/espeak-ng" });
    expect(await missing.installed()).toBe(false);
    expect(await missing.synthesize({ language: "vi", parts })).toMatchObject({
      ok: false,
      reason: "engine_not_installed",
      detail: expect.stringContaining("speech engine not installed"),
    });
    const none = await speakWith([missing]).synthesize({ language: "km", parts });
    expect(none).toMatchObject({ ok: false, reason: "engine_not_installed" });
  });

  const espeak = createEspeakNg();
  it.runIf(existsSync("/usr/bin/espeak-ng"))("espeak-ng speaks vi and en close to the estimate, and has no lo or km voice", async () => {
    for (const language of ["vi", "en"] as const) {
      const sample =
        language === "vi"
          ? parts
          : voiceParts(
              input({
                language: "en",
                headline: "Flood warning for Ha Tinh",
                summary: "The Ngan Pho river rises tonight. Do not cross flooded fords.",
                body: "From tonight the Ngan Pho river will rise quickly. People in low areas should move belongings to higher ground. Do not cross flooded fords when the water runs fast.",
                strings: {
                  leadIn: "Urgent announcement from the Ha Tinh Department of Information and Communications.",
                  repeat: "I repeat:",
                  closing: "End of announcement.",
                },
              }),
            );
      const spoken = await espeak.synthesize({ language, parts: sample });
      expect(spoken.ok, language).toBe(true);
      if (!spoken.ok) continue;
      const audio = await encodeTelephoneAudio(spoken.wav);
      const estimate = estimateVoiceSeconds(language, sample);
      expect(Math.abs(audio.durationSec - estimate) / estimate, `${language}: ${audio.durationSec}s spoken, ${estimate}s estimated`).toBeLessThan(0.25);
    }
    expect(await espeak.synthesize({ language: "lo", parts })).toMatchObject({ ok: false, reason: "no_voice" });
    expect(await espeak.synthesize({ language: "km", parts })).toMatchObject({ ok: false, reason: "no_voice" });
  });

  describe("cloud speech adapter (against a local stand-in shaped like Azure's REST API)", () => {
    let server: Server;
    let url: string;
    const seen: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    let status = 200;
    beforeAll(async () => {
      server = createServer((request, response) => {
        let body = "";
        request.on("data", (chunk) => (body += chunk));
        request.on("end", () => {
          seen.push({ headers: request.headers, body });
          if (request.headers["ocp-apim-subscription-key"] !== "secret-key") return void response.writeHead(401).end();
          if (status !== 200) return void response.writeHead(status).end();
          // a second of silence per 15 characters of text, as 8 kHz 16-bit mono PCM WAV
          const text = body.replace(/<[^>]+>/g, "");
          const wav = new wavefile.WaveFile();
          wav.fromScratch(1, 8_000, "16", new Int16Array(Math.round((text.length / 15) * 8_000)));
          response.writeHead(200, { "content-type": "audio/wav" }).end(Buffer.from(wav.toBuffer()));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cognitiveservices/v1`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("posts SSML with the language's voice and gets WAV back, for Lao and Khmer too", async () => {
      const cloud = createCloudSpeech({ url, apiKey: "secret-key", voices: { lo: "lo-LA-KeomanyNeural", km: "km-KH-SreymomNeural" }, timeoutMs: 2_000 });
      const lao = voiceParts(input({ language: "lo", headline: "ແຈ້ງເຕືອນນ້ຳຖ້ວມ <ດ່ວນ>", body: "ຂໍໃຫ້ປະຊາຊົນລະວັງ.", summary: "ລະວັງນ້ຳຖ້ວມ." }));
      const spoken = await cloud.synthesize({ language: "lo", parts: lao });
      expect(spoken.ok).toBe(true);
      const request = seen.at(-1)!;
      expect(request.headers["content-type"]).toBe("application/ssml+xml");
      expect(request.headers["x-microsoft-outputformat"]).toBe("riff-8khz-16bit-mono-pcm");
      expect(request.body).toContain('<voice name="lo-LA-KeomanyNeural">');
      expect(request.body).toContain("&lt;ດ່ວນ&gt;");
      expect(wellFormed(request.body)).toBe(true);
      if (spoken.ok) expect((await encodeTelephoneAudio(spoken.wav)).durationSec).toBeGreaterThan(1);
      expect(await cloud.synthesize({ language: "vi", parts })).toMatchObject({ ok: false, reason: "no_voice" });
    });

    it("reports a refused key, a failing service and a timeout without throwing, and never shows the key", async () => {
      const wrongKey = await createCloudSpeech({ url, apiKey: "wrong", voices: { km: "km-KH-SreymomNeural" }, timeoutMs: 2_000 }).synthesize({
        language: "km",
        parts,
      });
      expect(wrongKey).toMatchObject({ ok: false, reason: "engine_failed", detail: expect.stringContaining("key was refused") });
      expect(JSON.stringify(wrongKey)).not.toContain("wrong");
      status = 503;
      const failing = await createCloudSpeech({ url, apiKey: "secret-key", voices: { km: "km-KH-SreymomNeural" }, timeoutMs: 2_000 }).synthesize({
        language: "km",
        parts,
      });
      expect(failing).toMatchObject({ ok: false, reason: "engine_failed", detail: expect.stringContaining("503") });
      status = 200;
      const silent = createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const timedOut = await createCloudSpeech({
        url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
        apiKey: "secret-key",
        voices: { km: "x" },
        timeoutMs: 200,
      }).synthesize({ language: "km", parts });
      silent.closeAllConnections();
      silent.close();
      expect(timedOut).toMatchObject({ ok: false, reason: "engine_failed", detail: expect.stringContaining("no answer within 200 ms") });
      // the cloud first, espeak-ng after it: a failing cloud does not stop a language espeak-ng speaks
      status = 503;
      const both = await speakWith([
        createCloudSpeech({ url, apiKey: "secret-key", voices: { vi: "vi-VN-HoaiMyNeural" }, timeoutMs: 2_000 }),
        espeak,
      ]).synthesize({ language: "vi", parts });
      status = 200;
      if (existsSync("/usr/bin/espeak-ng")) expect(both).toMatchObject({ ok: true, engine: "espeak-ng" });
    });
  });
});
