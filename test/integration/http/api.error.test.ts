// Bad input gets a clear problem+json 4xx and changes nothing.
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulletins, bulletinTexts } from "../../../src/db/schema/index.ts";
import { embeddedBackend } from "../../helpers/backends.ts";
import { buildBulletin, buildText } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

let pipeline: TestPipeline;
beforeAll(async () => {
  pipeline = await startPipeline(embeddedBackend, { workers: false });
});
afterAll(async () => {
  await pipeline?.close();
});

const rowCounts = async () => {
  const [bulletinRows] = await pipeline.db.select({ value: count() }).from(bulletins);
  const [textRows] = await pipeline.db.select({ value: count() }).from(bulletinTexts);
  return { bulletins: bulletinRows!.value, texts: textRows!.value };
};

const expectProblem = (response: { status: number; headers: Headers; json: any }, status: number, type?: string) => {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(response.json).toMatchObject({ status, title: expect.any(String), type: expect.stringContaining("/problems/") });
  if (type) expect(response.json.type).toMatch(new RegExp(`${type}$`));
};

describe("bad input on /api/v1/bulletins", () => {
  const cases: [string, () => Promise<any>, number, string][] = [
    [
      "malformed JSON",
      () => pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, raw: '{"sourceLanguage": "vi",' }),
      400,
      "invalid-json",
    ],
    [
      "invalid UTF-8",
      () => pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, raw: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }),
      400,
      "invalid-encoding",
    ],
    [
      "a 2 MB body",
      () =>
        pipeline.request("POST", "/api/v1/bulletins", {
          token: pipeline.tokens.editor,
          raw: JSON.stringify({ ...buildBulletin(), pad: "x".repeat(2 * 1024 * 1024) }),
        }),
      413,
      "payload-too-large",
    ],
    [
      "wrong types",
      () => pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: { ...buildBulletin(), areas: "VN-HT", urgency: 3 } }),
      422,
      "validation-failed",
    ],
    [
      "an unknown language",
      () => pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin({ targetLanguages: ["vi", "fr"] }) }),
      422,
      "validation-failed",
    ],
    [
      "an unknown place",
      () => pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin({ areas: ["VN-ZZ-NOWHERE"] }) }),
      422,
      "validation-failed",
    ],
    [
      "markup in text",
      () =>
        pipeline.request("POST", "/api/v1/bulletins", {
          token: pipeline.tokens.editor,
          body: buildBulletin({ text: buildText("vi", { headline: "<b>Khẩn</b> <script>alert(1)</script>" }) }),
        }),
      422,
      "validation-failed",
    ],
    [
      "a bidi override in text",
      () =>
        pipeline.request("POST", "/api/v1/bulletins", {
          token: pipeline.tokens.editor,
          body: buildBulletin({ text: buildText("vi", { summary: "Cầu Treo \u202Eđóng cửa" }) }),
        }),
      422,
      "validation-failed",
    ],
    [
      "unknown fields",
      () => pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, body: buildBulletin({ status: "published" }) }),
      422,
      "validation-failed",
    ],
    [
      "a window that ends before it starts",
      () =>
        pipeline.request("POST", "/api/v1/bulletins", {
          token: pipeline.tokens.editor,
          body: buildBulletin({ validFrom: "2030-01-02T00:00:00Z", validUntil: "2030-01-01T00:00:00Z" }),
        }),
      422,
      "validation-failed",
    ],
    [
      "a JSON body said to be Latin-1",
      () =>
        pipeline.request("POST", "/api/v1/bulletins", {
          token: pipeline.tokens.editor,
          raw: JSON.stringify(buildBulletin()),
          headers: { "content-type": "application/json; charset=iso-8859-1" },
        }),
      415,
      "unsupported-media-type",
    ],
    [
      "a text/plain body",
      () => pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, raw: "hello", headers: { "content-type": "text/plain" } }),
      415,
      "unsupported-media-type",
    ],
    ["no token", () => pipeline.request("POST", "/api/v1/bulletins", { body: buildBulletin() }), 401, "unauthenticated"],
    [
      "a translator creating",
      () => pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.translator, body: buildBulletin() }),
      403,
      "forbidden",
    ],
  ];

  it.each(cases)("answers %s with a problem and changes nothing", async (_name, send, status, type) => {
    const before = await rowCounts();
    expectProblem(await send(), status, type);
    expect(await rowCounts()).toEqual(before);
  });

  it("names the offending field", async () => {
    const response = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ targetLanguages: ["vi", "fr"] }),
    });
    expect(response.json.errors.some((error: any) => error.path.startsWith("targetLanguages"))).toBe(true);
  });

  it("answers an unknown route and a non-uuid id with problems", async () => {
    expectProblem(await pipeline.request("GET", "/api/v1/nothing-here", { token: pipeline.tokens.editor }), 404, "not-found");
    expectProblem(await pipeline.request("GET", "/api/v1/bulletins/not-a-uuid", { token: pipeline.tokens.editor }), 422);
    expectProblem(await pipeline.request("GET", "/api/v1/bulletins/00000000-0000-4000-8000-000000000000", { token: pipeline.tokens.editor }), 404, "not-found");
  });
});

describe("lifecycle rules over HTTP", () => {
  it("refuses approval by the bulletin's author (four-eyes) and changes nothing", async () => {
    const editorAndApprover = await pipeline.request("POST", "/api/v1/users", {
      token: pipeline.tokens.admin,
      body: { username: "both", displayName: "Both roles", roles: ["editor", "approver"], password: "correct horse battery" },
    });
    expect(editorAndApprover.status).toBe(201);
    const login = await pipeline.request("POST", "/api/v1/auth/login", { body: { username: "both", password: "correct horse battery" } });
    const token = login.json.token;
    const created = await pipeline.request("POST", "/api/v1/bulletins", { token, body: buildBulletin({ targetLanguages: ["vi"] }) });
    expect((await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/submit`, { token })).status).toBe(200);
    const approve = await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/approve`, { token });
    expectProblem(approve, 403, "four-eyes");
    expect((await pipeline.request("GET", `/api/v1/bulletins/${created.json.id}`, { token })).json.status).toBe("submitted");
  });

  it("refuses approval while a target language lacks approved text, naming it", async () => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ targetLanguages: ["vi", "lo", "en"] }),
    });
    const id = created.json.id;
    await pipeline.request("PUT", `/api/v1/bulletins/${id}/texts/en`, { token: pipeline.tokens.translator, body: buildText("en") });
    await pipeline.request("POST", `/api/v1/bulletins/${id}/submit`, { token: pipeline.tokens.editor });
    const approve = await pipeline.request("POST", `/api/v1/bulletins/${id}/approve`, { token: pipeline.tokens.approver });
    expectProblem(approve, 409, "languages-not-approved");
    expect(approve.json.waitingLanguages).toEqual(["lo", "en"]);
    const view = await pipeline.request("GET", `/api/v1/bulletins/${id}`, { token: pipeline.tokens.editor });
    expect(view.json.status).toBe("submitted");
    expect(view.json.waitingLanguages).toEqual(["lo", "en"]);
  });

  it("refuses at submission an SMS too long for a partner's policy", async () => {
    const long = "Thông báo khẩn về việc tạm đóng cửa khẩu quốc tế Cầu Treo do mưa lũ. ".repeat(8);
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ targetLanguages: ["vi"], text: buildText("vi", { summary: long.trim() }) }),
    });
    const submit = await pipeline.request("POST", `/api/v1/bulletins/${created.json.id}/submit`, { token: pipeline.tokens.editor });
    expectProblem(submit, 422, "sms-too-long");
    expect(submit.json.problems[0]).toMatchObject({ language: "vi", partner: expect.any(String) });
    expect(submit.json.detail).toMatch(/^the vi summary does not fit .*: \d+ (septets|UCS-2 units) make \d+ parts; at most \d+ allowed/);
    expect((await pipeline.request("GET", `/api/v1/bulletins/${created.json.id}`, { token: pipeline.tokens.editor })).json.status).toBe("draft");
  });

  it("refuses a wrong password without telling whether the user exists", async () => {
    const wrong = await pipeline.request("POST", "/api/v1/auth/login", { body: { username: "editor", password: "nope" } });
    const unknown = await pipeline.request("POST", "/api/v1/auth/login", { body: { username: "nobody", password: "nope" } });
    expectProblem(wrong, 401);
    expect(unknown.json.detail).toBe(wrong.json.detail);
  });
});
