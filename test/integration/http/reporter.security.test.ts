// A reporting officer (role reporter) reads bulletins, their delivery and audit logs and the endpoints' status, and
// changes nothing: every write route of the API, taken from the OpenAPI document, is refused and no row changes.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.ts";
import { openApiDocument } from "../../../src/http/openapi.ts";
import { backends } from "../../helpers/backends.ts";
import { buildBulletin } from "../../helpers/builders.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

/** Every table's rows, hashed (tokens without last_used_at, which every authenticated request moves). */
const snapshot = async (db: Db) => {
  const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const tables = rowsOf(await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)).map((row) =>
    String(row.tablename),
  );
  const hashes: Record<string, string> = {};
  for (const table of tables) {
    const rows = table === "tokens" ? sql`select id, kind, subject_id, revoked_at from tokens` : sql`select * from ${sql.identifier(table)}`;
    const [row] = rowsOf(
      await db.execute(sql`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as hash from (${rows}) t`),
    );
    hashes[table] = String(row!.hash);
  }
  return hashes;
};

const writeMethods = ["post", "put", "patch", "delete"] as const;

describe.each(backends)("a reporter on $name", (backend) => {
  let pipeline: TestPipeline;
  let reporter = "";
  let bulletinId = "";
  let screenId = "";
  let stationId = "";
  let tokenId = "";

  beforeAll(async () => {
    // no workers: nothing but the requests below may change a row
    pipeline = await startPipeline(backend, { workers: false });
    // the demo's reporter (seedDemo), signed in by the pipeline
    reporter = pipeline.tokens.reporter!;
    bulletinId = await pipeline.approveNew(buildBulletin({ targetLanguages: ["vi"] }));
    screenId = (await pipeline.request("GET", "/api/v1/screens", { token: pipeline.tokens.admin })).json.items[0].id;
    stationId = (await pipeline.request("GET", "/api/v1/stations", { token: pipeline.tokens.admin })).json.items[0].id;
    tokenId = (await pipeline.request("GET", "/api/v1/tokens", { token: pipeline.tokens.admin })).json.items[0].id;
  });
  afterAll(() => pipeline?.close());

  it("reads the bulletins, their delivery and audit logs, and the status of partners, screens and stations", async () => {
    for (const path of [
      "/api/v1/me",
      "/api/v1/bulletins",
      `/api/v1/bulletins/${bulletinId}`,
      `/api/v1/bulletins/${bulletinId}/deliveries`,
      `/api/v1/bulletins/${bulletinId}/audit`,
      "/api/v1/partners",
      "/api/v1/screens",
      "/api/v1/stations",
      "/api/v1/places",
      "/api/v1/templates",
      "/api/v1/reports/activity?preset=half-year&year=2026&index=1",
      "/api/v1/reports/activity?from=2026-01-01&to=2026-02-01&groupBy=province",
    ]) {
      const response = await pipeline.request("GET", path, { token: reporter });
      expect(response.status, `GET ${path}: ${response.text}`).toBe(200);
    }
    const screens = (await pipeline.request("GET", "/api/v1/screens", { token: reporter })).json.items;
    expect(screens.length).toBeGreaterThan(0);
    expect(screens[0]).toHaveProperty("lastSeenAt");
  });

  it("does not see users or tokens", async () => {
    for (const path of ["/api/v1/users", "/api/v1/tokens"]) {
      const response = await pipeline.request("GET", path, { token: reporter });
      expect(response.status, `GET ${path}`).toBe(403);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("is refused every write route of the API and changes nothing", async () => {
    const before = await snapshot(pipeline.db);
    const paths = openApiDocument().paths as Record<string, Partial<Record<(typeof writeMethods)[number], unknown>>>;
    const tried: string[] = [];
    for (const [template, operations] of Object.entries(paths)) {
      // signing in and out is every user's own business, a reporter's too
      if (!template.startsWith("/api/v1/") || template === "/api/v1/auth/login" || template === "/api/v1/auth/logout") continue;
      const id = template.startsWith("/api/v1/screens")
        ? screenId
        : template.startsWith("/api/v1/stations")
          ? stationId
          : template.startsWith("/api/v1/tokens")
            ? tokenId
            : bulletinId;
      const path = template.replace("{id}", id).replace("{language}", "vi").replace("{code}", "VN-HT");
      for (const method of writeMethods) {
        if (!operations[method]) continue;
        const response = await pipeline.request(method.toUpperCase(), path, { token: reporter, body: {} });
        tried.push(`${method} ${template}`);
        // refused for the role, or for the empty body before the role is asked: never done
        expect([403, 415, 422], `${method.toUpperCase()} ${path}: ${response.status} ${response.text}`).toContain(response.status);
        expect(response.headers.get("content-type"), `${method} ${path}`).toContain("application/problem+json");
      }
    }
    expect(tried.length).toBeGreaterThan(20);
    // with a valid body the role is what refuses it
    const valid: [string, string, unknown][] = [
      ["POST", "/api/v1/bulletins", buildBulletin()],
      ["POST", `/api/v1/bulletins/${bulletinId}/withdraw`, { reason: "thử" }],
      ["POST", `/api/v1/bulletins/${bulletinId}/correct`, undefined],
      ["POST", "/api/v1/screens", { name: "Màn hình mới", gateCode: "VN-HT-CAUTREO", languages: ["vi"], width: 1280, height: 720 }],
      ["PATCH", `/api/v1/stations/${stationId}`, { languages: ["vi"] }],
      ["POST", `/api/v1/tokens/${tokenId}/revoke`, undefined],
      ["POST", "/api/v1/users", { username: "someone", displayName: "Someone", roles: ["admin"] }],
    ];
    for (const [method, path, body] of valid) {
      const response = await pipeline.request(method, path, { token: reporter, body });
      expect(response.status, `${method} ${path}: ${response.text}`).toBe(403);
    }
    expect(await snapshot(pipeline.db)).toEqual(before);
  });
});
