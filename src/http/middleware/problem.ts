// One error handler: AppError, validation errors and unknowns all become application/problem+json.
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";

/** The problem's `instance`: this request, by the id its log lines carry (and the X-Request-Id answer header). */
const instanceOf = (c: Context<AppEnv>) => {
  const requestId = c.get("requestId");
  return requestId ? `urn:bantin:request:${requestId}` : c.req.path;
};

export const problemResponse = (c: Context<AppEnv>, error: AppError) =>
  c.body(JSON.stringify(error.toProblem(instanceOf(c))), error.status as 400, {
    "content-type": "application/problem+json; charset=utf-8",
  });

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof AppError) return problemResponse(c, error);
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? "payload_too_large" : error.status === 401 ? "unauthenticated" : "bad_request";
    return problemResponse(c, new AppError(code, error.message || undefined));
  }
  // the request's logger carries its id
  c.get("deps")?.logger.error({ err: error, path: c.req.path }, "unhandled error");
  return problemResponse(c, new AppError("internal", `something went wrong; quote request id ${c.get("requestId")}`));
};

export const notFound: NotFoundHandler<AppEnv> = (c) => problemResponse(c, new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`));
