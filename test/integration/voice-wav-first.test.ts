// Speech goes out as WAV before its MP3 exists, on every back end: the workers' MP3 encoder is held back here, so
// the state while the encode-voice-mp3 jobs run is seen for certain (no timing): the voice partner already claims
// vi and en voice messages with their WAV, the station's scripts carry audioWav, and none of them an MP3 yet.
// Released, the MP3 arrives everywhere: the rendition, the claimed messages, the scripts (which come round again),
// the CAP document. And the languages are spoken side by side, at most two at once.
import { eq } from "drizzle-orm";
import wavefile from "wavefile";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEspeakNg, encodeMp3, type SpeechEngine } from "../../src/channels/voice/index.ts";
import { speechConcurrency } from "../../src/bulletins/synthesize-bulletin-voice.ts";
import { jobs } from "../../src/db/schema/index.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

const espeakInstalled = await createEspeakNg().installed();

const urgentFlood = {
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
      advice: ["avoid_rivers"],
    },
  },
};

const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe.each(backends)("voice WAV before MP3 on $name", (backend) => {
  let pipeline: TestPipeline;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let encoding = 0;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, {
      encodeMp3: async (pcm) => {
        encoding += 1;
        await held;
        return encodeMp3(pcm);
      },
    });
  });
  afterAll(async () => {
    release();
    await pipeline?.close();
  });

  const voiceItems = async (id: string) =>
    (await pipeline.request("GET", `/api/v1/bulletins/${id}/voice`, { token: pipeline.tokens.editor })).json.items as any[];
  const stationToken = () => pipeline.credentials.stations[0]!.token;

  it.skipIf(!espeakInstalled)("hands partners and stations the WAV while the MP3 jobs are still running, then the MP3", { timeout: 120_000 }, async () => {
    const id = await pipeline.approveNew(urgentFlood);
    await pipeline.waitForStatus(id, "published");
    const ready = await until("vi and en spoken", async () => {
      const items = await voiceItems(id);
      return items.filter((item) => item.status === "ready").length === 2 ? items : undefined;
    });
    // both MP3 jobs have begun and are held inside the encoder: not done, and no MP3 anywhere
    await until("both MP3 encodings to start", async () => (encoding === 2 ? true : undefined));
    const mp3Jobs = await pipeline.db.select().from(jobs).where(eq(jobs.name, "encode-voice-mp3"));
    expect(mp3Jobs.filter((job) => (job.payload as { bulletinId: string }).bulletinId === id).map((job) => job.status)).toEqual(["pending", "pending"]);
    for (const item of ready.filter((entry) => entry.language !== "lo")) {
      expect(item.audio, item.language).toMatch(/\.wav$/);
      expect(item.audioMp3, item.language).toBeUndefined();
      const wav = await pipeline.app.request(new URL(item.audio).pathname);
      expect(wav.status).toBe(200);
      const file = new wavefile.WaveFile(new Uint8Array(await wav.arrayBuffer()));
      expect((file.fmt as { sampleRate: number }).sampleRate).toBe(8_000);
    }

    // the voice partner claims the WAV now
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("MekongMobile"), body: { max: 100 } });
    const voices = claim.json.batch.messages.filter((message: any) => message.bulletinId === id && message.kind === "voice");
    expect(voices.map((message: any) => message.language).sort()).toEqual(["en", "vi"]);
    for (const message of voices) {
      expect(message.audio).toMatch(/\.wav$/);
      expect(message.audioMp3).toBeUndefined();
      expect(message.durationSec).toBeGreaterThan(5);
    }
    // the station has the scripts with the WAV (audio, the MP3, not yet)
    const scripts = await until("the station's vi and en scripts with a WAV", async () => {
      const response = await pipeline.request("GET", "/radio/v1/scripts", { token: stationToken() });
      const ours = (response.json.scripts as any[]).filter((script) => script.bulletinId === id && script.audioWav);
      return ours.length === 2 ? response.json : undefined;
    });
    for (const script of scripts.scripts.filter((entry: any) => entry.bulletinId === id && entry.language !== "lo")) {
      expect(script.audioWav).toMatch(/\.wav$/);
      expect(script.audio).toBeUndefined();
    }
    const capBefore = await (await pipeline.app.request(`/public/v1/alerts/${id}.xml`)).text();
    expect(capBefore).toContain("<mimeType>audio/wav</mimeType>");
    expect(capBefore).not.toContain("<mimeType>audio/mpeg</mimeType>");

    // released: the MP3 reaches the rendition, the claimed batch, the scripts (again, after the cursor) and CAP
    release();
    const done = await until("the MP3s", async () => {
      const items = await voiceItems(id);
      return items.filter((item) => item.audioMp3).length === 2 ? items : undefined;
    });
    for (const item of done.filter((entry) => entry.language !== "lo")) {
      expect(item.audio).toBe(ready.find((entry) => entry.language === item.language).audio);
      const mp3 = await pipeline.app.request(new URL(item.audioMp3).pathname);
      expect(mp3.headers.get("content-type")).toBe("audio/mpeg");
      expect((await mp3.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
    }
    const batch = await pipeline.request("GET", `/partner/v1/batches/${claim.json.batch.id}`, { token: pipeline.partnerToken("MekongMobile") });
    for (const message of batch.json.batch.messages.filter((entry: any) => entry.bulletinId === id && entry.kind === "voice")) {
      expect(message.audio).toMatch(/\.wav$/);
      expect(message.audioMp3).toMatch(/\.mp3$/);
    }
    const again = await until("the scripts to come round with the MP3", async () => {
      const response = await pipeline.request("GET", `/radio/v1/scripts?after=${scripts.cursor}`, { token: stationToken() });
      const ours = (response.json.scripts as any[]).filter((script) => script.bulletinId === id && script.audio);
      return ours.length === 2 ? ours : undefined;
    });
    for (const script of again) expect([script.audio, script.audioWav]).toEqual([expect.stringMatching(/\.mp3$/), expect.stringMatching(/\.wav$/)]);
    expect(await (await pipeline.app.request(`/public/v1/alerts/${id}.xml`)).text()).toContain("<mimeType>audio/mpeg</mimeType>");
    const finished = await pipeline.db.select().from(jobs).where(eq(jobs.name, "encode-voice-mp3"));
    expect(finished.filter((job) => (job.payload as { bulletinId: string }).bulletinId === id).map((job) => job.status)).toEqual(["done", "done"]);
  });
});

/** A speech engine that speaks a tone after every other language it was asked for has started too (up to the limit):
 *  spoken one at a time, it would wait for ever. It counts how many speak at once. */
const sideBySide = (expected: number) => {
  let active = 0;
  let most = 0;
  let started = 0;
  let allStarted!: () => void;
  const together = new Promise<void>((resolve) => (allStarted = resolve));
  const engine: SpeechEngine = {
    name: "test-tone",
    synthesize: async ({ language }) => {
      if (language === "lo") return { ok: false, reason: "no_voice", detail: "test-tone: no lo voice" };
      active += 1;
      most = Math.max(most, active);
      if (++started === expected) allStarted();
      await together;
      active -= 1;
      const wav = new wavefile.WaveFile();
      wav.fromScratch(
        1,
        22_050,
        "16",
        new Int16Array(22_050 * 2).map((_, i) => Math.round(6_000 * Math.sin((2 * Math.PI * 440 * i) / 22_050))),
      );
      return { ok: true, wav: wav.toBuffer(), engine: "test-tone" };
    },
  };
  return { engine, most: () => most };
};

describe.each(backends)("voice languages side by side on $name", (backend) => {
  let pipeline: TestPipeline;
  const speech = sideBySide(2);
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { speech: speech.engine });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it("speaks vi and en at the same time, never more than speechConcurrency at once", { timeout: 60_000 }, async () => {
    const id = await pipeline.approveNew(urgentFlood);
    await pipeline.waitForStatus(id, "published");
    const items = await until("vi and en spoken", async () => {
      const list = (await pipeline.request("GET", `/api/v1/bulletins/${id}/voice`, { token: pipeline.tokens.editor })).json.items as any[];
      return list.filter((item) => item.status === "ready").length === 2 ? list : undefined;
    });
    expect(items.map((item) => [item.language, item.status]).sort()).toEqual([
      ["en", "ready"],
      ["lo", "needs_recording"],
      ["vi", "ready"],
    ]);
    expect(speech.most()).toBe(2);
    expect(speech.most()).toBeLessThanOrEqual(speechConcurrency);
    for (const item of items.filter((entry) => entry.status === "ready")) expect(item.durationSec).toBeCloseTo(2, 1);
  });
});
