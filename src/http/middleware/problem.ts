// One error handler: AppError, validation errors and unknowns all become application/problem+json.
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";

/** An error that says when to come back (`retryAfter`, whole seconds, in its extra) also says it in Retry-After. */
export const problemResponse = (c: Context<AppEnv>, error: AppError) => {
  const retryAfter = error.extra.retryAfter;
  return c.body(JSON.stringify(error.toProblem(c.req.path)), error.status as 400, {
    "content-type": "application/problem+json; charset=utf-8",
    ...(typeof retryAfter === "number" && Number.isFinite(retryAfter) && retryAfter >= 0 ? { "retry-after": String(Math.ceil(retryAfter)) } : {}),
  });
};

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof AppError) return problemResponse(c, error);
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? "payload_too_large" : error.status === 401 ? "unauthenticated" : "bad_request";
    return problemResponse(c, new AppError(code, error.message || undefined));
  }
  c.get("deps")?.logger.error({ err: error, requestId: c.get("requestId"), path: c.req.path }, "unhandled error");
  return problemResponse(c, new AppError("internal", `something went wrong; quote request id ${c.get("requestId")}`));
};

export const notFound: NotFoundHandler<AppEnv> = (c) => problemResponse(c, new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`));
