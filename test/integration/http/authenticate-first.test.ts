// A body is read only for a caller who may send it: without a valid token of the audience's kind, malformed JSON,
// a wrong content type or an oversized text field is a 401, never a 400, 415 or 422 that tells how bodies are read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("authentication before the body on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
  });
  afterAll(() => pipeline?.close());

  const routes = () => [
    { path: "/api/v1/bulletins", token: pipeline.tokens.editor, wrong: pipeline.credentials.screens[0]!.token },
    { path: "/api/v1/users", token: pipeline.tokens.admin, wrong: pipeline.credentials.partners[0]!.token },
    { path: "/partner/v1/batches/claim", token: pipeline.credentials.partners[0]!.token, wrong: pipeline.tokens.editor },
    { path: "/screen/v1/heartbeat", token: pipeline.credentials.screens[0]!.token, wrong: pipeline.credentials.stations[0]!.token },
    {
      path: "/radio/v1/scripts/00000000-0000-4000-8000-000000000000/aired",
      token: pipeline.credentials.stations[0]!.token,
      wrong: pipeline.credentials.screens[0]!.token,
    },
  ];
  const bodies: { name: string; raw: string; headers?: Record<string, string>; withToken: number }[] = [
    { name: "malformed JSON", raw: "{bad", withToken: 400 },
    { name: "a text/plain body", raw: "hello", headers: { "content-type": "text/plain" }, withToken: 415 },
    { name: "a NUL in a string", raw: '{"x":"a\\u0000"}', withToken: 422 },
  ];

  it.each(bodies)("answers $name without a token, or with another audience's, with 401 problem+json", async ({ raw, headers, withToken }) => {
    for (const route of routes()) {
      for (const token of [undefined, route.wrong, "bt_user_not-a-real-token"]) {
        const response = await pipeline.request("POST", route.path, { token, raw, headers });
        expect({ path: route.path, token, status: response.status }).toEqual({ path: route.path, token, status: 401 });
        expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      }
      // with the right token the body is read, and refused for what it is
      const response = await pipeline.request("POST", route.path, { token: route.token, raw, headers });
      expect({ path: route.path, status: response.status }).toEqual({ path: route.path, status: withToken });
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
  });

  it("still reads a sign-in's body without a token", async () => {
    const response = await pipeline.request("POST", "/api/v1/auth/login", { raw: "{bad" });
    expect(response.status).toBe(400);
    expect(response.json.type).toMatch(/invalid-json$/);
  });
});
