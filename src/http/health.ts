import { Hono } from "hono";
import type { AppEnv } from "./app-env.ts";

export const healthRoutes = new Hono<AppEnv>()
  // alive: the process answers
  .get("/healthz", (c) => c.json({ status: "ok" }, 200))
  // ready: the database and the queue answer too
  .get("/readyz", async (c) => {
    const { checks } = c.get("deps");
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, "ok"] as const;
        } catch (error) {
          return [name, `down: ${(error as Error).message}`] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === "ok");
    return c.json({ status: ready ? "ready" : "not ready", checks: Object.fromEntries(results) }, ready ? 200 : 503);
  });
