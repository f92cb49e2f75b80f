import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { withTimeout } from "../queue/with-timeout.ts";
import type { AppEnv } from "./app-env.ts";
import { describeRoute, json } from "./describe-route.ts";
import { databaseRetryAfterSeconds, problemResponse } from "./middleware/problem.ts";

/** How long each readiness check may take: a load balancer asking must get its answer at once, never wait for a
 *  dependency that hangs (a database being failed over, a black-holed Redis). */
export const readinessTimeoutMs = 500;

export const healthRoutes = new Hono<AppEnv>()
  // alive: the process answers
  .get(
    "/healthz",
    describeRoute({ summary: "Alive", tag: "operations", responses: { "200": json("Alive", z.object({ status: z.literal("ok") })) }, problems: [] }),
    (c) => c.json({ status: "ok" }, 200),
  )
  // ready: the database and the queue answer too; otherwise 503 problem+json naming what is down
  .get(
    "/readyz",
    describeRoute({
      summary: "Ready: database and queue answer",
      tag: "operations",
      responses: { "200": json("Ready", z.object({ status: z.literal("ready"), checks: z.record(z.string(), z.string()) })) },
      problems: ["503"],
    }),
    async (c) => {
      const { checks } = c.get("deps");
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await withTimeout(check(), readinessTimeoutMs, name);
            return [name, "ok"] as const;
          } catch (error) {
            return [name, `down: ${(error as Error).message}`] as const;
          }
        }),
      );
      const down = results.filter(([, state]) => state !== "ok").map(([name]) => name);
      if (down.length === 0) return c.json({ status: "ready", checks: Object.fromEntries(results) }, 200);
      return problemResponse(
        c,
        new AppError(
          "unavailable",
          `not ready: ${down.join(" and ")} not answering`,
          { checks: Object.fromEntries(results) },
          { retryAfter: databaseRetryAfterSeconds },
        ),
      );
    },
  );
