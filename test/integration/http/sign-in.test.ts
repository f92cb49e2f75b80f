// Signing in: usernames cannot be told by timing, hashes carry their cost and are raised at login, logout ends a session.
import { randomBytes, scryptSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword, parsePasswordHash, passwordParameters, passwords } from "../../../src/access/secrets.ts";
import { users } from "../../../src/db/schema/index.ts";
import { backends } from "../../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

describe.each(backends)("signing in on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
  });
  afterAll(async () => {
    await pipeline?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const login = (username: string, password: string) => pipeline.request("POST", "/api/v1/auth/login", { body: { username, password } });
  const storedHash = async (username: string) => (await pipeline.db.select().from(users).where(eq(users.username, username)))[0]!.passwordHash;
  const addUser = async (username: string, password: string) => {
    const created = await pipeline.request("POST", "/api/v1/users", {
      token: pipeline.tokens.admin,
      body: { username, displayName: username, roles: ["editor"], password },
    });
    expect(created.status).toBe(201);
  };

  it("checks an unknown username against a dummy hash of today's cost, as it checks a known or disabled user's own", async () => {
    const verify = vi.spyOn(passwords, "verify");
    const unknown = await login("nobody-here", "some password");
    expect(unknown.status).toBe(401);
    expect(verify).toHaveBeenCalledTimes(1);
    const dummy = verify.mock.calls[0]![1];
    expect(parsePasswordHash(dummy)?.cost).toEqual(passwordParameters);
    expect(parsePasswordHash(dummy)?.hash.length).toBe(32);

    verify.mockClear();
    await addUser("timing.known", "the right password");
    const wrong = await login("timing.known", "a wrong password");
    expect(wrong.status).toBe(401);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![1]).toBe(await storedHash("timing.known"));
    expect(wrong.json).toEqual({ ...unknown.json, instance: wrong.json.instance });

    verify.mockClear();
    await pipeline.db.update(users).set({ disabled: true }).where(eq(users.username, "timing.known"));
    const disabled = await login("timing.known", "the right password");
    expect(disabled.status).toBe(401);
    expect(disabled.json.detail).toBe(unknown.json.detail);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("stores a new password as a PHC scrypt string with its cost", async () => {
    await addUser("phc.user", "a long enough password");
    const stored = await storedHash("phc.user");
    expect(stored).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect((await login("phc.user", "a long enough password")).status).toBe(200);
    // already at today's cost: left as it is
    expect(await storedHash("phc.user")).toBe(stored);
  });

  it("still accepts a first-format hash and a cheaper one, and rehashes each at today's cost after a right password only", async () => {
    await addUser("old.hash", "the old password");
    const salt = randomBytes(16);
    const firstFormat = `scrypt$${salt.toString("hex")}$${scryptSync("the old password", salt, 32).toString("hex")}`;
    await pipeline.db.update(users).set({ passwordHash: firstFormat }).where(eq(users.username, "old.hash"));
    expect((await login("old.hash", "not it")).status).toBe(401);
    expect(await storedHash("old.hash")).toBe(firstFormat);
    expect((await login("old.hash", "the old password")).status).toBe(200);
    const rehashed = await storedHash("old.hash");
    expect(parsePasswordHash(rehashed)?.cost).toEqual(passwordParameters);
    expect(rehashed.startsWith("$scrypt$")).toBe(true);

    const cheap = await hashPassword("the old password", { ln: 10, r: 8, p: 1 });
    await pipeline.db.update(users).set({ passwordHash: cheap }).where(eq(users.username, "old.hash"));
    expect((await login("old.hash", "the old password")).status).toBe(200);
    expect(parsePasswordHash(await storedHash("old.hash"))?.cost).toEqual(passwordParameters);
    expect((await login("old.hash", "the old password")).status).toBe(200);
  });

  it("ends the session presented at logout, and only that one", async () => {
    await addUser("leaving", "goodbye password");
    const first = (await login("leaving", "goodbye password")).json.token;
    const second = (await login("leaving", "goodbye password")).json.token;
    expect((await pipeline.request("GET", "/api/v1/me", { token: first })).status).toBe(200);
    const out = await pipeline.request("POST", "/api/v1/auth/logout", { token: first });
    expect(out.status).toBe(204);
    const after = await pipeline.request("GET", "/api/v1/me", { token: first });
    expect(after.status).toBe(401);
    expect(after.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await pipeline.request("POST", "/api/v1/auth/logout", { token: first })).status).toBe(401);
    expect((await pipeline.request("GET", "/api/v1/me", { token: second })).status).toBe(200);
    expect((await pipeline.request("POST", "/api/v1/auth/logout")).status).toBe(401);
  });
});
