// The contracts: every audience's routes, mounted where they answer. The OpenAPI document (openapi.ts) is generated
// from these routes, and app.ts mounts them through openapi.ts's documentedRoutes, so what is documented is what runs.
import { Hono } from "hono";
import type { AppEnv } from "./app-env.ts";
import { apiRoutes } from "./api/index.ts";
import { healthRoutes } from "./health.ts";
import { partnerRoutes } from "./partner/index.ts";
import { publicRoutes } from "./public/index.ts";
import { radioRoutes } from "./radio/index.ts";
import { screenRoutes } from "./screen/index.ts";

export const contractRoutes = new Hono<AppEnv>()
  .route("/", healthRoutes)
  .route("/api/v1", apiRoutes)
  .route("/partner/v1", partnerRoutes)
  .route("/screen/v1", screenRoutes)
  .route("/radio/v1", radioRoutes)
  .route("/public/v1", publicRoutes);
