// What the OpenAPI document (src/http/openapi.ts) is generated from: each contract route carries a describeRoute()
// middleware that does nothing at request time and holds the route's summary, tag and responses; the request's
// parameters and body come from the route's own validators (validate() marks each with its schema), and whether it
// takes a token from the authentication middleware in front of it (marked with requiresToken). A route without a
// describeRoute() is not in the document, and test/integration/http/openapi-routes.test.ts fails on it.
import type { MiddlewareHandler } from "hono";
import type { z } from "zod";

export const routeDoc = Symbol.for("bantin.openapi.route");
export const validatorDoc = Symbol.for("bantin.openapi.validator");
export const tokenDoc = Symbol.for("bantin.openapi.token");

/** A JSON Schema written out, for what no zod schema describes (CAP XML, audio, an Atom feed). */
export type JsonSchema = Record<string, unknown>;
export type MediaDoc = { schema: z.ZodType | JsonSchema };
export type ResponseDoc = {
  description: string;
  headers?: Record<string, { description?: string; schema: JsonSchema }>;
  content?: Record<string, MediaDoc>;
};

export type RouteDoc = {
  /** one line (or a paragraph) saying what the route does, for whom and with which rules */
  summary: string;
  tag: "auth" | "bulletins" | "voice" | "translations" | "places" | "reports" | "admin" | "partner" | "screen" | "radio" | "public" | "operations";
  /** descriptions, or a narrower schema, of parameters the validators take, or of path parameters no validator checks */
  parameters?: Record<string, { description?: string; schema?: JsonSchema }>;
  /** a body that is not JSON (a CAP document, a recording), by media type; a JSON body comes from the validator */
  body?: Record<string, MediaDoc>;
  /** the answers other than problems, by status */
  responses: Record<string, ResponseDoc>;
  /** the problem (RFC 9457) statuses it answers with; by default 400, 404, 409, 413, 422, 503 and, behind a token, 401 and 403 */
  problems?: readonly string[];
};

/** The route's description in the OpenAPI document; put it before the route's validators. */
export const describeRoute = (doc: RouteDoc): MiddlewareHandler => Object.assign(async (_c: unknown, next: () => Promise<void>) => next(), { [routeDoc]: doc });

/** A JSON answer with its schema. */
export const json = (description: string, schema: z.ZodType | JsonSchema, headers?: ResponseDoc["headers"]): ResponseDoc => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema } },
});

/** An answer of another media type (a document, an image, audio, a feed). */
export const media = (description: string, types: Record<string, JsonSchema>, headers?: ResponseDoc["headers"]): ResponseDoc => ({
  description,
  ...(headers ? { headers } : {}),
  content: Object.fromEntries(Object.entries(types).map(([type, schema]) => [type, { schema }])),
});

export const etagHeader = { ETag: { description: "a strong entity tag; send it back as If-None-Match", schema: { type: "string" } } };
export const notModified: ResponseDoc = { description: "Not modified: the If-None-Match tag is still current", headers: etagHeader };

/** An authentication middleware: the routes behind it take Authorization: Bearer <token> in the document. */
// biome-ignore lint/suspicious/noExplicitAny: marks the authentication middleware of any audience, whatever its env
export const requiresToken = <Handler extends MiddlewareHandler<any>>(handler: Handler): Handler => Object.assign(handler, { [tokenDoc]: true });

export const created = { Location: { description: "the address of what was created", schema: { type: "string" } } };
