// The whole path, on every back end: editor -> translator -> approver -> workers -> partner -> delivery log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../helpers/backends.ts";
import { buildBulletin, buildText } from "../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

describe.each(backends)("pipeline on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend);
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const claimAll = async (partner: string) => {
    const response = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken(partner), body: { max: 100 } });
    return response;
  };

  it("publishes an approved bulletin as SMS that a partner claims, acknowledges, and the log shows", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi", "lo", "en", "km"], areas: ["VN-HT-CAUTREO"] }), {
      lo: buildText("lo"),
      en: buildText("en"),
      km: buildText("km"),
    });
    const published = await pipeline.waitForStatus(id, "published");
    expect(published.waitingLanguages).toEqual([]);

    const claim = await claimAll("VinaTel");
    expect(claim.status).toBe(201);
    const messages = claim.json.batch.messages.filter((message: any) => message.bulletinId === id);
    expect(messages.map((message: any) => message.language).sort()).toEqual(["en", "km", "lo", "vi"]);
    const vi = messages.find((message: any) => message.language === "vi");
    // VinaTel sends Vietnamese without diacritics, in GSM-7
    expect(vi.encoding).toBe("gsm7");
    expect(vi.text).toBe("Tu 01/12, cua khau Cau Treo mo cua tu 06:00 den 22:00.");
    expect(vi.sender).toBe("BANTIN");
    expect(messages.find((message: any) => message.language === "km").encoding).toBe("ucs2");

    const again = await pipeline.request("GET", `/partner/v1/batches/${claim.json.batch.id}`, { token: pipeline.partnerToken("VinaTel") });
    expect(again.json.batch).toEqual(claim.json.batch);

    const ack = await pipeline.request("POST", `/partner/v1/batches/${claim.json.batch.id}/ack`, {
      token: pipeline.partnerToken("VinaTel"),
      body: { results: messages.map((message: any) => ({ messageId: message.id, status: "sent", submitted: 1200, delivered: 1150, failed: 50 })) },
    });
    expect(ack.status).toBe(200);
    expect(ack.json.counted).toBe(4);
    const repeat = await pipeline.request("POST", `/partner/v1/batches/${claim.json.batch.id}/ack`, {
      token: pipeline.partnerToken("VinaTel"),
      body: { results: messages.map((message: any) => ({ messageId: message.id, status: "sent", submitted: 1200, delivered: 1150, failed: 50 })) },
    });
    expect(repeat.status).toBe(200);
    expect(repeat.json).toMatchObject({ counted: 0, repeated: 4 });

    const log = await pipeline.request("GET", `/api/v1/bulletins/${id}/deliveries`, { token: pipeline.tokens.editor });
    const vinatel = pipeline.credentials.partners.find((partner) => partner.name === "VinaTel")!.id;
    const sent = log.json.items.filter((row: any) => row.event === "message.sent" && row.partnerId === vinatel);
    expect(sent).toHaveLength(4);
    expect(sent.reduce((total: number, row: any) => total + row.delivered, 0)).toBe(4 * 1150);
    const events = new Set(log.json.items.map((row: any) => row.event));
    expect(events).toEqual(new Set(["message.queued", "message.claimed", "message.sent", "message.report_repeated"]));

    const audit = await pipeline.request("GET", `/api/v1/bulletins/${id}/audit`, { token: pipeline.tokens.editor });
    const transitions = audit.json.items.filter((row: any) => row.toStatus).map((row: any) => `${row.fromStatus ?? ""}>${row.toStatus}`);
    expect(transitions).toEqual([">draft", "draft>submitted", "submitted>approved", "approved>localized", "localized>published"]);
  });

  it("offers urgent messages before routine ones", async () => {
    const routine = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"], urgency: "routine" }));
    await pipeline.waitForStatus(routine, "published");
    const urgent = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"], urgency: "urgent" }));
    await pipeline.waitForStatus(urgent, "published");
    const claim = await claimAll("MekongMobile");
    const order = claim.json.batch.messages.map((message: any) => message.bulletinId);
    expect(order.indexOf(urgent)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(urgent)).toBeLessThan(order.indexOf(routine));
    expect(claim.json.batch.messages[0].urgency).toBe("urgent");
  });

  it("announces an urgent approval to the workers and ends the announcement, also when the approval fails", async () => {
    const queue = pipeline.queue;
    const original = queue.urgentAhead;
    const calls: string[] = [];
    queue.urgentAhead = () => {
      calls.push("announced");
      const done = original();
      return () => (calls.push("ended"), done());
    };
    try {
      const routine = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"], urgency: "routine" }));
      expect(calls, "routine work announces nothing").toEqual([]);
      const urgent = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"], urgency: "urgent" }));
      expect(calls).toEqual(["announced", "ended"]);
      await pipeline.waitForStatus(routine, "published");
      await pipeline.waitForStatus(urgent, "published");

      calls.length = 0;
      // no Lao text yet: the approval is refused after the announcement, which still ends
      const created = await pipeline.request("POST", "/api/v1/bulletins", {
        token: pipeline.tokens.editor,
        body: buildBulletin({ targetLanguages: ["vi", "lo"], urgency: "urgent" }),
      });
      const id = created.json.id;
      expect((await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor })).status).toBe(200);
      const refused = await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver });
      expect(refused.status).toBe(409);
      expect(refused.json.type).toMatch(/languages.not.approved/);
      expect(calls).toEqual(["announced", "ended"]);
    } finally {
      queue.urgentAhead = original;
    }
  });

  it("cancels unsent SMS when the bulletin is withdrawn and lists claimed ones as cancelled", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await pipeline.waitForStatus(id, "published");
    const claim = await claimAll("VinaTel");
    const claimed = claim.json.batch.messages.find((message: any) => message.bulletinId === id);
    expect(claimed).toBeDefined();
    // without a reason (missing, empty, blank, not text) nothing is withdrawn
    for (const body of [{}, { reason: "" }, { reason: "   " }, { reason: 42 }, undefined]) {
      const refused = await pipeline.request("POST", `/api/v1/bulletins/${id}/withdraw`, { token: pipeline.tokens.editor, body });
      expect(refused.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);
      if (body !== undefined) expect(refused.status).toBe(422);
    }
    expect((await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor })).json.status).toBe("published");
    const withdrawn = await pipeline.request("POST", `/api/v1/bulletins/${id}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "sai giờ" } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.status).toBe("withdrawn");
    expect(withdrawn.json.cancelledMessages).toBeGreaterThanOrEqual(2);
    const next = await claimAll("VinaTel");
    expect(next.status).toBe(201);
    expect(next.json.batch.cancelled).toContain(claimed.id);
    // beside the ids, each cancellation with its reason code and the editor's reason as detail
    expect(next.json.batch.cancellations).toContainEqual({ messageId: claimed.id, reason: "withdrawn", detail: "sai giờ" });
    expect(next.json.batch.cancellations.map((cancellation: any) => cancellation.messageId)).toEqual(next.json.batch.cancelled);
    const reread = await pipeline.request("GET", `/partner/v1/batches/${next.json.batch.id}`, { token: pipeline.partnerToken("VinaTel") });
    expect(reread.json.batch).toEqual(next.json.batch);
    expect(next.json.batch.messages.some((message: any) => message.bulletinId === id)).toBe(false);
    // MekongMobile had not claimed it: nothing to cancel there, and nothing offered
    const other = await claimAll("MekongMobile");
    const offered = other.json.batch?.messages ?? [];
    expect(offered.some((message: any) => message.bulletinId === id)).toBe(false);
    const log = await pipeline.request("GET", `/api/v1/bulletins/${id}/deliveries`, { token: pipeline.tokens.editor });
    const cancelledRows = log.json.items.filter((row: any) => row.event === "message.cancelled");
    expect(cancelledRows.length).toBeGreaterThanOrEqual(2);
    expect(cancelledRows.every((row: any) => row.reason === "withdrawn" && row.detail.reasonDetail === "sai giờ")).toBe(true);
    const audit = await pipeline.request("GET", `/api/v1/bulletins/${id}/audit`, { token: pipeline.tokens.editor });
    expect(audit.json.items.find((row: any) => row.toStatus === "withdrawn").detail).toEqual({ reason: "sai giờ" });
  });

  it("supersedes a bulletin with its correction everywhere", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await pipeline.waitForStatus(id, "published");
    const correction = await pipeline.request("POST", `/api/v1/bulletins/${id}/correct`, { token: pipeline.tokens.editor });
    expect(correction.status).toBe(201);
    expect(correction.json.version).toBe(2);
    expect(correction.json.supersedesId).toBe(id);
    const newId = correction.json.id;
    await pipeline.request("PUT", `/api/v1/bulletins/${newId}/texts/vi`, {
      token: pipeline.tokens.editor,
      body: buildText("vi", { summary: "Đính chính: từ 01/12, cửa khẩu Cầu Treo mở cửa từ 07:00 đến 21:00." }),
    });
    expect((await pipeline.request("POST", `/api/v1/bulletins/${newId}/submit`, { token: pipeline.tokens.editor })).status).toBe(200);
    expect((await pipeline.request("POST", `/api/v1/bulletins/${newId}/approve`, { token: pipeline.tokens.approver })).status).toBe(200);
    await pipeline.waitForStatus(newId, "published");
    const old = await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor });
    expect(old.json.status).toBe("superseded");
    const claim = await claimAll("VinaTel");
    const ids = claim.json.batch.messages.map((message: any) => message.bulletinId);
    expect(ids).toContain(newId);
    expect(ids).not.toContain(id);
  });

  it("re-offers a batch whose lease expired, and counts the report once", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await pipeline.waitForStatus(id, "published");
    const { claimBatch } = await import("../../src/delivery/batches.ts");
    const partnerId = pipeline.credentials.partners.find((partner) => partner.name === "VinaTel")!.id;
    const first = await claimBatch(pipeline.db, { partnerId, max: 100, now: new Date(), leaseSeconds: 1 });
    const message = first!.messages.find((item) => item.bulletinId === id)!;
    expect(message).toBeDefined();
    // inside the lease nothing is offered again
    const during = await claimBatch(pipeline.db, { partnerId, max: 100, now: new Date() });
    expect(during?.messages.some((item) => item.id === message.id) ?? false).toBe(false);
    const later = await claimBatch(pipeline.db, { partnerId, max: 100, now: new Date(Date.now() + 2_000) });
    expect(later!.messages.map((item) => item.id)).toContain(message.id);
    const result = { messageId: message.id, status: "sent", submitted: 10, delivered: 9, failed: 1 };
    const ackLate = await pipeline.request("POST", `/partner/v1/batches/${first!.id}/ack`, {
      token: pipeline.partnerToken("VinaTel"),
      body: { results: [result] },
    });
    expect(ackLate.json.counted).toBe(1);
    const ackNew = await pipeline.request("POST", `/partner/v1/batches/${later!.id}/ack`, {
      token: pipeline.partnerToken("VinaTel"),
      body: { results: [result] },
    });
    expect(ackNew.json).toMatchObject({ counted: 0, repeated: 1 });
    const log = await pipeline.request("GET", `/api/v1/bulletins/${id}/deliveries`, { token: pipeline.tokens.editor });
    const rows = log.json.items.filter((row: any) => row.messageId === message.id);
    expect(rows.filter((row: any) => row.event === "message.sent")).toHaveLength(1);
    expect(rows.filter((row: any) => row.event === "message.lease_expired")).toHaveLength(1);
  });

  it("answers 200 with no batch when nothing is waiting", async () => {
    // drain
    while ((await claimAll("MekongMobile")).json.batch) {
      /* keep claiming */
    }
    const empty = await claimAll("MekongMobile");
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ batch: null });
  });
});
