// One text rule for every field that stores text (issue 15, item 1): no markup, no control or bidi-override
// characters, no half surrogate pairs, one line where a field is one line. A 422 problem+json names the field and
// no table changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { screens } from "../../../src/db/schema/index.ts";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin, buildText } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";
import { snapshotTables } from "../../helpers/table-snapshot.ts";

const someId = "00000000-0000-4000-8000-000000000000";
const bad = {
  "a bidi override with markup": "\u202E<b>x</b>",
  "a bidi isolate": "Cầu \u2067Treo",
  markup: "<img src=x onerror=alert(1)>",
  "an escape character": "Cầu\u001B[31mTreo",
  "a C1 control": "Cầu\u0085Treo",
  "half a surrogate pair": "Cầu \uDC00",
} as const;
const breaks = { "a line break": "Cầu Treo\nđóng cửa", "a tab": "Cầu\tTreo", "a line separator": "Cầu\u2028Treo" } as const;

describe.each(backends)("one text rule for stored text on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
  });
  afterAll(() => pipeline?.close());

  type Case = { method: string; path: string; token: () => string | undefined; body: (text: string) => unknown; field: string; oneLine: boolean };
  const cases: Case[] = [
    {
      method: "POST",
      path: "/screen/v1/heartbeat",
      token: () => pipeline.credentials.screens[0]!.token,
      body: (text) => ({ playerVersion: text }),
      field: "playerVersion",
      oneLine: true,
    },
    {
      method: "POST",
      path: "/screen/v1/heartbeat",
      token: () => pipeline.credentials.screens[0]!.token,
      body: (text) => ({ playerVersion: "player/1.0", fault: text }),
      field: "fault",
      oneLine: false,
    },
    {
      method: "POST",
      path: "/api/v1/auth/login",
      token: () => undefined,
      body: (text) => ({ username: text, password: "x" }),
      field: "username",
      oneLine: true,
    },
    {
      method: "POST",
      path: "/api/v1/bulletins",
      token: () => pipeline.tokens.editor,
      body: (text) => buildBulletin({ text: buildText("vi", { headline: text }) }),
      field: "text.headline",
      oneLine: true,
    },
    {
      method: "POST",
      path: "/api/v1/bulletins",
      token: () => pipeline.tokens.editor,
      body: (text) => buildBulletin({ text: buildText("vi", { body: text }) }),
      field: "text.body",
      oneLine: false,
    },
    {
      method: "POST",
      path: "/api/v1/bulletins",
      token: () => pipeline.tokens.editor,
      body: (text) => ({
        ...buildBulletin(),
        text: undefined,
        areas: undefined,
        template: { name: "public-notice", fields: { title: text, details: "Chi tiết", place: "VN-HT-CAUTREO", date: "2026-12-01T06:00:00+07:00" } },
      }),
      field: "template.fields.title",
      oneLine: true,
    },
    {
      method: "PUT",
      path: `/api/v1/bulletins/${someId}/texts/vi`,
      token: () => pipeline.tokens.translator,
      body: (text) => ({ headline: text, summary: "Tóm tắt", body: "Nội dung" }),
      field: "headline",
      oneLine: true,
    },
    {
      method: "POST",
      path: `/api/v1/bulletins/${someId}/reject`,
      token: () => pipeline.tokens.approver,
      body: (text) => ({ reason: text }),
      field: "reason",
      oneLine: false,
    },
    {
      method: "POST",
      path: `/api/v1/bulletins/${someId}/withdraw`,
      token: () => pipeline.tokens.editor,
      body: (text) => ({ reason: text }),
      field: "reason",
      oneLine: false,
    },
    {
      method: "POST",
      path: "/api/v1/users",
      token: () => pipeline.tokens.admin,
      body: (text) => ({ username: "newcomer", displayName: text, roles: ["editor"] }),
      field: "displayName",
      oneLine: true,
    },
    {
      method: "POST",
      path: "/api/v1/partners",
      token: () => pipeline.tokens.admin,
      body: (text) => ({ name: text, areas: ["VN-HT"], languages: ["vi"], smsPolicy: { sender: "BANTIN", maxParts: 4, stripDiacritics: true } }),
      field: "name",
      oneLine: true,
    },
    {
      method: "POST",
      path: "/api/v1/screens",
      token: () => pipeline.tokens.admin,
      body: (text) => ({ name: text, gateCode: "VN-HT-CAUTREO", languages: ["vi"], width: 800, height: 600 }),
      field: "name",
      oneLine: true,
    },
    { method: "PATCH", path: `/api/v1/screens/${someId}`, token: () => pipeline.tokens.admin, body: (text) => ({ name: text }), field: "name", oneLine: true },
    {
      method: "POST",
      path: "/api/v1/stations",
      token: () => pipeline.tokens.admin,
      body: (text) => ({ name: "Đài", areaCode: "VN-HT", languages: ["vi"], names: { vi: text } }),
      field: "names.vi",
      oneLine: true,
    },
    {
      method: "POST",
      path: "/api/v1/tokens",
      token: () => pipeline.tokens.admin,
      body: (text) => ({ kind: "partner", subjectId: pipeline.credentials.partners[0]!.id, label: text }),
      field: "label",
      oneLine: true,
    },
    {
      method: "PATCH",
      path: "/api/v1/places/VN-HT",
      token: () => pipeline.tokens.admin,
      body: (text) => ({ names: { vi: text } }),
      field: "names.vi",
      oneLine: true,
    },
    { method: "PATCH", path: "/api/v1/places/VN-HT", token: () => pipeline.tokens.admin, body: (text) => ({ note: text }), field: "note", oneLine: false },
    {
      method: "POST",
      path: "/api/v1/translation-memory",
      token: () => pipeline.tokens.translator,
      body: (text) => ({ sourceLanguage: "vi", targetLanguage: "en", source: text, target: "Cau Treo" }),
      field: "source",
      oneLine: false,
    },
  ];
  const inputs = (oneLine: boolean) => Object.entries({ ...bad, ...(oneLine ? breaks : {}) });

  it("answers every bad text in every stored field with 422 problem+json naming the field, and changes no table", async () => {
    const before = await snapshotTables(pipeline.db);
    for (const entry of cases) {
      for (const [name, text] of inputs(entry.oneLine)) {
        // JSON.stringify writes half a surrogate pair as a \u escape, as a hostile client would
        const response = await pipeline.request(entry.method, entry.path, { token: entry.token(), raw: JSON.stringify(entry.body(text)) });
        const seen = {
          route: `${entry.method} ${entry.path}`,
          input: name,
          status: response.status,
          type: response.headers.get("content-type")?.split(";")[0],
        };
        expect(seen).toEqual({ ...seen, status: 422, type: "application/problem+json" });
        expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(entry.field);
      }
    }
    expect(await snapshotTables(pipeline.db)).toEqual(before);
  });

  it("accepts line breaks in a paragraph field and stores a heartbeat's one-line player version as sent", async () => {
    const token = pipeline.credentials.screens[0]!.token;
    const heartbeat = await pipeline.request("POST", "/screen/v1/heartbeat", {
      token,
      body: { playerVersion: "player/2.1 (Chromium 120)", fault: "disk almost full\nretrying" },
    });
    expect(heartbeat.status).toBe(200);
    const [row] = await pipeline.db.select().from(screens).where(eq(screens.id, pipeline.credentials.screens[0]!.id));
    expect(row!.playerVersion).toBe("player/2.1 (Chromium 120)");
  });

  it("refuses a search for text no database can take (a NUL, an escape, a bidi override, a line break) with 422 naming q", async () => {
    for (const q of ["%00", "%1B", "%E2%80%AEx", "a%0Ab"]) {
      for (const path of [`/api/v1/bulletins?q=${q}`, `/api/v1/translation-memory?source=vi&target=en&q=${q}`]) {
        const response = await pipeline.request("GET", path, { token: pipeline.tokens.translator });
        expect({ path, status: response.status }).toEqual({ path, status: 422 });
        expect(response.json.errors.map((error: { path: string }) => error.path)).toContain("q");
      }
    }
    // bytes that are not UTF-8 (half a surrogate pair encoded) stay undecoded: text to look for, never a 500
    expect((await pipeline.request("GET", "/api/v1/bulletins?q=%ED%A0%80", { token: pipeline.tokens.editor })).status).toBe(200);
    // markup is only text to look for
    expect((await pipeline.request("GET", "/api/v1/bulletins?q=%3Cb%3E", { token: pipeline.tokens.editor })).status).toBe(200);
  });
});
