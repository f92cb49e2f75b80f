// Text no database can store (a NUL character, half a surrogate pair) is a 422 naming the field, never a 500 from
// the database, on any route, before anything is read or written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstorableText } from "../../../src/http/middleware/json-body.ts";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin, buildText } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe("finding unstorable text in a body", () => {
  it("finds a NUL or a lone surrogate in values and keys, with its path, and passes well-formed text", () => {
    expect(unstorableText({ a: [{ b: "x\u0000y" }] })).toEqual({ path: "a.0.b", message: "contains a NUL character (U+0000)" });
    expect(unstorableText({ "k\uD800": 1 })).toMatchObject({ path: "k\uD800", message: expect.stringContaining("unpaired surrogate") });
    expect(unstorableText({ text: "Cầu Treo ດ່ານ ច្រក 🚧", list: [1, null, true] })).toBeUndefined();
  });

  it("walks a body nested 200,000 deep without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(200_000)}"\\u0000"${"]".repeat(200_000)}`) as unknown;
    expect(unstorableText(deep)?.message).toContain("NUL");
  });
});

describe.each(backends)("unstorable text on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
  });
  afterAll(() => pipeline?.close());

  const expect422 = (response: { status: number; headers: Headers; json: any }, path: string) => {
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.json.errors).toEqual([expect.objectContaining({ path })]);
  };

  it("answers a NUL in a sign-in, a heartbeat or a bulletin with 422 naming the field", async () => {
    expect422(await pipeline.request("POST", "/api/v1/auth/login", { raw: '{"username":"a\\u0000","password":"x"}' }), "username");
    const screen = pipeline.credentials.screens[0]!.token;
    expect422(await pipeline.request("POST", "/screen/v1/heartbeat", { token: screen, raw: '{"playerVersion":"a\\u0000b"}' }), "playerVersion");
    const before = (await pipeline.request("GET", "/api/v1/bulletins", { token: pipeline.tokens.editor })).json.items.length;
    const body = JSON.stringify(buildBulletin({ text: buildText("vi", { headline: "Cầu Treo\u0000" }) }));
    expect422(await pipeline.request("POST", "/api/v1/bulletins", { token: pipeline.tokens.editor, raw: body }), "text.headline");
    expect((await pipeline.request("GET", "/api/v1/bulletins", { token: pipeline.tokens.editor })).json.items.length).toBe(before);
  });

  it("answers half a surrogate pair with 422", async () => {
    expect422(await pipeline.request("POST", "/api/v1/auth/login", { raw: '{"username":"\\ud800","password":"x"}' }), "username");
  });
});
