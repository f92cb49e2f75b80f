// The report model on every back end: figures computed in the database from a history made through the real code paths.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/delivery/reports/build-report.ts";
import { resolveReportPeriod } from "../../src/delivery/reports/periods.ts";
import { ReportResponseSchema } from "../../src/http/api/reports.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

describe.each(backends)("the report model on $name (smoke)", (backend) => {
  let pipeline: TestPipeline;
  let now = new Date("2026-03-02T03:00:00Z");
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { clock: () => now });
  });
  afterAll(() => pipeline?.close());

  it("counts a published gate closure and its handed-over SMS", async () => {
    const id = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["sms"], validUntil: "2026-03-20T00:00:00Z" });
    now = new Date("2026-03-02T03:02:00Z");
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 100 } });
    expect(claim.status).toBe(201);
    const messages = claim.json.batch.messages as { id: string; parts: number }[];
    const ack = await pipeline.request("POST", `/partner/v1/batches/${claim.json.batch.id}/ack`, {
      token: pipeline.partnerToken("VinaTel"),
      body: { results: messages.map((message) => ({ messageId: message.id, status: "sent", submitted: 10, delivered: 7, failed: 3 })) },
    });
    expect(ack.status).toBe(200);
    const report = await buildReport(pipeline.db, { period: resolveReportPeriod({ preset: "month", year: 2026, index: 3 }), groupBy: "province", now });
    expect(report.figures.bulletins.totals).toEqual({ published: 1, corrected: 0, withdrawn: 0 });
    expect(report.figures.bulletins.groups).toEqual([{ group: { key: "VN-HT", label: "Hà Tĩnh" }, published: 1, corrected: 0, withdrawn: 0 }]);
    expect(report.figures.messages.totals).toMatchObject({ handedOver: messages.length, submitted: 10 * messages.length, delivered: 7 * messages.length });
    expect(report.figures.messages.totals.billedParts).toBe(messages.reduce((sum, message) => sum + 7 * message.parts, 0));
    expect(report.figures.speed.byChannel).toEqual([{ channel: "sms", urgency: "urgent", count: 1, medianSec: 120, p95Sec: 120 }]);
    expect(report.drills.bulletins.totals).toEqual({ published: 0, corrected: 0, withdrawn: 0 });
    const before = await buildReport(pipeline.db, { period: resolveReportPeriod({ preset: "month", year: 2026, index: 2 }), groupBy: null, now });
    expect(before.figures.bulletins.groups).toEqual([{ group: { key: "all", label: "all" }, published: 0, corrected: 0, withdrawn: 0 }]);
    // the screens were set up in March: they have no uptime in February
    expect(before.figures.screens.uptime).toEqual([]);
    void id;
  });

  it("answers GET /api/v1/reports/activity to admins and reporters, in the documented shape, and 403 to other roles", async () => {
    // the demo's reporter (seedDemo), signed in by the pipeline
    const reporter = pipeline.tokens.reporter!;
    const path = "/api/v1/reports/activity?preset=month&year=2026&index=3&groupBy=province";
    const response = await pipeline.request("GET", path, { token: reporter });
    expect(response.status, response.text).toBe(200);
    expect(ReportResponseSchema.parse(response.json)).toEqual(response.json);
    expect(response.json.period).toEqual({
      from: "2026-03-01T00:00:00+07:00",
      to: "2026-04-01T00:00:00+07:00",
      timeZone: "Asia/Ho_Chi_Minh",
      preset: { kind: "month", year: 2026, index: 3 },
    });
    expect(response.json.figures.bulletins.totals.published).toBe(1);
    expect((await pipeline.request("GET", path, { token: pipeline.tokens.admin })).status).toBe(200);
    for (const role of ["editor", "translator", "approver"]) {
      const refused = await pipeline.request("GET", path, { token: pipeline.tokens[role] });
      expect(refused.status, role).toBe(403);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await pipeline.request("GET", path)).status).toBe(401);
  });

  it("answers a bad period or grouping with a 422 problem naming the parameter", async () => {
    for (const [query, field] of [
      ["from=2026-02-30&to=2026-03-02", "from"],
      ["from=2026-03-02&to=2026-03-01", "to"],
      ["from=2026-03-02", "to"],
      ["preset=week&year=2026", "preset"],
      ["preset=month&year=2026&index=13", "index"],
      ["preset=month&year=twenty&index=1", "year"],
      ["preset=year&year=2026&groupBy=colour", "groupBy"],
      ["preset=year&year=2026&format=pdf", "format"],
      ["preset=year&year=2026&colour=red", ""],
    ] as const) {
      const response = await pipeline.request("GET", `/api/v1/reports/activity?${query}`, { token: pipeline.tokens.admin });
      expect(response.status, query).toBe(422);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(
        response.json.errors.map((error: { path: string }) => error.path),
        query,
      ).toContain(field);
    }
  });
});
