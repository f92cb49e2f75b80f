// A published bulletin as CAP 1.2 on every back end: an Alert, its correction an Update referencing it, a
// withdrawal a Cancel; each validates against the OASIS schema.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

const schema = fileURLToPath(new URL("../fixtures/cap/CAP-v1.2.xsd", import.meta.url));
const haveXmllint = existsSync("/usr/bin/xmllint");
const dir = mkdtempSync(path.join(tmpdir(), "bantin-cap-"));
const valid = (xml: string) => {
  if (!haveXmllint) return true;
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  execFileSync("/usr/bin/xmllint", ["--noout", "--schema", schema, file], { stdio: "pipe" });
  return true;
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(backends)("CAP documents on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend);
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const cap = (id: string) => pipeline.request("GET", `/api/v1/bulletins/${id}/cap`, { token: pipeline.tokens.editor });

  it("gives an Alert, an Update for the correction and a Cancel for the withdrawal, each valid CAP 1.2", async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: {
        sourceLanguage: "vi",
        channels: ["sms", "display"],
        urgency: "urgent",
        mode: "exercise",
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        template: { name: "gate-closure", fields: { gate: "VN-TN-MOCBAI", from: "2026-12-01T18:00:00+07:00", reason: "flooding" } },
      },
    });
    const id = created.json.id;
    expect((await cap(id)).status).toBe(404);
    await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor });
    await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver });
    await pipeline.waitForStatus(id, "published");
    const alert = await cap(id);
    expect(alert.status).toBe(200);
    expect(alert.headers.get("content-type")).toContain("application/cap+xml");
    expect(valid(alert.text)).toBe(true);
    expect(alert.text).toContain("<msgType>Alert</msgType>");
    expect(alert.text).toContain("<status>Exercise</status>");
    expect(alert.text.match(/<info>/g)).toHaveLength(3);
    expect(alert.text).toContain("<language>km-KH</language>");
    expect(alert.text).toContain("<value>VN-TN-MOCBAI</value>");
    expect(alert.text).toMatch(/<uri>http:\/\/bantin\.test\/screen\/v1\/slides\/[0-9a-f]{32}\.png<\/uri>/);

    const correction = (await pipeline.request("POST", `/api/v1/bulletins/${id}/correct`, { token: pipeline.tokens.editor })).json.id;
    await pipeline.request("POST", `/api/v1/bulletins/${correction}/submit`, { token: pipeline.tokens.editor });
    await pipeline.request("POST", `/api/v1/bulletins/${correction}/approve`, { token: pipeline.tokens.approver });
    await pipeline.waitForStatus(correction, "published");
    const update = await cap(correction);
    expect(valid(update.text)).toBe(true);
    expect(update.text).toContain("<msgType>Update</msgType>");
    expect(update.text).toContain(`<references>bantin@bantin.test,bantin-${id},`);

    expect((await pipeline.request("POST", `/api/v1/bulletins/${correction}/withdraw`, { token: pipeline.tokens.editor, body: {} })).status).toBe(200);
    const cancel = await cap(correction);
    expect(valid(cancel.text)).toBe(true);
    expect(cancel.text).toContain("<msgType>Cancel</msgType>");
    expect(cancel.text).toContain(`<references>bantin@bantin.test,bantin-${correction},`);
  });
});
