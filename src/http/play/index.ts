// /play/{screenId}: a ready player page for kiosk browsers (no build step): the page, its script, its service worker.
import { readFileSync } from "node:fs";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

const asset = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
const files = { html: asset("player.html"), js: asset("player.js"), sw: asset("sw.js") };
const noCache = { "cache-control": "no-cache" };

export const playerRoutes = new Hono<AppEnv>()
  .get("/player.js", (c) => c.body(files.js, 200, { ...noCache, "content-type": "text/javascript; charset=utf-8" }))
  .get("/sw.js", (c) => c.body(files.sw, 200, { ...noCache, "content-type": "text/javascript; charset=utf-8", "service-worker-allowed": "/play/" }))
  .get("/:screenId{[0-9a-f-]{36}}", (c) => c.html(files.html, 200, noCache));
