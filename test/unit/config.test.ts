import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("config", () => {
  it("defaults to the embedded database and the in-process queue", () => {
    const config = parseConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.publicUrl).toBe("http://127.0.0.1:3000");
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("lists every problem at once", () => {
    try {
      parseConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", REDIS_URL: "http://r", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      for (const name of ["PORT", "DATABASE_URL", "REDIS_URL", "LOG_LEVEL"]) expect(problems).toContain(name);
    }
  });

  it("reads sign-in throttling and the proxies in front, with defaults, and refuses nonsense", () => {
    const defaults = parseConfig({});
    expect(defaults.login).toEqual({ usernameFreeFailures: 5, addressFreeFailures: 50, backoffSeconds: 1, backoffMaxSeconds: 900, windowSeconds: 900 });
    expect(defaults.trustProxy).toBe(0);
    const set = parseConfig({
      LOGIN_USERNAME_FREE_FAILURES: "3",
      LOGIN_ADDRESS_FREE_FAILURES: "20",
      LOGIN_BACKOFF_SECONDS: "2",
      LOGIN_BACKOFF_MAX_SECONDS: "60",
      LOGIN_WINDOW_SECONDS: "600",
      TRUST_PROXY: "1",
    });
    expect(set.login).toEqual({ usernameFreeFailures: 3, addressFreeFailures: 20, backoffSeconds: 2, backoffMaxSeconds: 60, windowSeconds: 600 });
    expect(set.trustProxy).toBe(1);
    try {
      parseConfig({ LOGIN_USERNAME_FREE_FAILURES: "0", LOGIN_BACKOFF_SECONDS: "soon", TRUST_PROXY: "-1" });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join("\n");
      for (const name of ["LOGIN_USERNAME_FREE_FAILURES", "LOGIN_BACKOFF_SECONDS", "TRUST_PROXY"]) expect(problems).toContain(name);
    }
  });

  it("treats empty variables as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", REDIS_URL: "" }).databaseUrl).toBeUndefined();
  });

  it("takes PostgreSQL and Redis URLs", () => {
    const config = parseConfig({ DATABASE_URL: "postgres://u@h/db", REDIS_URL: "redis://h:6379", PUBLIC_URL: "https://bantin.example/" });
    expect(config.databaseUrl).toBe("postgres://u@h/db");
    expect(config.publicUrl).toBe("https://bantin.example");
  });

  it("leaves machine translation off unless MT_URL is set", () => {
    const off = parseConfig({});
    expect(off.mtUrl).toBeUndefined();
    expect(off.mtApiKey).toBeUndefined();
    expect(off.mtTimeoutMs).toBe(10_000);
    const on = parseConfig({ MT_URL: "https://mt.example/", MT_API_KEY: "k", MT_TIMEOUT_MS: "2500" });
    expect(on).toMatchObject({ mtUrl: "https://mt.example", mtApiKey: "k", mtTimeoutMs: 2500 });
    expect(() => parseConfig({ MT_URL: "ftp://mt.example" })).toThrow(/MT_URL/);
    expect(() => parseConfig({ MT_TIMEOUT_MS: "soon" })).toThrow(/MT_TIMEOUT_MS/);
  });

  it("bounds waits on the database and the queue, so an outage is answered at once", () => {
    expect(parseConfig({})).toMatchObject({ databaseConnectTimeoutMs: 1_000, databaseStatementTimeoutMs: 30_000, queueTimeoutMs: 1_000 });
    const set = parseConfig({ DATABASE_CONNECT_TIMEOUT_MS: "2500", DATABASE_STATEMENT_TIMEOUT_MS: "0", QUEUE_TIMEOUT_MS: "300" });
    expect(set).toMatchObject({ databaseConnectTimeoutMs: 2_500, databaseStatementTimeoutMs: 0, queueTimeoutMs: 300 });
    expect(() => parseConfig({ DATABASE_CONNECT_TIMEOUT_MS: "0" })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
    expect(() => parseConfig({ QUEUE_TIMEOUT_MS: "never" })).toThrow(/QUEUE_TIMEOUT_MS/);
  });
});
