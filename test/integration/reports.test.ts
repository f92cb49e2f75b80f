// The report model on every back end: figures computed in the database from a history made through the real code paths.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/delivery/reports/build-report.ts";
import { resolveReportPeriod } from "../../src/delivery/reports/periods.ts";
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
});
