import { afterEach, describe, expect, it } from "vitest";
import { createLibreTranslate, MachineTranslationError } from "../../../src/localize/machine-translation.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../../helpers/fake-libretranslate.ts";

const servers: FakeLibreTranslate[] = [];
const fake = async (options?: Parameters<typeof startFakeLibreTranslate>[0]) => {
  const server = await startFakeLibreTranslate(options);
  servers.push(server);
  return server;
};

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const input = { text: "Cửa khẩu Cầu Treo tạm đóng cửa.", source: "vi", target: "km" } as const;

/** The MachineTranslationError a promise rejects with. */
const failure = async (promise: Promise<unknown>): Promise<MachineTranslationError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MachineTranslationError);
    return error as MachineTranslationError;
  }
  throw new Error("expected a MachineTranslationError");
};

describe("LibreTranslate adapter", () => {
  it("posts q/source/target/format and returns translatedText", async () => {
    const server = await fake({ table: { lo: { "Xin chào.": "ສະບາຍດີ." } } });
    const translator = createLibreTranslate({ url: `${server.url}/`, timeoutMs: 2_000 });
    expect(translator.name).toBe("libretranslate");
    await expect(translator.translate(input)).resolves.toBe("[km] Cửa khẩu Cầu Treo tạm đóng cửa.");
    await expect(translator.translate({ text: "Xin chào.", source: "vi", target: "lo" })).resolves.toBe("ສະບາຍດີ.");
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: "/translate",
      body: { q: input.text, source: "vi", target: "km", format: "text" },
    });
    expect(server.requests[0]!.headers["content-type"]).toMatch(/application\/json/);
    expect(server.requests[0]!.body).not.toHaveProperty("api_key");
  });

  it("sends the API key in the body and never shows it in an error", async () => {
    const apiKey = "sekret-key-0123456789";
    const server = await fake({ behaviour: { kind: "status", status: 403, error: `Invalid API key ${apiKey}` } });
    const translator = createLibreTranslate({ url: server.url, apiKey, timeoutMs: 2_000 });
    const error = await failure(translator.translate(input));
    expect(server.requests[0]!.body).toMatchObject({ api_key: apiKey });
    expect(error.code).toBe("mt_refused");
    expect(error.status).toBe(403);
    expect(error.detail).toContain("403");
    expect(error.detail).not.toContain(apiKey);
    expect(error.message).not.toContain(apiKey);
    expect(JSON.stringify(error)).not.toContain(apiKey);
  });

  it("maps HTTP 500 to mt_unavailable with the status", async () => {
    const server = await fake({ behaviour: { kind: "status", status: 500 } });
    const error = await failure(createLibreTranslate({ url: server.url, timeoutMs: 2_000 }).translate(input));
    expect(error.code).toBe("mt_unavailable");
    expect(error.detail).toContain("HTTP 500");
  });

  it("maps HTTP 400 to mt_refused with the status and the provider's message", async () => {
    const server = await fake({ behaviour: { kind: "status", status: 400, error: "km is not supported" } });
    const error = await failure(createLibreTranslate({ url: server.url, timeoutMs: 2_000 }).translate(input));
    expect(error.code).toBe("mt_refused");
    expect(error.detail).toContain("HTTP 400");
    expect(error.detail).toContain("km is not supported");
  });

  it("gives mt_timeout when the provider is slower than the timeout", async () => {
    const server = await fake({ behaviour: { kind: "slow", delayMs: 2_000 } });
    const started = performance.now();
    const error = await failure(createLibreTranslate({ url: server.url, timeoutMs: 200 }).translate(input));
    expect(error.code).toBe("mt_timeout");
    expect(error.detail).toContain("200 ms");
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("passes the caller's abort through instead of blaming the provider", async () => {
    const server = await fake({ behaviour: { kind: "slow", delayMs: 2_000 } });
    const controller = new AbortController();
    const reason = new Error("shutting down");
    setTimeout(() => controller.abort(reason), 50);
    await expect(createLibreTranslate({ url: server.url, timeoutMs: 5_000 }).translate(input, controller.signal)).rejects.toBe(reason);
  });

  it("gives mt_unavailable when nothing listens", async () => {
    const server = await startFakeLibreTranslate();
    await server.close();
    const error = await failure(createLibreTranslate({ url: server.url, timeoutMs: 2_000 }).translate(input));
    expect(error.code).toBe("mt_unavailable");
    expect(error.detail).toMatch(/unreachable/);
  });

  it("gives mt_bad_response for garbage, a wrong shape or an empty translation", async () => {
    const server = await fake({ behaviour: { kind: "garbage" } });
    const translator = createLibreTranslate({ url: server.url, timeoutMs: 2_000 });
    expect((await failure(translator.translate(input))).code).toBe("mt_bad_response");
    server.setBehaviour({ kind: "json", body: { translation: "x" } });
    expect((await failure(translator.translate(input))).code).toBe("mt_bad_response");
    server.setBehaviour({ kind: "json", body: { translatedText: "  " } });
    const empty = await failure(translator.translate(input));
    expect(empty.code).toBe("mt_bad_response");
    expect(empty.detail).toMatch(/empty/);
    expect(server.requests).toHaveLength(3);
  });
});
