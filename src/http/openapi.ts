// The OpenAPI 3.1 document of the stable contracts, generated from the routes themselves: every route of
// documentedRoutes (what app.ts mounts for the contracts) that carries a describeRoute() is an operation; its path and
// query parameters and its JSON body are the JSON Schemas of the zod schemas its validators check, its responses
// those it describes, and it takes a token when an authentication middleware stands in front of it. Served at
// /api/openapi.json, and as an interactive page (Swagger UI, served from our own node_modules) at /api/docs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import type { RouterRoute } from "hono/types";
import { findTargetHandler } from "hono/utils/handler";
import { z } from "zod";
import type { AppEnv } from "./app-env.ts";
import { contractRoutes } from "./contracts.ts";
import { describeRoute, json, routeDoc, tokenDoc, validatorDoc, type JsonSchema, type MediaDoc, type ResponseDoc, type RouteDoc } from "./describe-route.ts";

type ValidatorDoc = { target: string; schema: z.ZodType };
type Operation = Record<string, unknown> & { parameters?: Parameter[]; responses: Record<string, unknown> };
type Parameter = { name: string; in: "path" | "query"; required: boolean; description?: string; schema: JsonSchema };

const problemStatuses = ["400", "401", "403", "404", "409", "413", "422", "503"] as const;
const problem = { description: "Problem (RFC 9457)", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
// 503 `unavailable` with Retry-After: the database (or, for /readyz, the queue) does not answer
const unavailable = {
  ...problem,
  description: "Problem (RFC 9457): the database does not answer; try again after Retry-After seconds",
  headers: { "Retry-After": { description: "seconds to wait before trying again", schema: { type: "integer" } } },
};

const isZod = (schema: unknown): schema is z.ZodType => typeof schema === "object" && schema !== null && "_zod" in schema;

// zod writes its own regular expression beside these formats; the format says the same to a reader and to tools
// (which otherwise make up examples such as a date in the year 1284 that matches the expression)
const formatsSayingIt = new Set(["uuid", "date-time", "email", "uri"]);
const withoutRedundantPatterns = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(withoutRedundantPatterns);
  if (typeof node !== "object" || node === null) return node;
  const entries = Object.entries(node).filter(([key]) => !(key === "pattern" && formatsSayingIt.has((node as { format?: string }).format ?? "")));
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutRedundantPatterns(value)]));
};

/** A zod schema as JSON Schema (2020-12, the dialect of OpenAPI 3.1): what a client sends (input) or is answered (output). */
const jsonSchemaOf = (schema: z.ZodType | JsonSchema, io: "input" | "output"): JsonSchema => {
  if (!isZod(schema)) return schema;
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return withoutRedundantPatterns(rest) as JsonSchema;
};

const mediaOf = (content: Record<string, MediaDoc>, io: "input" | "output") =>
  Object.fromEntries(Object.entries(content).map(([type, media]) => [type, { schema: jsonSchemaOf(media.schema, io) }]));

const responseOf = (response: ResponseDoc) => ({ ...response, ...(response.content ? { content: mediaOf(response.content, "output") } : {}) });

/** hono's /bulletins/:id/texts/:language (and :name{pattern}) as OpenAPI's /bulletins/{id}/texts/{language}. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)(\{[^/]*\})?\??/g, "{$1}");

const operationId = (method: string, path: string) =>
  method.toLowerCase() +
  path
    .split("/")
    .filter(Boolean)
    .map((segment) => (segment.startsWith("{") ? `By${segment.slice(1, -1)}` : segment))
    .map((segment) => segment.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? "").toUpperCase()))
    .map((segment) => segment.charAt(0).toUpperCase() + segment.slice(1))
    .join("");

/** Does a middleware registered at `pattern` (hono's "/api/v1/*") run for `path`? */
const covers = (pattern: string, path: string) =>
  pattern.endsWith("/*") ? path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1)) : pattern === "*" || pattern === path;

/** The parameters of one validator: a path or query schema's properties, with what the route's doc adds. */
const parametersOf = (validator: ValidatorDoc, doc: RouteDoc): Parameter[] => {
  const schema = jsonSchemaOf(validator.schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const where = validator.target === "param" ? "path" : "query";
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description: schemaDescription, ...propertySchema } = property as JsonSchema & { description?: string };
    const extra = doc.parameters?.[name];
    const description = extra?.description ?? (schemaDescription as string | undefined);
    return {
      name,
      in: where,
      required: where === "path" || (schema.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: { ...propertySchema, ...extra?.schema },
    };
  });
};

/** One operation, from the handlers of one method and path, and the middleware registered in front of them. */
const operationOf = (method: string, path: string, handlers: unknown[], middleware: unknown[]): Operation | undefined => {
  const doc = handlers.map((handler) => (handler as { [routeDoc]?: RouteDoc })[routeDoc]).find(Boolean);
  if (!doc) return undefined;
  const validators = handlers
    .map((handler) => (handler as { [validatorDoc]?: ValidatorDoc })[validatorDoc])
    .filter((found): found is ValidatorDoc => Boolean(found));
  const authenticated = middleware.some((handler) => (handler as { [tokenDoc]?: boolean })[tokenDoc]);

  const parameters = validators
    .filter((validator) => validator.target === "param" || validator.target === "query")
    .flatMap((validator) => parametersOf(validator, doc));
  // a path parameter no validator checks (the route reads and checks it itself)
  for (const name of [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!)) {
    if (parameters.some((parameter) => parameter.in === "path" && parameter.name === name)) continue;
    const extra = doc.parameters?.[name];
    parameters.push({
      name,
      in: "path",
      required: true,
      ...(extra?.description ? { description: extra.description } : {}),
      schema: { type: "string", ...extra?.schema },
    });
  }
  const unknown = Object.keys(doc.parameters ?? {}).filter((name) => !parameters.some((parameter) => parameter.name === name));
  if (unknown.length > 0) throw new Error(`${method} ${path} describes parameters it does not take: ${unknown.join(", ")}`);

  const body = validators.find((validator) => validator.target === "json");
  const requestBody = body
    ? { required: !body.schema.safeParse(undefined).success, content: { "application/json": { schema: jsonSchemaOf(body.schema, "input") } } }
    : doc.body
      ? { required: true, content: mediaOf(doc.body, "input") }
      : undefined;

  const problems = doc.problems ?? problemStatuses.filter((status) => authenticated || (status !== "401" && status !== "403"));
  return {
    operationId: operationId(method, path),
    summary: doc.summary,
    tags: [doc.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      ...Object.fromEntries(Object.entries(doc.responses).map(([status, response]) => [status, responseOf(response)])),
      ...Object.fromEntries(problems.map((status) => [status, status === "503" ? unavailable : problem])),
    },
    ...(authenticated ? {} : { security: [] }),
  };
};

/** The operations described among these routes (hono's app.routes: one entry per handler, middleware as ALL). */
export const operationsOf = (routes: readonly RouterRoute[]) => {
  const paths: Record<string, Record<string, Operation>> = {};
  const groups = new Map<string, { method: string; path: string; first: number; handlers: unknown[] }>();
  routes.forEach((route, index) => {
    if (route.method === "ALL") return;
    const key = `${route.method} ${route.path}`;
    const group = groups.get(key) ?? { method: route.method, path: route.path, first: index, handlers: [] };
    group.handlers.push(findTargetHandler(route.handler));
    groups.set(key, group);
  });
  for (const { method, path, first, handlers } of groups.values()) {
    // middleware runs for a route when it was registered before it (a later .use() is not in its chain)
    const middleware = routes
      .slice(0, first)
      .filter((route) => route.method === "ALL" && covers(route.path, path))
      .map((route) => findTargetHandler(route.handler));
    const operation = operationOf(method, openApiPath(path), handlers, middleware);
    if (!operation) continue;
    (paths[openApiPath(path)] ??= {})[method.toLowerCase()] = operation;
  }
  return paths;
};

const documentOf = (routes: readonly RouterRoute[]) => ({
  openapi: "3.1.0",
  info: {
    title: "bantin",
    version: "1.0.0",
    description:
      "Bulletins for the border provinces: the editors' API (/api/v1), the telecom partners' contract (/partner/v1, SMS and voice messages), the border-gate screens' (/screen/v1) and the radio stations' (/radio/v1). " +
      "Every endpoint except /api/v1/auth/login, /healthz, /readyz and the public interop feed (/public/v1) takes `Authorization: Bearer <token>`; errors are `application/problem+json`.",
  },
  servers: [{ url: "/" }],
  security: [{ bearer: [] }],
  tags: [
    { name: "auth", description: "Signing in and out, and who is signed in" },
    { name: "bulletins", description: "Writing, approving, publishing, withdrawing and correcting bulletins" },
    { name: "voice", description: "Voice messages and radio scripts of a bulletin" },
    { name: "translations", description: "Templates, translation drafts and the translation memory" },
    { name: "places", description: "The gazetteer" },
    { name: "reports", description: "Activity reports" },
    { name: "admin", description: "Users, tokens and the endpoints: partners, screens, stations" },
    { name: "partner", description: "The telecom partners' contract: SMS and voice messages in leased batches" },
    { name: "screen", description: "The border-gate screens' contract: feed, slides, events, heartbeats, plays" },
    { name: "radio", description: "The radio stations' contract: scripts and airings" },
    { name: "public", description: "The public interop feed: Atom, CAP 1.2 and media, without a token" },
    { name: "operations", description: "Health, readiness and this document" },
  ],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Problem: {
        type: "object",
        required: ["type", "title", "status"],
        properties: {
          type: { type: "string" },
          title: { type: "string" },
          status: { type: "integer" },
          detail: { type: "string" },
          instance: { type: "string", description: "the request, urn:bantin:request:<id> (its X-Request-Id)" },
          errors: {
            type: "array",
            description: "validation problems (422), one per field",
            items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } },
          },
        },
      },
    },
  },
  paths: operationsOf(routes),
});

export type OpenApiDocument = ReturnType<typeof documentOf>;
let generated: OpenApiDocument | undefined;
/** The document of every route in documentedRoutes (made once: the routes do not change while the process runs). */
export const openApiDocument = (): OpenApiDocument => (generated ??= documentOf(documentedRoutes.routes));

const swaggerUi = (file: string) =>
  readFileSync(
    `${createRequire(import.meta.url)
      .resolve("swagger-ui-dist/package.json")
      .replace(/package\.json$/, "")}${file}`,
  );
const pageAssets: Record<string, { type: string; read: () => Buffer | string }> = {
  "swagger-ui-bundle.js": { type: "text/javascript; charset=utf-8", read: () => swaggerUi("swagger-ui-bundle.js") },
  "swagger-ui.css": { type: "text/css; charset=utf-8", read: () => swaggerUi("swagger-ui.css") },
  "docs.js": { type: "text/javascript; charset=utf-8", read: () => readFileSync(new URL("./docs.js", import.meta.url), "utf8") },
};
const loaded = new Map<string, Buffer | string>();

const docsPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>bantin API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <noscript><p>This page needs JavaScript. The document itself: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p></noscript>
    <main id="docs"></main>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/docs.js"></script>
  </body>
</html>`;

const docsRoutes = new Hono<AppEnv>()
  .get(
    "/openapi.json",
    describeRoute({
      summary: "This document: the OpenAPI 3.1 description of every contract, generated from the routes",
      tag: "operations",
      responses: { "200": json("OpenAPI 3.1", { type: "object" }) },
      problems: [],
    }),
    (c) => c.json(openApiDocument() as object, 200),
  )
  // the interactive page (Swagger UI): its script and stylesheet come from this server, never a CDN, so the
  // pages' Content-Security-Policy (scripts of this origin only, no inline script) holds
  .get("/docs", (c) => c.html(docsPage, 200, { "cache-control": "no-cache" }))
  .get("/docs/:file", (c) => {
    const file = c.req.param("file");
    const asset = Object.hasOwn(pageAssets, file) ? pageAssets[file] : undefined;
    if (!asset) return c.notFound();
    if (!loaded.has(file)) loaded.set(file, asset.read());
    const body = loaded.get(file)!;
    return c.body(typeof body === "string" ? body : new Uint8Array(body), 200, { "content-type": asset.type, "cache-control": "public, max-age=3600" });
  });

/** Every route the document describes, mounted where it answers; app.ts mounts this. */
export const documentedRoutes = new Hono<AppEnv>().route("/", contractRoutes).route("/api", docsRoutes);
