// Each partner has its own lease: the batches it claims expire after its leaseSeconds, and then are offered again.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/index.ts";
import { backends } from "../helpers/backends.ts";
import { buildBulletin } from "../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

const held = (batch: { claimedAt: string; leaseExpiresAt: string }) => (Date.parse(batch.leaseExpiresAt) - Date.parse(batch.claimedAt)) / 1_000;

describe.each(backends)("partner leases on $name", (backend) => {
  let pipeline: TestPipeline;
  let offsetMs = 0;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { clock: () => new Date(Date.now() + offsetMs) });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const admin = () => pipeline.tokens.admin;

  it("gives a partner with a 60 s lease batches that expire after 60 s, and offers what it did not acknowledge again after that", async () => {
    const created = await pipeline.request("POST", "/api/v1/partners", {
      token: admin(),
      body: { name: "QuickTel", areas: ["VN-HT"], languages: ["vi"], smsPolicy: { sender: "QUICK", maxParts: 4, stripDiacritics: false }, leaseSeconds: 60 },
    });
    expect(created.status).toBe(201);
    expect(created.json.partner.leaseSeconds).toBe(60);
    const token = created.json.token;
    const listed = await pipeline.request("GET", "/api/v1/partners", { token: admin() });
    expect(listed.json.items.find((partner: any) => partner.name === "QuickTel").leaseSeconds).toBe(60);
    expect(listed.json.items.find((partner: any) => partner.name === "VinaTel").leaseSeconds).toBe(300);

    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await pipeline.waitForStatus(id, "published");
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token, body: { max: 10 } });
    expect(claim.status).toBe(201);
    const batch = claim.json.batch;
    expect(held(batch)).toBe(60);
    const offered = batch.messages.map((message: any) => message.id).sort();
    expect(offered.length).toBeGreaterThan(0);

    offsetMs += 59_000;
    const early = await pipeline.request("POST", "/partner/v1/batches/claim", { token, body: { max: 10 } });
    expect(early.json.batch).toBeNull();
    offsetMs += 2_000;
    const late = await pipeline.request("POST", "/partner/v1/batches/claim", { token, body: { max: 10 } });
    expect(late.status).toBe(201);
    expect(late.json.batch.messages.map((message: any) => message.id).sort()).toEqual(offered);
    expect(held(late.json.batch)).toBe(60);

    // a partner without a lease of its own keeps the default
    const vinatel = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 10 } });
    expect(vinatel.status).toBe(201);
    expect(held(vinatel.json.batch)).toBe(300);
  });

  it("changes a partner's lease for the batches it claims next, audited, and refuses leases out of bounds", async () => {
    const vinatel = pipeline.credentials.partners.find((partner) => partner.name === "VinaTel")!;
    const changed = await pipeline.request("PATCH", `/api/v1/partners/${vinatel.id}`, { token: admin(), body: { leaseSeconds: 45 } });
    expect(changed.status).toBe(200);
    expect(changed.json.leaseSeconds).toBe(45);
    const id = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    await pipeline.waitForStatus(id, "published");
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: vinatel.token, body: { max: 10 } });
    expect(claim.status).toBe(201);
    expect(held(claim.json.batch)).toBe(45);
    const audit = await pipeline.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "partner"), eq(auditLog.entityId, vinatel.id)));
    expect(audit.map((entry) => [entry.action, entry.detail])).toEqual([["update", { fields: ["leaseSeconds"], leaseSeconds: 45 }]]);

    for (const body of [{ leaseSeconds: 29 }, { leaseSeconds: 3_601 }, { leaseSeconds: "60" }, { leaseSeconds: 60.5 }, {}, { leaseSeconds: 60, name: "x" }]) {
      const refused = await pipeline.request("PATCH", `/api/v1/partners/${vinatel.id}`, { token: admin(), body });
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.headers.get("content-type")).toMatch(/problem\+json/);
    }
    const refusedCreate = await pipeline.request("POST", "/api/v1/partners", {
      token: admin(),
      body: { name: "SlowTel", areas: ["VN-HT"], languages: ["vi"], smsPolicy: { sender: "SLOW", maxParts: 4, stripDiacritics: false }, leaseSeconds: 7_200 },
    });
    expect(refusedCreate.status).toBe(422);
    const listed = await pipeline.request("GET", "/api/v1/partners", { token: admin() });
    expect(listed.json.items.some((partner: any) => partner.name === "SlowTel")).toBe(false);
    expect(listed.json.items.find((partner: any) => partner.name === "VinaTel").leaseSeconds).toBe(45);
    expect(
      (await pipeline.request("PATCH", "/api/v1/partners/00000000-0000-4000-8000-000000000000", { token: admin(), body: { leaseSeconds: 60 } })).status,
    ).toBe(404);
    expect((await pipeline.request("PATCH", `/api/v1/partners/${vinatel.id}`, { token: pipeline.tokens.editor, body: { leaseSeconds: 60 } })).status).toBe(403);
  });
});

describe("bantin partner add --lease-seconds", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "bantin-lease-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = fileURLToPath(new URL("../../src/bin.mjs", import.meta.url));
  const bantin = (...args: string[]) =>
    promisify(execFile)(process.execPath, [bin, ...args], {
      env: { ...process.env, BANTIN_DATA_DIR: path.join(dir, "data"), DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "warn" },
      encoding: "utf8",
    });

  it("adds a partner with its lease, and refuses one out of bounds", async () => {
    await bantin("seed"); // the places
    const partner = ["partner", "add", "--areas", "VN-HT", "--languages", "vi", "--sender", "BANTIN"];
    const added = await bantin(...partner, "--name", "LeaseTel", "--lease-seconds", "90");
    expect(added.stdout).toMatch(/^partner LeaseTel id [0-9a-f-]{36} lease 90 s$/m);
    const refused = await bantin(...partner, "--name", "NoTel", "--lease-seconds", "10").catch((error) => error);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("leaseSeconds");
    expect((await bantin(...partner, "--name", "DefaultTel")).stdout).toContain("lease 300 s");
  }, 240_000);
});
