import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../../src/http/app-env.ts";
import { consoleFormBody } from "../../../src/http/console/session.ts";

// consoleFormBody reads URL-encoded forms itself (faster than building a FormData): it must give exactly what hono's
// parseBody({ all: true }) gives for the same body, whatever the form holds.
const app = new Hono<AppEnv>().post("/", async (c) => {
  const ours = await consoleFormBody(c);
  const again = await consoleFormBody(c);
  const hono = await c.req.parseBody({ all: true });
  return c.json({ ours, hono, same: ours === again });
});

const post = async (body: string, type = "application/x-www-form-urlencoded") =>
  (await (await app.request("/", { method: "POST", headers: { "content-type": type }, body })).json()) as { ours: unknown; hono: unknown; same: boolean };

describe("consoleFormBody", () => {
  it("gives what parseBody({ all: true }) gives: repeated names as lists, [] names always lists, + and %-escapes decoded", async () => {
    const bodies = [
      "a=1",
      "targetLanguages=vi&targetLanguages=lo&targetLanguages=en&headline=C%E1%BB%ADa+kh%E1%BA%A9u",
      "tags[]=one&x=&x=2&empty",
      "_csrf=abc&body=%3Cscript%3Ealert(1)%3C%2Fscript%3E&note=a%26b%3Dc",
      "bad=%E0%A4%A&also=%ZZ&lao=%E0%BA%94%E0%BB%88%E0%BA%B2%E0%BA%99",
      "",
    ];
    for (const body of bodies) {
      const { ours, hono, same } = await post(body);
      expect(ours).toEqual(hono);
      expect(same).toBe(true);
    }
  });

  it("leaves a multipart form (an upload) to hono", async () => {
    const form = new FormData();
    form.append("label", "Đài A");
    form.append("label", "Đài B");
    const response = await app.request("/", { method: "POST", body: form });
    const { ours, hono } = (await response.json()) as { ours: unknown; hono: unknown };
    expect(ours).toEqual({ label: ["Đài A", "Đài B"] });
    expect(ours).toEqual(hono);
  });
});
