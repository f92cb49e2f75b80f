// A published bulletin as CAP 1.2 on every back end: an Alert, its correction an Update referencing it, a
// withdrawal a Cancel; each validates against the OASIS schema. The public Atom feed lists what is in force and
// links each bulletin's public CAP document, without a token.
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
/** Well-formed XML (xmllint without a schema: Atom has none in the fixtures). */
const wellFormed = (xml: string) => {
  if (!haveXmllint) return true;
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  execFileSync("/usr/bin/xmllint", ["--noout", "--nonet", file], { stdio: "pipe" });
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
    expect(alert.text).toContain("<language>en-GB</language>");
    expect(alert.text).toContain("<value>VN-TN-MOCBAI</value>");
    // slides at their public media URL: a hub fetches them without a screen token
    const slide = /<uri>http:\/\/bantin\.test(\/public\/v1\/media\/[0-9a-f]{32}\.png)<\/uri>/.exec(alert.text)?.[1];
    expect(slide).toBeDefined();
    const image = await pipeline.request("GET", slide!);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");

    const correction = (await pipeline.request("POST", `/api/v1/bulletins/${id}/correct`, { token: pipeline.tokens.editor })).json.id;
    await pipeline.request("POST", `/api/v1/bulletins/${correction}/submit`, { token: pipeline.tokens.editor });
    await pipeline.request("POST", `/api/v1/bulletins/${correction}/approve`, { token: pipeline.tokens.approver });
    await pipeline.waitForStatus(correction, "published");
    const update = await cap(correction);
    expect(valid(update.text)).toBe(true);
    expect(update.text).toContain("<msgType>Update</msgType>");
    expect(update.text).toContain(`<references>bantin@bantin.test,bantin-${id},`);

    expect(
      (await pipeline.request("POST", `/api/v1/bulletins/${correction}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "test: taken off again" } }))
        .status,
    ).toBe(200);
    const cancel = await cap(correction);
    expect(valid(cancel.text)).toBe(true);
    expect(cancel.text).toContain("<msgType>Cancel</msgType>");
    expect(cancel.text).toContain(`<references>bantin@bantin.test,bantin-${correction},`);
  });
  it("lists bulletins in force in the public Atom feed, urgent first, each linking its public CAP document", async () => {
    const feed = () => pipeline.request("GET", "/public/v1/alerts.atom");
    const entryOf = (xml: string, id: string) => new RegExp(`<entry[^>]*>\\s*<id>urn:uuid:${id}</id>[\\s\\S]*?</entry>`).exec(xml)?.[0];
    const publish = async (input: Record<string, unknown>) => {
      const id = await pipeline.approveNew({ sourceLanguage: "vi", targetLanguages: ["vi"], channels: ["sms"], areas: ["VN-HT-CAUTREO"], ...input });
      return (await pipeline.waitForStatus(id, "published")).id as string;
    };
    const day = 86_400_000;
    const routine = await publish({
      urgency: "routine",
      category: "weather",
      validUntil: new Date(Date.now() + day).toISOString(),
      text: { headline: 'Mưa lớn & "lũ quét" <5 km ở Cầu Treo', summary: "Mưa lớn & lũ quét ở Cầu Treo, tầm nhìn <1 km > 0 m", body: "Mưa lớn kéo dài." },
    });
    const urgent = await publish({
      urgency: "urgent",
      category: "gate_closure",
      validUntil: new Date(Date.now() + day).toISOString(),
      text: { headline: "Tạm đóng cửa khẩu Cầu Treo", summary: "Cửa khẩu Cầu Treo tạm đóng.", body: "Cửa khẩu Cầu Treo tạm đóng do sạt lở." },
    });
    const future = await publish({
      urgency: "urgent",
      validFrom: new Date(Date.now() + day).toISOString(),
      validUntil: new Date(Date.now() + 2 * day).toISOString(),
      text: { headline: "Cầu Treo mở cửa muộn ngày mai", summary: "Mở cửa lúc 09:00.", body: "Cửa khẩu Cầu Treo mở cửa lúc 09:00 ngày mai." },
    });

    const listed = await feed();
    expect(listed.status).toBe(200);
    expect(listed.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(wellFormed(listed.text)).toBe(true);
    expect(listed.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(listed.text).toContain('<link rel="self" type="application/atom+xml" href="http://bantin.test/public/v1/alerts.atom"/>');
    const entry = entryOf(listed.text, routine);
    expect(entry).toBeDefined();
    // text stays text: escaped once, never markup
    expect(entry).toContain('<title type="text">Mưa lớn &amp; "lũ quét" &lt;5 km ở Cầu Treo</title>');
    expect(entry).toContain('<summary type="text">Mưa lớn &amp; lũ quét ở Cầu Treo, tầm nhìn &lt;1 km &gt; 0 m</summary>');
    expect(entry).toContain('term="weather"');
    expect(listed.text.indexOf(`urn:uuid:${urgent}`)).toBeLessThan(listed.text.indexOf(`urn:uuid:${routine}`));
    expect(listed.text).not.toContain(future);

    const href = new RegExp(`<link rel="alternate" type="application/cap\\+xml" href="http://bantin\\.test(/public/v1/alerts/${routine}\\.xml)"/>`).exec(
      entry!,
    )?.[1];
    expect(href).toBeDefined();
    const alert = await pipeline.request("GET", href!);
    expect(alert.status).toBe(200);
    expect(alert.headers.get("content-type")).toBe("application/cap+xml; charset=utf-8");
    expect(valid(alert.text)).toBe(true);
    expect(alert.text).toContain("<msgType>Alert</msgType>");
    expect(alert.text).toContain(`<identifier>bantin-${routine}</identifier>`);
    expect((await pipeline.request("GET", `/public/v1/alerts/${routine}`)).text).toBe(alert.text);

    // hubs poll: the same feed is a 304
    const again = await pipeline.request("GET", "/public/v1/alerts.atom", { headers: { "if-none-match": listed.headers.get("etag")! } });
    expect(again.status).toBe(304);

    await pipeline.request("POST", `/api/v1/bulletins/${routine}/withdraw`, { token: pipeline.tokens.editor, body: { reason: "test: taken off again" } });
    const after = await feed();
    expect(after.text).not.toContain(`urn:uuid:${routine}`);
    expect(after.text).toContain(`urn:uuid:${urgent}`);
    expect(after.headers.get("etag")).not.toBe(listed.headers.get("etag"));
    const cancel = await pipeline.request("GET", href!);
    expect(cancel.status).toBe(200);
    expect(valid(cancel.text)).toBe(true);
    expect(cancel.text).toContain("<msgType>Cancel</msgType>");
  });

  it("shows the public nothing that was not published", async () => {
    const draft = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: {
        sourceLanguage: "vi",
        targetLanguages: ["vi"],
        channels: ["sms"],
        areas: ["VN-HT"],
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        text: { headline: "Nháp", summary: "Nháp.", body: "Nháp." },
      },
    });
    for (const path of [
      `/public/v1/alerts/${draft.json.id}.xml`,
      "/public/v1/alerts/00000000-0000-4000-8000-000000000000.xml",
      "/public/v1/alerts/not-an-id",
      "/public/v1/media/0123456789abcdef0123456789abcdef.png",
      "/public/v1/media/..%2Fetc%2Fpasswd",
    ]) {
      const response = await pipeline.request("GET", path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await pipeline.request("GET", "/public/v1/alerts.atom")).text).not.toContain(draft.json.id);
  });
});
