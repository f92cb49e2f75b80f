// Localization end to end on every back end: templates render every language with no translator; free text
// waits for its translator; the memory drafts repeated sentences; a machine-translation server drafts the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLibreTranslate } from "../../src/localize/machine-translation.ts";
import { backends, serverBackend, serverBackendsAvailable } from "../helpers/backends.ts";
import { buildBulletin } from "../helpers/builders.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../helpers/fake-libretranslate.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import { spawnWorker, type WorkerProcess } from "../helpers/worker-process.ts";

const inHours = (count: number) => new Date(Date.now() + count * 3_600_000).toISOString();

const claimFor = async (pipeline: TestPipeline, partner: string, bulletinId: string) => {
  const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken(partner), body: { max: 500 } });
  expect([200, 201]).toContain(claim.status);
  return (claim.json.batch?.messages ?? []).filter((message: any) => message.bulletinId === bulletinId);
};

const waitFor = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000) => {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe.each(backends)("localization on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend);
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const get = (id: string) => pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor }).then((response) => response.json);
  const submitAndApprove = async (id: string) => {
    const submitted = await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor });
    expect(submitted.status, submitted.text).toBe(200);
    const approved = await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver });
    expect(approved.status, approved.text).toBe(200);
  };

  const closure = (gate: string, alternativeGate?: string) => ({
    sourceLanguage: "vi",
    channels: ["sms"],
    urgency: "urgent",
    validUntil: inHours(72),
    template: {
      name: "gate-closure",
      fields: {
        gate,
        from: "2026-12-01T18:00:00+07:00",
        reopening: "2026-12-03T06:00:00+07:00",
        reason: "flooding",
        ...(alternativeGate ? { alternativeGate } : {}),
      },
    },
  });

  it("sends a Cầu Treo gate closure made from the template in vi, lo and en with no translator involved", async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: closure("VN-HT-CAUTREO") });
    expect(created.status, created.text).toBe(201);
    const bulletin = created.json;
    expect(bulletin.category).toBe("gate_closure");
    expect(bulletin.areas).toEqual(["VN-HT-CAUTREO"]);
    expect([...bulletin.targetLanguages].sort()).toEqual(["en", "lo", "vi"]);
    expect(bulletin.languages.map((entry: any) => [entry.language, entry.state, entry.origin]).sort()).toEqual([
      ["en", "approved", "template"],
      ["lo", "approved", "template"],
      ["vi", "approved", "template"],
    ]);
    const text = (language: string) => bulletin.texts.find((entry: any) => entry.language === language);
    expect(text("vi").headline).toBe("Cửa khẩu Quốc tế Cầu Treo tạm đóng cửa");
    expect(text("vi").summary).toContain("18:00 01/12/2026");
    expect(text("en").summary).toContain("01/12/2026, 18:00");
    expect(text("lo").summary).toContain("ດ່ານສາກົນ");
    expect(text("lo").summary).toMatch(/18:00/);
    // the translator never touched it
    const audit = await pipeline.request("GET", `/api/v1/bulletins/${bulletin.id}/audit`, { token: pipeline.tokens.editor });
    const translator = pipeline.credentials.users.find((user) => user.username === "translator");
    expect(translator).toBeDefined();
    expect(audit.json.items.some((row: any) => String(row.action).startsWith("text:") && row.action.endsWith(":approve"))).toBe(false);

    await submitAndApprove(bulletin.id);
    await pipeline.waitForStatus(bulletin.id, "published");
    const messages = await claimFor(pipeline, "MekongMobile", bulletin.id);
    expect(messages.map((message: any) => message.language).sort()).toEqual(["en", "lo", "vi"]);
    expect(messages.find((message: any) => message.language === "vi").text).toContain("Cửa khẩu Quốc tế Cầu Treo tạm đóng cửa từ 18:00 01/12/2026");
    const vinatel = await claimFor(pipeline, "VinaTel", bulletin.id);
    expect(vinatel.find((message: any) => message.language === "vi")).toMatchObject({ encoding: "gsm7" });
    expect(vinatel.find((message: any) => message.language === "vi").text).toContain("Cua khau Quoc te Cau Treo tam dong cua");
  });

  it("gives vi, km and en for the same template at Mộc Bài, with Xa Mát as the alternative", async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: closure("VN-TN-MOCBAI", "VN-TN-XAMAT") });
    expect(created.status, created.text).toBe(201);
    expect([...created.json.targetLanguages].sort()).toEqual(["en", "km", "vi"]);
    const km = created.json.texts.find((entry: any) => entry.language === "km");
    expect(km.state).toBe("approved");
    expect(km.body).toContain("សាម៉ាត");
    expect(km.summary).toMatch(/[\u1780-\u17FF]/);
    await submitAndApprove(created.json.id);
    await pipeline.waitForStatus(created.json.id, "published");
    const messages = await claimFor(pipeline, "MekongMobile", created.json.id);
    expect(messages.map((message: any) => message.language).sort()).toEqual(["en", "km", "vi"]);
    expect(messages.find((message: any) => message.language === "km").encoding).toBe("ucs2");
  });

  const xaMatText = {
    headline: "Thông báo về thủ tục tại cửa khẩu Xa Mát",
    summary: "Từ tuần sau, người qua cửa khẩu Xa Mát cần mang hộ chiếu còn hạn. Xin cảm ơn.",
    body: "Từ tuần sau, người qua cửa khẩu Xa Mát cần mang hộ chiếu còn hạn. Giấy thông hành vẫn được chấp nhận cho cư dân biên giới. Xin cảm ơn.",
  };
  const xaMatKm = {
    headline: "សេចក្ដីជូនដំណឹងអំពីនីតិវិធីនៅច្រកទ្វារសាម៉ាត",
    summary: "ចាប់ពីសប្ដាហ៍ក្រោយ អ្នកឆ្លងកាត់ច្រកទ្វារសាម៉ាតត្រូវយកលិខិតឆ្លងដែនដែលនៅមានសុពលភាព។ សូមអរគុណ។",
    body: "ចាប់ពីសប្ដាហ៍ក្រោយ អ្នកឆ្លងកាត់ច្រកទ្វារសាម៉ាតត្រូវយកលិខិតឆ្លងដែនដែលនៅមានសុពលភាព។ លិខិតអនុញ្ញាតឆ្លងដែននៅតែទទួលយកសម្រាប់ប្រជាជនតំបន់ព្រំដែន។ សូមអរគុណ។",
  };

  it("holds a free-text Xa Mát bulletin until its Khmer text is approved, then sends it; memory drafts the next one", async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ category: "notice", areas: ["VN-TN-XAMAT"], targetLanguages: undefined, text: xaMatText }),
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id;
    expect([...created.json.targetLanguages].sort()).toEqual(["en", "km", "vi"]);
    // the memory knows nothing yet: km and en wait for a translator, and say so
    const waiting = await waitFor(
      () => get(id),
      (bulletin) => bulletin.waitingNotes?.km !== undefined,
    );
    // vi, the source, counts as approved once the editor submits it
    expect(waiting.waitingLanguages.sort()).toEqual(["en", "km", "vi"]);
    expect(waiting.languages.find((entry: any) => entry.language === "vi")).toMatchObject({ state: "draft", waitingReason: "source_not_submitted" });
    expect(waiting.languages.find((entry: any) => entry.language === "km")).toMatchObject({ state: "missing", waitingReason: "needs_translator" });
    expect(waiting.waitingNotes.km.detail).toMatch(/no machine translation is configured/);
    // the editor drops English explicitly; the log says so
    const dropped = await pipeline.request("POST", `/api/v1/bulletins/${id}/languages/en/drop`, {
      token: pipeline.tokens.editor,
      body: { reason: "no English readers at this gate" },
    });
    expect(dropped.status, dropped.text).toBe(200);
    expect(dropped.json.languages.find((entry: any) => entry.language === "en")).toMatchObject({ state: "dropped", reason: "language_dropped" });
    const submitted = await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor });
    expect(submitted.status).toBe(200);
    const refused = await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver });
    expect(refused.status).toBe(409);
    expect(refused.json.type).toMatch(/languages-not-approved$/);
    expect(refused.json.waitingLanguages).toEqual(["km"]);
    // an editor cannot approve a translation; the translator can
    expect((await pipeline.request("PUT", `/api/v1/bulletins/${id}/texts/km`, { token: pipeline.tokens.translator, body: xaMatKm })).status).toBe(200);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/texts/km/approve`, { token: pipeline.tokens.editor })).status).toBe(403);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/texts/km/approve`, { token: pipeline.tokens.translator })).status).toBe(200);
    const approved = await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver });
    expect(approved.status, approved.text).toBe(200);
    await pipeline.waitForStatus(id, "published");
    const messages = await claimFor(pipeline, "MekongMobile", id);
    expect(messages.map((message: any) => message.language).sort()).toEqual(["km", "vi"]);
    expect(messages.find((message: any) => message.language === "km").text).toBe(xaMatKm.summary);
    const log = await pipeline.request("GET", `/api/v1/bulletins/${id}/deliveries`, { token: pipeline.tokens.editor });
    expect(log.json.items.find((row: any) => row.reason === "language_dropped")).toMatchObject({ language: "en", event: "message.skipped" });

    // a second bulletin reuses one sentence: its Khmer draft comes from the memory, waiting for a translator
    const second = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({
        category: "notice",
        areas: ["VN-TN-XAMAT"],
        targetLanguages: ["vi", "km"],
        text: {
          headline: "Nhắc lại thủ tục",
          summary: "Từ tuần sau, người qua cửa khẩu Xa Mát cần mang hộ chiếu còn hạn.",
          body: "Từ tuần sau, người qua cửa khẩu Xa Mát cần mang hộ chiếu còn hạn. Cửa khẩu mở cửa từ 07:00.",
        },
      }),
    });
    expect(second.status, second.text).toBe(201);
    const drafted = await waitFor(
      () => get(second.json.id),
      (bulletin) => bulletin.texts.some((text: any) => text.language === "km"),
    );
    const km = drafted.texts.find((text: any) => text.language === "km");
    expect(km).toMatchObject({ state: "draft", origin: "memory", updatedBy: null });
    expect(km.summary).toBe("ចាប់ពីសប្ដាហ៍ក្រោយ អ្នកឆ្លងកាត់ច្រកទ្វារសាម៉ាតត្រូវយកលិខិតឆ្លងដែនដែលនៅមានសុពលភាព។");
    expect(km.originDetail.segments).toEqual({ memory: 2, machine: 0, untranslated: 2 });
    expect(drafted.waitingLanguages.sort()).toEqual(["km", "vi"]);
    expect(drafted.languages.find((entry: any) => entry.language === "km")).toMatchObject({ state: "draft", waitingReason: "needs_translator" });

    // a near-identical sentence is proposed with its score
    const third = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({
        category: "notice",
        areas: ["VN-TN-XAMAT"],
        targetLanguages: ["vi", "km"],
        text: { headline: "Thủ tục", summary: "Từ tháng sau, người qua cửa khẩu Xa Mát cần mang hộ chiếu còn hạn.", body: "Xin cảm ơn." },
      }),
    });
    const suggestions = await pipeline.request("GET", `/api/v1/bulletins/${third.json.id}/texts/km/suggestions`, { token: pipeline.tokens.translator });
    expect(suggestions.status).toBe(200);
    const summary = suggestions.json.segments.find((segment: any) => segment.field === "summary");
    expect(summary.exact).toBeUndefined();
    expect(summary.fuzzy[0].score).toBeGreaterThanOrEqual(0.85);
    expect(summary.fuzzy[0].score).toBeLessThan(1);
    expect(summary.fuzzy[0].target).toBe("ចាប់ពីសប្ដាហ៍ក្រោយ អ្នកឆ្លងកាត់ច្រកទ្វារសាម៉ាតត្រូវយកលិខិតឆ្លងដែនដែលនៅមានសុពលភាព។");
    expect(suggestions.json.segments.find((segment: any) => segment.field === "body").exact).toBe("សូមអរគុណ។");
  });

  it("keeps markup-like characters in template free text as text in every language and in the SMS", async () => {
    const title = `Hội chợ "A&B" <2026> {{gate}} $t(gateReasons.holiday)`;
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: {
        sourceLanguage: "vi",
        channels: ["sms"],
        validUntil: inHours(72),
        targetLanguages: ["vi"],
        template: { name: "public-notice", fields: { title, details: "Vào cửa tự do & miễn phí.", place: "VN-HT-CAUTREO", date: "2026-12-05T08:00:00+07:00" } },
      },
    });
    expect(created.status, created.text).toBe(201);
    const vi = created.json.texts.find((text: any) => text.language === "vi");
    expect(vi.headline).toBe(title);
    expect(vi.body).toContain("Vào cửa tự do & miễn phí.");
    await submitAndApprove(created.json.id);
    await pipeline.waitForStatus(created.json.id, "published");
    const [message] = await claimFor(pipeline, "MekongMobile", created.json.id);
    expect(message.text).toContain(title);
    // a real tag is refused, and nothing is created
    const before = (await pipeline.request("GET", "/api/v1/bulletins?limit=200", { token: pipeline.tokens.editor })).json.items.length;
    const tagged = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: {
        sourceLanguage: "vi",
        channels: ["sms"],
        validUntil: inHours(72),
        template: { name: "public-notice", fields: { title: "<b>Hội chợ</b>", details: "x", place: "VN-HT-CAUTREO", date: "2026-12-05T08:00:00+07:00" } },
      },
    });
    expect(tagged.status).toBe(422);
    expect(tagged.headers.get("content-type")).toContain("application/problem+json");
    expect((await pipeline.request("GET", "/api/v1/bulletins?limit=200", { token: pipeline.tokens.editor })).json.items.length).toBe(before);
  });

  it("refuses a template naming an unknown place or a place of the wrong kind", async () => {
    const unknown = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: closure("VN-HT-NOWHERE") });
    expect(unknown.status).toBe(422);
    expect(unknown.json.detail).toContain("unknown place VN-HT-NOWHERE");
    const province = await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: closure("VN-HT") });
    expect(province.status).toBe(422);
    expect(province.json.detail).toContain("VN-HT is a province, not a gate");
  });
});

describe.each(backends)("machine translation on $name", (backend) => {
  let pipeline: TestPipeline;
  let server: FakeLibreTranslate;
  beforeAll(async () => {
    server = await startFakeLibreTranslate();
    pipeline = await startPipeline(backend, { machineTranslator: createLibreTranslate({ url: server.url, timeoutMs: 2_000 }) });
  });
  afterAll(async () => {
    await pipeline?.close();
    await server?.close().catch(() => {});
  });

  const create = () =>
    pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({
        areas: ["VN-TN-XAMAT"],
        targetLanguages: ["vi", "km"],
        text: { headline: "Giờ làm việc mới", summary: "Cửa khẩu Xa Mát mở cửa từ 06:00.", body: "Cửa khẩu Xa Mát mở cửa từ 06:00. Đề nghị bà con lưu ý." },
      }),
    });
  const get = (id: string) => pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor }).then((response) => response.json);

  it("drafts from the machine-translation server; the draft still waits for a translator", async () => {
    const created = await create();
    const drafted = await waitFor(
      () => get(created.json.id),
      (bulletin) => bulletin.texts.some((text: any) => text.language === "km"),
    );
    const km = drafted.texts.find((text: any) => text.language === "km");
    expect(km).toMatchObject({ state: "draft", origin: "machine", summary: "[km] Cửa khẩu Xa Mát mở cửa từ 06:00." });
    expect(km.originDetail).toMatchObject({ provider: "libretranslate", segments: { memory: 0, machine: 4, untranslated: 0 } });
    expect(drafted.waitingLanguages.sort()).toEqual(["km", "vi"]);
    expect(server.requests.some((request) => (request.body as any)?.target === "km" && (request.body as any)?.source === "vi")).toBe(true);
  });

  it("with the server down, the bulletin waits with a clear reason, and drafts once it is back", async () => {
    server.setBehaviour({ kind: "status", status: 503, error: "overloaded" });
    const created = await create();
    const waiting = await waitFor(
      () => get(created.json.id),
      (bulletin) => bulletin.waitingNotes?.km !== undefined,
    );
    expect(waiting.texts.some((text: any) => text.language === "km")).toBe(false);
    expect(waiting.languages.find((entry: any) => entry.language === "km")).toMatchObject({ state: "missing", waitingReason: "machine_translation_failed" });
    expect(waiting.waitingNotes.km.detail).toMatch(/mt_unavailable.*503/);
    server.setBehaviour({ kind: "ok" });
    const again = await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/translations/draft`, { token: pipeline.tokens.editor });
    expect(again.status).toBe(202);
    const drafted = await waitFor(
      () => get(created.json.id),
      (bulletin) => bulletin.texts.some((text: any) => text.language === "km"),
    );
    expect(drafted.texts.find((text: any) => text.language === "km").origin).toBe("machine");
    expect(drafted.waitingNotes.km).toBeUndefined();
  });
});

describe.skipIf(!serverBackendsAvailable)("machine translation configured by MT_URL in a separate `bantin worker`", () => {
  let pipeline: TestPipeline;
  let server: FakeLibreTranslate;
  let worker: WorkerProcess | undefined;
  beforeAll(async () => {
    server = await startFakeLibreTranslate({ table: { lo: { "Cửa khẩu mở cửa.": "ດ່ານເປີດ." } } });
    pipeline = await startPipeline(serverBackend, { workers: false });
    worker = spawnWorker({
      DATABASE_URL: pipeline.instance.databaseUrl!,
      REDIS_URL: pipeline.instance.redisUrl!,
      QUEUE_PREFIX: pipeline.instance.queuePrefix!,
      MT_URL: server.url,
      MT_API_KEY: "secret-key",
      LOG_LEVEL: "info",
    });
    await worker.waitForOutput(/worker running/);
  }, 30_000);
  afterAll(async () => {
    await worker?.stop("SIGTERM");
    await pipeline?.close();
    await server?.close().catch(() => {});
  });

  it("drafts with the configured server and says so in the boot log, never logging the key", async () => {
    expect(worker!.output()).toContain(`machine translation: LibreTranslate at ${new URL(server.url).origin}`);
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ targetLanguages: ["vi", "lo"], text: { headline: "Cửa khẩu mở cửa.", summary: "Cửa khẩu mở cửa.", body: "Cửa khẩu mở cửa." } }),
    });
    expect(created.status, created.text).toBe(201);
    const drafted = await waitFor(
      () => pipeline.request("GET", `/api/v1/bulletins/${created.json.id}`, { token: pipeline.tokens.editor }).then((response) => response.json),
      (bulletin) => bulletin.texts.some((text: any) => text.language === "lo"),
    );
    expect(drafted.texts.find((text: any) => text.language === "lo")).toMatchObject({ origin: "machine", state: "draft", summary: "ດ່ານເປີດ." });
    expect((server.requests[0]!.body as any).api_key).toBe("secret-key");
    expect(worker!.output()).not.toContain("secret-key");
  }, 30_000);
});
