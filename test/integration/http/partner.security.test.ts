// One partner never sees or acknowledges another's batches; tokens are stored only as hashes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../../src/access/secrets.ts";
import { eq } from "drizzle-orm";
import { partners, tokens } from "../../../src/db/schema/index.ts";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("partner isolation on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend);
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it("keeps partner A out of partner B's batches", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await pipeline.waitForStatus(id, "published");
    const claimB = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("MekongMobile"), body: { max: 10 } });
    expect(claimB.status).toBe(201);
    const batchB = claimB.json.batch;
    const tokenA = pipeline.partnerToken("VinaTel");
    const read = await pipeline.request("GET", `/partner/v1/batches/${batchB.id}`, { token: tokenA });
    expect(read.status).toBe(404);
    expect(read.headers.get("content-type")).toMatch(/problem\+json/);
    const ack = await pipeline.request("POST", `/partner/v1/batches/${batchB.id}/ack`, {
      token: tokenA,
      body: { results: [{ messageId: batchB.messages[0].id, status: "sent", submitted: 1, delivered: 1, failed: 0 }] },
    });
    expect(ack.status).toBe(404);
    // B's message is still claimed by B, unacknowledged
    const reread = await pipeline.request("GET", `/partner/v1/batches/${batchB.id}`, { token: pipeline.partnerToken("MekongMobile") });
    expect(reread.status).toBe(200);
    const log = await pipeline.request("GET", `/api/v1/bulletins/${id}/deliveries`, { token: pipeline.tokens.editor });
    expect(log.json.items.some((row: any) => row.event === "message.sent")).toBe(false);
    // A's own claim never carries B's messages
    const claimA = await pipeline.request("POST", "/partner/v1/batches/claim", { token: tokenA, body: { max: 100 } });
    const messageIdsB = new Set(batchB.messages.map((message: any) => message.id));
    expect((claimA.json.batch?.messages ?? []).some((message: any) => messageIdsB.has(message.id))).toBe(false);
  });

  it("refuses an ack for a message the batch did not offer", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await pipeline.waitForStatus(id, "published");
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 1 } });
    const ack = await pipeline.request("POST", `/partner/v1/batches/${claim.json.batch.id}/ack`, {
      token: pipeline.partnerToken("VinaTel"),
      body: { results: [{ messageId: "00000000-0000-4000-8000-000000000000", status: "sent", submitted: 1, delivered: 1, failed: 0 }] },
    });
    expect(ack.status).toBe(422);
  });

  it("leaves last_seen_at alone when an ack is refused (another partner's batch, a message not offered) and moves it when one counts", async () => {
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await pipeline.waitForStatus(id, "published");
    const own = (await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 1 } })).json.batch;
    const other = (await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("MekongMobile"), body: { max: 1 } })).json.batch;
    expect(own.messages.length).toBe(1);
    expect(other.messages.length).toBe(1);
    const long = new Date("2026-01-01T00:00:00Z");
    const vinaTel = pipeline.credentials.partners.find((partner) => partner.name === "VinaTel")!;
    await pipeline.db.update(partners).set({ lastSeenAt: long }).where(eq(partners.id, vinaTel.id));
    const lastSeen = async () => (await pipeline.db.select().from(partners).where(eq(partners.id, vinaTel.id)))[0]!.lastSeenAt;
    const ack = (batchId: string, messageId: string) =>
      pipeline.request("POST", `/partner/v1/batches/${batchId}/ack`, {
        token: vinaTel.token,
        body: { results: [{ messageId, status: "sent", submitted: 1, delivered: 1, failed: 0 }] },
      });

    expect((await ack(other.id, other.messages[0].id)).status).toBe(404);
    expect(await lastSeen()).toEqual(long);
    expect((await ack(own.id, "00000000-0000-4000-8000-000000000000")).status).toBe(422);
    expect(await lastSeen()).toEqual(long);
    expect((await ack(own.id, own.messages[0].id)).status).toBe(200);
    expect((await lastSeen())!.getTime()).toBeGreaterThan(long.getTime());
  });

  it("stores tokens only as hashes and refuses screen, user and revoked tokens on /partner/v1", async () => {
    const rows = await pipeline.db.select().from(tokens);
    const clear = [...pipeline.credentials.partners, ...pipeline.credentials.screens, ...pipeline.credentials.stations].map((entry) => entry.token);
    const stored = JSON.stringify(rows);
    for (const token of clear) {
      expect(stored).not.toContain(token);
      expect(rows.some((row) => row.hash === hashToken(token))).toBe(true);
    }
    expect((await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.credentials.screens[0]!.token, body: {} })).status).toBe(401);
    const userToken = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.tokens.editor, body: {} });
    expect(userToken.status).toBe(401);
    expect(userToken.json.detail).toBe("this is a user token; /partner/v1 takes a partner token");
    const partnerOnApi = await pipeline.request("GET", "/api/v1/bulletins", { token: pipeline.credentials.partners[1]!.token });
    expect(partnerOnApi.status).toBe(401);
    expect(partnerOnApi.json.detail).toMatch(/^this is a partner token; \/api\/v1/);
    const partner = pipeline.credentials.partners[0]!;
    const tokenRow = rows.find((row) => row.hash === hashToken(partner.token))!;
    const revoke = await pipeline.request("POST", `/api/v1/tokens/${tokenRow.id}/revoke`, { token: pipeline.tokens.admin });
    expect(revoke.status).toBe(200);
    expect((await pipeline.request("POST", "/partner/v1/batches/claim", { token: partner.token, body: {} })).status).toBe(401);
  });
});
