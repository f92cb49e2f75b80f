// Every request: its id on every log line (a child logger in the context), one access-log line when it is answered,
// and its count and duration in the app's metrics, by route template (never the raw path: ids would make every URL a
// new series).
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppDeps, AppEnv } from "../app-env.ts";

/** What a request is counted under: the pattern of the route that answered it, or "unmatched" (a 404 for no route). */
export const routeTemplate = (c: Context<AppEnv>) => {
  // middleware is registered for every method ("ALL"); the handler that answers is registered for its method
  const handlers = matchedRoutes(c).filter((route) => route.method !== "ALL");
  return handlers.at(-1)?.path ?? "unmatched";
};

export type RequestObserver = (request: { method: string; route: string; status: number; seconds: number }) => void;

/** Runs after hono's request-id middleware: `requestId` is set. */
export const requestLog =
  (deps: AppDeps, observe?: RequestObserver): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const requestId = c.get("requestId");
    const logger = deps.logger.child({ requestId });
    c.set("deps", { ...deps, logger });
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1_000;
    const route = routeTemplate(c);
    const status = c.res.status;
    observe?.({ method: c.req.method, route, status, seconds });
    logger.info({ method: c.req.method, route, path: c.req.path, status, durationMs: Math.round(seconds * 10_000) / 10 }, "request");
  };
