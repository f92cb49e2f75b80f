// createApp(deps): mounts every audience on one hono app; reads no globals.
import { Hono } from "hono";
import { createLoginThrottle, defaultLoginThrottleSettings, memoryLimiter } from "./access/login-throttle.ts";
import { requestId } from "hono/request-id";
import type { AppDeps, AppEnv } from "./http/app-env.ts";
import { limitBodies } from "./http/middleware/json-body.ts";
import { requestLog } from "./http/middleware/request-log.ts";
import { createMetrics } from "./http/metrics.ts";
import { queueViewPath, queueViewRoutes } from "./http/queue-view.ts";
import { notFound, onError } from "./http/middleware/problem.ts";
import { crossOriginResources, noStoreAuthenticatedJson, securityHeaders } from "./http/middleware/security-headers.ts";
import { consoleRoutes } from "./http/console/index.tsx";
import { documentedRoutes } from "./http/openapi.ts";
import { createFeedBodies } from "./http/screen/feed-bodies.ts";
import { playerRoutes } from "./http/play/index.ts";
import { publicPageRoutes } from "./http/public/bulletin-page.tsx";

export const createApp = (appDeps: AppDeps) => {
  // sign-in is never unthrottled: without a shared store, this process's memory
  const deps: AppDeps = {
    ...appDeps,
    loginThrottle: appDeps.loginThrottle ?? createLoginThrottle(defaultLoginThrottleSettings, memoryLimiter),
    feedBodies: appDeps.feedBodies ?? createFeedBodies(),
  };
  const app = new Hono<AppEnv>();
  const metrics = createMetrics(deps);
  // an incoming X-Request-Id (nginx sends its $request_id) is kept when it is short and plain, else one is made
  app.use(requestId({ limitLength: 128 }));
  // deps with a logger that carries the request id; one access-log line and the request's metrics when answered
  app.use(requestLog(deps, metrics.observeRequest));
  app.use(securityHeaders({ tls: deps.publicUrl.startsWith("https:") }));
  app.use(noStoreAuthenticatedJson);
  app.use("/public/*", crossOriginResources);
  app.use(limitBodies());
  app.onError(onError);
  app.notFound(notFound);
  // the contracts (/healthz, /readyz, /api/v1, /partner/v1, /screen/v1, /radio/v1, /public/v1) and their OpenAPI
  // document (/api/openapi.json, /api/docs), generated from these very routes
  app.route("/", documentedRoutes);
  app.route("/", metrics.routes);
  app.route(queueViewPath, queueViewRoutes(deps));
  app.route("/play", playerRoutes);
  app.route("/b", publicPageRoutes);
  app.route("/", consoleRoutes);
  return app;
};

export type App = ReturnType<typeof createApp>;
