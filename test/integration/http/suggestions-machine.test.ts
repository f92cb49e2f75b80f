// GET /api/v1/bulletins/:id/texts/:language/suggestions with a machine-translation provider (a real HTTP stand-in
// for LibreTranslate): the memory's exact and similar matches with scores and the machine's translation, each with
// its origin; a provider that fails leaves the memory's proposals and says why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLibreTranslate } from "../../../src/localize/machine-translation.ts";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin } from "../../helpers/builders.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../../helpers/fake-libretranslate.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("translation suggestions with a machine translator on $name", (backend) => {
  let pipeline: TestPipeline;
  let fake: FakeLibreTranslate;
  let id: string;

  beforeAll(async () => {
    fake = await startFakeLibreTranslate({ table: { lo: { "Giờ mở cửa": "ເວລາເປີດ" } } });
    pipeline = await startPipeline(backend, { workers: false, machineTranslator: createLibreTranslate({ url: fake.url, timeoutMs: 2_000 }) });
    const pair = { sourceLanguage: "vi", targetLanguage: "lo", source: "Cửa khẩu mở cửa từ 07:00.", target: "ດ່ານເປີດແຕ່ 07:00." };
    expect((await pipeline.request("POST", "/api/v1/translation-memory", { token: pipeline.tokens.translator, body: pair })).status).toBe(201);
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({
        targetLanguages: ["vi", "lo"],
        text: { headline: "Giờ mở cửa", summary: "Cửa khẩu mở cửa từ 07:00.", body: "Cửa khẩu mở cửa từ 07:30.\nXin cảm ơn." },
      }),
    });
    expect(created.status, created.text).toBe(201);
    id = created.json.id;
  }, 90_000);
  afterAll(async () => {
    await pipeline?.close();
    await fake?.close();
  });

  it("proposes the memory's matches with their scores and the machine's translation, each with its origin", async () => {
    fake.setBehaviour({ kind: "ok" });
    const response = await pipeline.request("GET", `/api/v1/bulletins/${id}/texts/lo/suggestions`, { token: pipeline.tokens.translator });
    expect(response.status, response.text).toBe(200);
    expect(response.json.machine).toEqual({ status: "ok", provider: "libretranslate" });
    const [headline, summary, body, thanks] = response.json.segments;
    expect(headline).toMatchObject({ field: "headline", line: 0, source: "Giờ mở cửa", fuzzy: [] });
    expect(headline.proposals).toEqual([{ origin: "machine", kind: "machine", text: "ເວລາເປີດ", score: null, provider: "libretranslate" }]);
    // an exact match keeps its old field (backwards compatible) and comes first, the machine after it
    expect(summary.exact).toBe("ດ່ານເປີດແຕ່ 07:00.");
    expect(summary.proposals.map((proposal: any) => [proposal.origin, proposal.kind, proposal.score])).toEqual([
      ["memory", "exact", 1],
      ["machine", "machine", null],
    ]);
    expect(summary.proposals[1].text).toBe("[lo] Cửa khẩu mở cửa từ 07:00.");
    // a similar sentence: the machine first (no score), then the memory's near match with its score
    expect(body).toMatchObject({ field: "body", line: 0, source: "Cửa khẩu mở cửa từ 07:30." });
    expect(body.proposals[0]).toEqual({ origin: "machine", kind: "machine", text: "[lo] Cửa khẩu mở cửa từ 07:30.", score: null, provider: "libretranslate" });
    expect(body.proposals[1]).toMatchObject({ origin: "memory", kind: "fuzzy", text: "ດ່ານເປີດແຕ່ 07:00.", source: "Cửa khẩu mở cửa từ 07:00." });
    expect(body.proposals[1].score).toBe(body.fuzzy[0].score);
    expect(body.proposals[1].score).toBeGreaterThanOrEqual(0.85);
    expect(body.proposals[1].score).toBeLessThan(1);
    expect(thanks).toMatchObject({ field: "body", line: 1, source: "Xin cảm ơn." });
    // the provider was asked for each sentence, from vi to lo, as plain text
    const asked = fake.requests
      .filter((request) => request.path === "/translate")
      .map((request) => request.body as { q: string; source: string; target: string; format: string });
    expect(asked.map((request) => request.q).sort()).toEqual(["Cửa khẩu mở cửa từ 07:00.", "Cửa khẩu mở cửa từ 07:30.", "Giờ mở cửa", "Xin cảm ơn."]);
    expect(asked.every((request) => request.source === "vi" && request.target === "lo" && request.format === "text")).toBe(true);
  });

  it("still gives the memory's proposals when the provider fails, and says why the machine has none", async () => {
    fake.setBehaviour({ kind: "status", status: 503, error: "overloaded" });
    const response = await pipeline.request("GET", `/api/v1/bulletins/${id}/texts/lo/suggestions`, { token: pipeline.tokens.translator });
    expect(response.status, response.text).toBe(200);
    expect(response.json.machine).toMatchObject({ status: "failed", provider: "libretranslate", code: "mt_unavailable" });
    expect(response.json.machine.detail).toContain("503");
    const summary = response.json.segments.find((segment: any) => segment.field === "summary");
    expect(summary.proposals).toEqual([{ origin: "memory", kind: "exact", text: "ດ່ານເປີດແຕ່ 07:00.", score: 1, source: "Cửa khẩu mở cửa từ 07:00." }]);
    expect(response.json.segments.flatMap((segment: any) => segment.proposals).some((proposal: any) => proposal.origin === "machine")).toBe(false);
    fake.setBehaviour({ kind: "ok" });
  });

  it("refuses the source language with a problem and the API's roles", async () => {
    const source = await pipeline.request("GET", `/api/v1/bulletins/${id}/texts/vi/suggestions`, { token: pipeline.tokens.translator });
    expect(source.status).toBe(422);
    expect(source.headers.get("content-type")).toContain("application/problem+json");
  });
});
