// One error handler: AppError, validation errors and unknowns all become application/problem+json.
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { isDatabaseUnavailable } from "../../db/database-unavailable.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";

/** An error that says when to come back (its retryAfter, whole seconds) also says it in Retry-After. */
export const problemResponse = (c: Context<AppEnv>, error: AppError) => {
  return c.body(JSON.stringify(error.toProblem(c.req.path)), error.status as 400, {
    "content-type": "application/problem+json; charset=utf-8",
    ...(error.retryAfter !== undefined ? { "retry-after": String(error.retryAfter) } : {}),
  });
};

/** What a client is told to wait while the database does not answer: long enough not to hammer it, short enough
 *  that screens and partners are back soon after it is. */
export const databaseRetryAfterSeconds = 5;

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof AppError) return problemResponse(c, error);
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? "payload_too_large" : error.status === 401 ? "unauthenticated" : "bad_request";
    return problemResponse(c, new AppError(code, error.message || undefined));
  }
  if (isDatabaseUnavailable(error)) {
    c.get("deps")?.logger.warn({ err: error, requestId: c.get("requestId"), path: c.req.path }, "database unavailable");
    return problemResponse(c, new AppError("unavailable", "the database is not answering; try again shortly", {}, { retryAfter: databaseRetryAfterSeconds }));
  }
  c.get("deps")?.logger.error({ err: error, requestId: c.get("requestId"), path: c.req.path }, "unhandled error");
  return problemResponse(c, new AppError("internal", `something went wrong; quote request id ${c.get("requestId")}`));
};

export const notFound: NotFoundHandler<AppEnv> = (c) => problemResponse(c, new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`));
