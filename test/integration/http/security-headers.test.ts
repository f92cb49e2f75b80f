// Security headers on every response, the player's own policy, HSTS only behind TLS, no-store on authenticated JSON.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import { embeddedBackend } from "../../helpers/backends.ts";
import { silentLogger, startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

const playerStyle = /<style>([\s\S]*?)<\/style>/.exec(readFileSync(new URL("../../../src/http/play/player.html", import.meta.url), "utf8"))![1]!;

describe("security headers", () => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(embeddedBackend, { workers: false });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const appWithPublicUrl = (publicUrl: string) =>
    createApp({
      db: pipeline.db,
      queue: pipeline.queue,
      clock: () => new Date(),
      logger: silentLogger,
      publicUrl,
      checks: { database: async () => {}, queue: async () => {} },
    });

  it("sends nosniff, a referrer policy and forbids framing on API answers, problems and health checks", async () => {
    const screen = pipeline.credentials.screens[0]!;
    const answers = [
      await pipeline.request("GET", "/api/v1/me", { token: pipeline.tokens.editor }),
      await pipeline.request("GET", "/api/v1/me"),
      await pipeline.request("GET", "/no/such/route"),
      await pipeline.request("POST", "/api/v1/auth/login", { raw: "{bad" }),
      await pipeline.request("GET", "/healthz"),
      await pipeline.request("GET", "/screen/v1/feed", { token: screen.token }),
    ];
    for (const answer of answers) {
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("referrer-policy")).toBe("same-origin");
      expect(answer.headers.get("x-frame-options")).toBe("DENY");
      const policy = answer.headers.get("content-security-policy")!;
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(answer.headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(answer.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("gives pages (the console, the API docs) a policy of their own origin only: forms posted back, no plugins, never framed", async () => {
    for (const path of ["/login", "/api/docs"]) {
      const answer = await pipeline.request("GET", path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
      const policy = answer.headers.get("content-security-policy")!;
      const directives = Object.fromEntries(policy.split(/;\s*/).map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]));
      expect(directives["default-src"]).toEqual(["'self'"]);
      expect(directives["form-action"]).toEqual(["'self'"]);
      expect(directives["object-src"]).toEqual(["'none'"]);
      expect(directives["frame-ancestors"]).toEqual(["'none'"]);
      expect(directives["script-src"]).toBeUndefined();
      expect(answer.headers.get("x-frame-options")).toBe("DENY");
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("gives the player page, script and service worker their own policy: own scripts, the style by hash, slides as blobs, same-origin framing only", async () => {
    const screen = pipeline.credentials.screens[0]!;
    const styleHash = `'sha256-${createHash("sha256").update(playerStyle, "utf8").digest("base64")}'`;
    for (const path of [`/play/${screen.id}`, "/play/player.js", "/play/sw.js"]) {
      const answer = await pipeline.request("GET", path);
      expect(answer.status).toBe(200);
      const policy = answer.headers.get("content-security-policy")!;
      const directives = Object.fromEntries(policy.split(/;\s*/).map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]));
      expect(directives["default-src"]).toEqual(["'none'"]);
      expect(directives["script-src"]).toEqual(["'self'"]);
      expect(directives["style-src"]).toEqual([styleHash]);
      expect(directives["img-src"]).toEqual(["'self'", "blob:"]);
      expect(directives["connect-src"]).toEqual(["'self'"]);
      expect(directives["frame-ancestors"]).toEqual(["'self'"]);
      expect(policy).not.toContain("unsafe-inline");
      expect(answer.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("lets other origins embed public media and feeds", async () => {
    const answer = await pipeline.request("GET", "/public/v1/alerts.atom");
    expect(answer.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("sends HSTS only when the public address is https", async () => {
    const behindTls = await appWithPublicUrl("https://bantin.example").request("/healthz");
    expect(behindTls.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    const plain = await appWithPublicUrl("http://10.0.0.5:3000").request("/healthz");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });

  it("marks authenticated JSON and sign-in answers no-store, and keeps the cache policy routes chose", async () => {
    const me = await pipeline.request("GET", "/api/v1/me", { token: pipeline.tokens.editor });
    expect(me.status).toBe(200);
    expect(me.headers.get("cache-control")).toBe("no-store");
    const refused = await pipeline.request("GET", "/api/v1/bulletins", { token: "bt_user_nonsense" });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    const user = pipeline.credentials.users[0]!;
    const login = await pipeline.request("POST", "/api/v1/auth/login", { body: { username: user.username, password: user.password } });
    expect(login.status).toBe(200);
    expect(login.headers.get("cache-control")).toBe("no-store");
    const claim = await pipeline.request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 1 } });
    expect(claim.headers.get("cache-control")).toBe("no-store");
    // the screen feed is revalidated with its ETag, as before
    const feed = await pipeline.request("GET", "/screen/v1/feed", { token: pipeline.credentials.screens[0]!.token });
    expect(feed.status).toBe(200);
    expect(feed.headers.get("cache-control")).toBe("no-cache");
    // nothing to protect on an anonymous health check: left to the client
    expect((await pipeline.request("GET", "/healthz")).headers.get("cache-control")).toBeNull();
  });
});
