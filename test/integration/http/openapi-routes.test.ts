// The OpenAPI document against the app itself (issue 15, item 5): every contract route the built app answers is
// documented and every documented operation is a route it answers, the document is valid OpenAPI 3.1, and real
// answers (a bulletin, a page of the list, a batch, a screen's feed, a report, who is signed in, a new token) match
// the response schemas the document gives for them. The pages that are not API contracts are left out by name.
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument, openApiPath } from "../../../src/http/openapi.ts";
import { backends } from "../../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";

/** Routes the app answers that are not API contracts, and why. */
const notContracts: [RegExp, string][] = [
  [/^\/admin\/queues(\/|$)/, "Bull Board, the queue view: a browser page"],
  [/^\/metrics$/, "Prometheus text exposition, for the scraper"],
  [/^\/api\/docs(\/|$)/, "the interactive docs page and its script and stylesheet"],
  [/^\/play\//, "the kiosk player page, its script and service worker"],
  [/^\/b\//, "the public bulletin pages"],
  [/^\/console\/assets\//, "the console's stylesheet, fonts and scripts"],
  [/^\/console\/(places|preview-slides)(\/|$)/, "the compose page's place search and slide previews"],
  [/^\/(login|logout|language|endpoints)?$/, "console pages and forms"],
  [/^\/(bulletins|reports|endpoints|users|places)(\/|$)/, "console pages and forms"],
];
const isContract = (path: string) => !notContracts.some(([pattern]) => pattern.test(path));

type Document = {
  paths: Record<
    string,
    Record<string, { summary?: string; tags?: string[]; responses: Record<string, { description?: string; content?: Record<string, { schema: object }> }> }>
  >;
};

/** "GET /api/v1/bulletins/{id}" for every route with a handler of its own (middleware is registered as ALL). */
const appOperations = (pipeline: TestPipeline) =>
  [...new Set(pipeline.app.routes.filter((route) => route.method !== "ALL").map((route) => `${route.method} ${openApiPath(route.path)}`))].filter((operation) =>
    isContract(operation.split(" ")[1]!),
  );
const documentedOperations = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: "bantin-openapi", ...(openApiDocument() as object) });

describe.each(backends)("the OpenAPI document against the app on $name", (backend) => {
  let pipeline: TestPipeline;
  const document = openApiDocument() as unknown as Document;
  beforeAll(async () => {
    pipeline = await startPipeline(backend);
  }, 60_000);
  afterAll(() => pipeline?.close());

  /** The body of a real answer, checked against the schema the document gives for that operation and status. */
  const expectDocumented = (method: string, path: string, response: { status: number; json: unknown; headers: Headers }) => {
    const answer = document.paths[path]?.[method]?.responses[String(response.status)];
    expect(answer, `${method} ${path} answers ${response.status}, which is not documented`).toBeDefined();
    const type = (response.headers.get("content-type") ?? "").split(";")[0]!;
    const schema = answer!.content?.[type]?.schema;
    expect(schema, `${method} ${path} ${response.status}: no schema for ${type}`).toBeDefined();
    const validate = ajv.compile(schema!);
    expect(validate(response.json) ? [] : validate.errors, `${method} ${path} ${response.status}`).toEqual([]);
  };

  it("documents every contract route of the app, and nothing the app does not answer", () => {
    const routes = appOperations(pipeline);
    const documented = documentedOperations(document);
    expect({
      undocumented: routes.filter((route) => !documented.includes(route)),
      absent: documented.filter((operation) => !routes.includes(operation)),
    }).toEqual({ undocumented: [], absent: [] });
    // what was missing before the document was generated from the routes
    expect(documented).toEqual(expect.arrayContaining(["GET /api/v1/me", "POST /api/v1/tokens"]));
    expect(documented.length).toBeGreaterThan(60);
    // the pages left out are really there: the list of exceptions does not hide a contract that went missing
    for (const [pattern, why] of notContracts)
      expect(
        pipeline.app.routes.some((route) => route.method !== "ALL" && pattern.test(route.path)),
        why,
      ).toBe(true);
  });

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("gives every operation a summary, a tag and a described success answer; the main JSON answers have real schemas", () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.summary, `${method} ${path}`).toMatch(/\w{3}/);
        expect(operation.tags, `${method} ${path}`).toHaveLength(1);
        const successes = Object.entries(operation.responses).filter(([status]) => /^[23]/.test(status));
        expect(successes.length, `${method} ${path}`).toBeGreaterThan(0);
        for (const [, answer] of successes) expect(answer.description, `${method} ${path}`).toMatch(/\w/);
      }
    }
    const propertiesOf = (path: string, method: string, status: string) =>
      Object.keys((document.paths[path]![method]!.responses[status]!.content!["application/json"]!.schema as { properties?: object }).properties ?? {});
    expect(propertiesOf("/api/v1/bulletins/{id}", "get", "200")).toEqual(expect.arrayContaining(["id", "status", "texts", "languages", "waitingLanguages"]));
    expect(propertiesOf("/api/v1/bulletins", "get", "200")).toEqual(["items", "next"]);
    expect(propertiesOf("/partner/v1/batches/claim", "post", "201")).toEqual(["batch"]);
    expect(propertiesOf("/screen/v1/feed", "get", "200")).toEqual(["screen", "generatedAt", "items"]);
    expect(propertiesOf("/api/v1/reports/activity", "get", "200")).toEqual(expect.arrayContaining(["period", "figures", "drills"]));
    // errors are problems, and a 503 says when to try again
    const unavailable = document.paths["/api/v1/bulletins"]!.get!.responses["503"] as { headers?: Record<string, unknown>; content?: Record<string, unknown> };
    expect(Object.keys(unavailable.content ?? {})).toEqual(["application/problem+json"]);
    expect(Object.keys(unavailable.headers ?? {})).toEqual(["Retry-After"]);
  });

  it("describes what the routes really answer", { timeout: 60_000 }, async () => {
    const { request, tokens } = pipeline;
    expectDocumented("get", "/api/v1/me", await request("GET", "/api/v1/me", { token: tokens.editor }));
    const id = await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "urgent", channels: ["sms", "display"] });
    expectDocumented("get", "/api/v1/bulletins/{id}", await request("GET", `/api/v1/bulletins/${id}`, { token: tokens.editor }));
    const page = await request("GET", "/api/v1/bulletins?limit=1", { token: tokens.editor });
    expect(page.json.items).toHaveLength(1);
    expectDocumented("get", "/api/v1/bulletins", page);

    const claim = await request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 100 } });
    expect(claim.json.batch.messages.length).toBeGreaterThan(0);
    expectDocumented("post", "/partner/v1/batches/claim", claim);
    expectDocumented(
      "get",
      "/partner/v1/batches/{id}",
      await request("GET", `/partner/v1/batches/${claim.json.batch.id}`, { token: pipeline.partnerToken("VinaTel") }),
    );
    expectDocumented(
      "post",
      "/partner/v1/batches/claim",
      await request("POST", "/partner/v1/batches/claim", { token: pipeline.partnerToken("VinaTel"), body: { max: 100 } }),
    );

    const screens = await request("GET", "/api/v1/screens", { token: tokens.admin });
    const screenId = screens.json.items.find((screen: { gateCode: string }) => screen.gateCode === "VN-HT-CAUTREO").id;
    const screenToken = pipeline.credentials.screens.find((screen) => screen.id === screenId)!.token;
    const feed = await request("GET", "/screen/v1/feed", { token: screenToken });
    expect(feed.json.items.some((item: { bulletinId: string }) => item.bulletinId === id)).toBe(true);
    expectDocumented("get", "/screen/v1/feed", feed);

    expectDocumented("get", "/api/v1/reports/activity", await request("GET", "/api/v1/reports/activity?preset=year&year=2026", { token: tokens.admin }));
    const issued = await request("POST", "/api/v1/tokens", { token: tokens.admin, body: { kind: "screen", subjectId: screenId, label: "spare" } });
    expect(issued.status).toBe(201);
    expectDocumented("post", "/api/v1/tokens", issued);
    expectDocumented("get", "/api/v1/tokens", await request("GET", "/api/v1/tokens", { token: tokens.admin }));
    expectDocumented("post", "/api/v1/tokens/{id}/revoke", await request("POST", `/api/v1/tokens/${issued.json.id}/revoke`, { token: tokens.admin }));
    expectDocumented("get", "/readyz", await request("GET", "/readyz"));
    // a problem is what the document says a problem is
    const missing = await request("GET", "/api/v1/bulletins/00000000-0000-4000-8000-000000000000", { token: tokens.editor });
    expect(missing.status).toBe(404);
    const problem = ajv.compile({ $ref: "bantin-openapi#/components/schemas/Problem" });
    expect(problem(missing.json) ? [] : problem.errors).toEqual([]);
  });

  it("serves the document, and the interactive docs page with its script from this server", async () => {
    const served = await pipeline.request("GET", "/api/openapi.json");
    expect(served.status).toBe(200);
    expect(served.json).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const page = await pipeline.request("GET", "/api/docs");
    expect(page.status).toBe(200);
    const policy = page.headers.get("content-security-policy")!;
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*(unsafe-inline|https?:)/);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      // no inline script, and every script from this origin
      expect(inline!.trim()).toBe("");
      const source = /src="([^"]+)"/.exec(attributes!)![1]!;
      expect(source).toMatch(/^\/api\/docs\//);
      const script = await pipeline.request("GET", source);
      expect(script.status, source).toBe(200);
      expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    }
    expect(page.text).not.toMatch(/https?:\/\//);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)![1]!;
    expect((await pipeline.request("GET", stylesheet)).headers.get("content-type")).toMatch(/^text\/css/);
    expect((await pipeline.request("GET", "/api/docs/..%2Fpackage.json")).status).toBe(404);
  });
});
