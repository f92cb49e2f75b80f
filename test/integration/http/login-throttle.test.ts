// Sign-in throttling: per username and per client address, with backoff, in memory, PostgreSQL/PGlite and Redis.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoginThrottle, memoryLimiter, redisLimiter, type LoginThrottleSettings, type MakeLimiter } from "../../../src/access/login-throttle.ts";
import { createUser } from "../../../src/access/users.ts";
import { createApp } from "../../../src/app.ts";
import { databaseRateLimiter } from "../../../src/db/queries/rate-limits.ts";
import { rateLimits } from "../../../src/db/schema/index.ts";
import type { Db } from "../../../src/db/client.ts";
import { backends, type BackendInstance } from "../../helpers/backends.ts";
import { silentLogger } from "../../helpers/pipeline.ts";

type Store = { name: string; make: (db: Db) => MakeLimiter; shared: boolean };

let redis: Redis | undefined;
const runId = randomBytes(4).toString("hex");
const storesFor = (backendName: string): Store[] => [
  ...(backendName.startsWith("PGlite") ? [{ name: "memory", make: () => memoryLimiter, shared: false }] : []),
  { name: "database", make: (db: Db) => (options) => databaseRateLimiter(db, options), shared: true },
  ...(backendName.startsWith("PostgreSQL")
    ? [
        {
          name: "redis",
          make: () => redisLimiter((redis ??= new Redis(process.env.REDIS_URL!)), `bantin_test_${runId}`),
          shared: true,
        },
      ]
    : []),
];

const settings: LoginThrottleSettings = { usernameFreeFailures: 3, addressFreeFailures: 100, backoffSeconds: 1, backoffMaxSeconds: 4, windowSeconds: 60 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(() => redis?.disconnect());

describe.each(backends)("sign-in throttling on $name", (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.open();
    for (const username of ["alice", "bob", "carol", "dave", "erin", "frank"]) {
      await createUser(instance.database.db, { username, displayName: username, roles: ["editor"], password: `${username} right password` });
    }
  });
  afterAll(async () => {
    await instance?.cleanup();
  });

  const appWith = (options: { make?: MakeLimiter; settings?: LoginThrottleSettings; trustProxy?: number } = {}) =>
    createApp({
      db: instance.database.db,
      queue: instance.newQueue(),
      clock: () => new Date(),
      logger: silentLogger,
      publicUrl: "http://bantin.test",
      checks: { database: async () => {}, queue: async () => {} },
      loginThrottle: options.make ? createLoginThrottle(options.settings ?? settings, options.make) : undefined,
      trustProxy: options.trustProxy,
    });
  type App = ReturnType<typeof appWith>;
  const login = async (app: App, username: string, password: string, from: { socket?: string; forwardedFor?: string } = {}) => {
    const response = await app.request(
      "/api/v1/auth/login",
      {
        method: "POST",
        headers: { "content-type": "application/json", ...(from.forwardedFor ? { "x-forwarded-for": from.forwardedFor } : {}) },
        body: JSON.stringify({ username, password }),
      },
      { incoming: { socket: { remoteAddress: from.socket ?? "192.0.2.1" } } },
    );
    return { status: response.status, headers: response.headers, json: await response.json() };
  };

  it("throttles the issue's probe with the default settings: the right password after many wrong ones is refused", async () => {
    const app = appWith();
    const statuses = [];
    for (let attempt = 0; attempt < 12; attempt++) statuses.push((await login(app, "erin", "wrong")).status);
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.slice(6)).toEqual([429, 429, 429, 429, 429, 429]);
    expect((await login(app, "erin", "erin right password")).status).toBe(429);
  });

  it("throttles the console's sign-in form with the same counters: a page saying how long to wait, 429 and Retry-After", async () => {
    const app = appWith({ make: memoryLimiter });
    const signIn = async (password: string) => {
      const response = await app.request(
        "/login",
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
          body: new URLSearchParams({ username: "bob", password, next: "/" }).toString(),
        },
        { incoming: { socket: { remoteAddress: "192.0.2.60" } } },
      );
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    for (let attempt = 0; attempt < 3; attempt++) expect((await signIn("wrong")).status).toBe(401);
    // the API counts with the console: the fourth failure is an API one
    expect((await login(app, "bob", "wrong", { socket: "192.0.2.60" })).status).toBe(401);
    const blocked = await signIn("bob right password");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("1");
    expect(blocked.headers.get("content-type")).toMatch(/^text\/html/);
    expect(blocked.text).toMatch(/wait 1 s|chờ 1 giây/);
    await sleep(1_100);
    const signedIn = await signIn("bob right password");
    expect(signedIn.status).toBe(303);
  });

  it("keeps signing in and throttling in memory while Redis is away", async () => {
    const away = new Redis("redis://127.0.0.1:1", { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
    away.on("error", () => {});
    try {
      const app = appWith({ make: redisLimiter(away, `bantin_test_${runId}`) });
      expect((await login(app, "carol", "carol right password", { socket: "192.0.2.99" })).status).toBe(200);
      for (let attempt = 0; attempt < 4; attempt++) expect((await login(app, "carol", "wrong", { socket: "192.0.2.99" })).status).toBe(401);
      const blocked = await login(app, "carol", "carol right password", { socket: "192.0.2.99" });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get("retry-after")).toBe("1");
      await sleep(1_100);
    } finally {
      away.disconnect();
    }
  });

  describe.each(storesFor(backend.name))("with counters in $name", (store) => {
    it("blocks a username after its free failures with 429 and Retry-After, doubles the wait, and a right password resets", async () => {
      const app = appWith({ make: store.make(instance.database.db) });
      for (let attempt = 0; attempt < 4; attempt++) expect((await login(app, "alice", "wrong")).status).toBe(401);
      const blocked = await login(app, "alice", "alice right password");
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(blocked.headers.get("retry-after")).toBe("1");
      expect(blocked.json).toMatchObject({ status: 429, type: "https://bantin.example/problems/too-many-requests", retryAfter: 1 });
      // another username from the same address is not blocked
      expect((await login(app, "bob", "bob right password")).status).toBe(200);

      await sleep(1_100);
      expect((await login(app, "alice", "wrong")).status).toBe(401);
      const longer = await login(app, "alice", "wrong");
      expect(longer.status).toBe(429);
      expect(longer.headers.get("retry-after")).toBe("2");
      await sleep(2_100);
      expect((await login(app, "alice", "alice right password")).status).toBe(200);
      // counted afresh: the free failures again
      for (let attempt = 0; attempt < 4; attempt++) expect((await login(app, "alice", "wrong")).status).toBe(401);
      expect((await login(app, "alice", "wrong")).status).toBe(429);
    });

    it("blocks an address guessing many usernames, but not other addresses; a forged X-Forwarded-For does not help", async () => {
      const make = store.make(instance.database.db);
      const app = appWith({ make, settings: { ...settings, usernameFreeFailures: 100, addressFreeFailures: 3 }, trustProxy: 1 });
      const proxy = { socket: "10.0.0.2" };
      for (const username of ["bob", "carol", "dave", "nobody"]) {
        expect((await login(app, username, "spray", { ...proxy, forwardedFor: `198.51.100.${username.length}, 203.0.113.7` })).status).toBe(401);
      }
      // the proxy appended the real address; what the client put in front of it changes nothing
      const again = await login(app, "carol", "carol right password", { ...proxy, forwardedFor: "198.51.100.99, 203.0.113.7" });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await login(app, "carol", "carol right password", { ...proxy, forwardedFor: "203.0.113.8" })).status).toBe(200);
      // without a trusted proxy the header is ignored: every request is the socket's
      const direct = appWith({ make, settings: { ...settings, usernameFreeFailures: 100, addressFreeFailures: 3 } });
      for (const username of ["bob", "carol", "dave", "nobody"]) {
        expect((await login(direct, username, "spray", { socket: "192.0.2.50", forwardedFor: `198.51.100.${username.length}` })).status).toBe(401);
      }
      expect((await login(direct, "dave", "dave right password", { socket: "192.0.2.50", forwardedFor: "198.51.100.200" })).status).toBe(429);
    });

    it.runIf(store.shared)("shares the counts between API processes", async () => {
      const first = appWith({ make: store.make(instance.database.db) });
      const second = appWith({ make: store.make(instance.database.db) });
      for (let attempt = 0; attempt < 4; attempt++)
        expect((await login(attempt % 2 ? first : second, "frank", "wrong", { socket: "192.0.2.77" })).status).toBe(401);
      expect((await login(first, "frank", "frank right password", { socket: "192.0.2.77" })).status).toBe(429);
      expect((await login(second, "frank", "frank right password", { socket: "192.0.2.77" })).status).toBe(429);
      if (store.name === "database")
        expect((await instance.database.db.select().from(rateLimits)).some((row) => row.key === "login_failures:user:frank")).toBe(true);
    });
  });
});
