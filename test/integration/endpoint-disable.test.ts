// Partners, screens and stations disabled and enabled again over PATCH /api/v1/{partners,screens,stations}/{id}:
// a disabled one's token answers 401 at once (a screen's cached token look-up is dropped, its event stream ends),
// nothing it had is lost, and enabled again it goes on: a partner claims what waited for it (a batch it had claimed
// once its lease runs out), a screen or station gets what was published while it was off. Bad input changes nothing.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/index.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import { readEvents } from "../helpers/sse.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)("disabling and enabling endpoints on $name", (backend) => {
  let pipeline: TestPipeline;
  let offsetMs = 0;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { clock: () => new Date(Date.now() + offsetMs) });
  }, 120_000);
  afterAll(async () => {
    await pipeline?.close();
  });

  const admin = () => pipeline.tokens.admin;
  const patch = (path: string, body: unknown) => pipeline.request("PATCH", path, { token: admin(), body });

  /** The status `path` answers with `token`, asked again until it is `expected` (at most 2 s: a notification's way,
   *  far less than the 10 s a screen's token look-up is cached for). */
  const statusBecomes = async (path: string, token: string, expected: number) => {
    let status = 0;
    for (let tries = 0; status !== expected && tries < 100; tries += 1) {
      if (tries > 0) await sleep(20);
      status = (await pipeline.request("GET", path, { token })).status;
    }
    return status;
  };

  const auditOf = (entity: string, id: string) =>
    pipeline.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, id)));

  it("refuses a disabled partner's claims and acknowledgements, keeps what it claimed, and offers it again once it is enabled", async () => {
    const created = await pipeline.request("POST", "/api/v1/partners", {
      token: admin(),
      body: { name: "OffTel", areas: ["VN-HT"], languages: ["vi"], smsPolicy: { sender: "OFFTEL", maxParts: 4, stripDiacritics: false }, leaseSeconds: 30 },
    });
    expect(created.status, created.text).toBe(201);
    const { token } = created.json;
    const id = created.json.partner.id as string;
    const before = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "routine", channels: ["sms"] });
    const claimed = await pipeline.request("POST", "/partner/v1/batches/claim", { token, body: { max: 10 } });
    expect(claimed.status).toBe(201);
    const batch = claimed.json.batch;
    const offered = batch.messages.map((message: any) => message.id).sort();
    expect(batch.messages.map((message: any) => message.bulletinId)).toContain(before);

    const disabled = await patch(`/api/v1/partners/${id}`, { disabled: true });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.json.disabled).toBe(true);
    expect(disabled.json.leaseSeconds).toBe(30);
    expect((await pipeline.request("POST", "/partner/v1/batches/claim", { token, body: { max: 10 } })).status).toBe(401);
    expect((await pipeline.request("GET", `/partner/v1/batches/${batch.id}`, { token })).status).toBe(401);
    const ack = await pipeline.request("POST", `/partner/v1/batches/${batch.id}/ack`, {
      token,
      body: { results: [{ messageId: offered[0], status: "sent", submitted: 1, delivered: 1, failed: 0 }] },
    });
    expect(ack.status).toBe(401);
    expect((await pipeline.request("GET", "/api/v1/partners", { token: admin() })).json.items.find((partner: any) => partner.id === id).disabled).toBe(true);
    // published while it is off: not for it (as for a partner added later)
    const during = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "routine", channels: ["sms"] });

    const enabled = await patch(`/api/v1/partners/${id}`, { disabled: false });
    expect(enabled.status).toBe(200);
    expect(enabled.json.disabled).toBe(false);
    // its batch is still its own while the lease runs, then offered again, whole
    const early = await pipeline.request("POST", "/partner/v1/batches/claim", { token, body: { max: 10 } });
    expect(early.status).toBe(200);
    expect(early.json.batch).toBeNull();
    offsetMs += 31_000;
    const again = await pipeline.request("POST", "/partner/v1/batches/claim", { token, body: { max: 10 } });
    expect(again.status).toBe(201);
    expect(again.json.batch.messages.map((message: any) => message.id).sort()).toEqual(offered);
    expect(again.json.batch.messages.map((message: any) => message.bulletinId)).not.toContain(during);
    const acknowledged = await pipeline.request("POST", `/partner/v1/batches/${again.json.batch.id}/ack`, {
      token,
      body: { results: offered.map((messageId: string) => ({ messageId, status: "sent", submitted: 1, delivered: 1, failed: 0 })) },
    });
    expect(acknowledged.status, acknowledged.text).toBe(200);

    expect((await auditOf("partner", id)).map((entry) => entry.detail)).toEqual([
      { fields: ["disabled"], disabled: true },
      { fields: ["disabled"], disabled: false },
    ]);
  }, 60_000);

  it("refuses a disabled screen's token at once and ends its event stream; enabled again, it gets what was published meanwhile", async () => {
    const created = await pipeline.request("POST", "/api/v1/screens", {
      token: admin(),
      body: { name: "Cầu Treo departures hall", gateCode: "VN-HT-CAUTREO", languages: ["vi"], width: 1280, height: 720 },
    });
    expect(created.status, created.text).toBe(201);
    const { token } = created.json;
    const id = created.json.screen.id as string;
    // its token is looked up once and remembered for 10 s
    expect((await pipeline.request("GET", "/screen/v1/feed", { token })).status).toBe(200);
    const stream = await pipeline.app.request("/screen/v1/events", { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const events = readEvents(stream);
    expect((await events.next()).data.reason).toBe("connected");

    const disabled = await patch(`/api/v1/screens/${id}`, { disabled: true });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.json.disabled).toBe(true);
    expect(await statusBecomes("/screen/v1/feed", token, 401)).toBe(401);
    await expect(events.next(5_000)).rejects.toThrow("stream ended");
    expect((await pipeline.request("GET", "/screen/v1/events", { token })).status).toBe(401);
    const during = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["display"] });

    expect((await patch(`/api/v1/screens/${id}`, { disabled: false })).status).toBe(200);
    expect(await statusBecomes("/screen/v1/feed", token, 200)).toBe(200);
    let items: any[] = [];
    for (let tries = 0; !items.some((item) => item.bulletinId === during) && tries < 400; tries += 1) {
      if (tries > 0) await sleep(50);
      items = (await pipeline.request("GET", "/screen/v1/feed", { token })).json.items;
    }
    expect(items.filter((item) => item.bulletinId === during).map((item) => item.language)).toEqual(["vi"]);
    expect((await auditOf("screen", id)).map((entry) => entry.detail)).toEqual([
      { fields: ["disabled"], disabled: true },
      { fields: ["disabled"], disabled: false },
    ]);
  }, 60_000);

  it("refuses a disabled station's token; enabled again, it gets the scripts of what was published meanwhile", async () => {
    const created = await pipeline.request("POST", "/api/v1/stations", {
      token: admin(),
      body: { name: "Kỳ Anh town radio", areaCode: "VN-HT", languages: ["vi"] },
    });
    expect(created.status, created.text).toBe(201);
    const { token } = created.json;
    const id = created.json.station.id as string;
    expect((await pipeline.request("GET", "/radio/v1/scripts", { token })).status).toBe(200);

    const disabled = await patch(`/api/v1/stations/${id}`, { disabled: true });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.json.disabled).toBe(true);
    expect((await pipeline.request("GET", "/radio/v1/scripts", { token })).status).toBe(401);
    const during = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "routine", channels: ["radio"] });

    expect((await patch(`/api/v1/stations/${id}`, { disabled: false })).status).toBe(200);
    let scripts: any[] = [];
    for (let tries = 0; !scripts.some((script) => script.bulletinId === during) && tries < 400; tries += 1) {
      if (tries > 0) await sleep(50);
      const response = await pipeline.request("GET", "/radio/v1/scripts", { token });
      expect(response.status).toBe(200);
      scripts = response.json.scripts;
    }
    expect(scripts.some((script) => script.bulletinId === during)).toBe(true);
  }, 60_000);

  it("answers 422 naming the field for a disabled that is not a boolean, and changes nothing", async () => {
    const lists = async () => {
      const [partners, screens, stations] = await Promise.all(
        ["partners", "screens", "stations"].map((kind) => pipeline.request("GET", `/api/v1/${kind}`, { token: admin() })),
      );
      return { partners: partners!.json.items, screens: screens!.json.items, stations: stations!.json.items };
    };
    const before = await lists();
    for (const kind of ["partners", "screens", "stations"] as const) {
      const target = before[kind][0];
      for (const body of [{ disabled: "true" }, { disabled: 1 }, { disabled: null }, { disabled: true, unknown: 1 }]) {
        const refused = await patch(`/api/v1/${kind}/${target.id}`, body);
        expect(refused.status, `${kind} ${JSON.stringify(body)}`).toBe(422);
        expect(refused.headers.get("content-type")).toMatch(/problem\+json/);
        expect(refused.text).toMatch(/disabled|unknown/);
      }
      const named = await patch(`/api/v1/${kind}/${target.id}`, { disabled: "yes" });
      expect(named.json.errors.map((error: any) => error.path)).toEqual(["disabled"]);
      expect((await pipeline.request("PATCH", `/api/v1/${kind}/${target.id}`, { token: pipeline.tokens.editor, body: { disabled: true } })).status).toBe(403);
    }
    expect(await lists()).toEqual(before);
  });
});
