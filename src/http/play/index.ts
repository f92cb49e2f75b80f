// /play/{screenId}: a ready player page for kiosk browsers (no build step): the page, its script, its service worker.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

const asset = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
const files = { html: asset("player.html"), js: asset("player.js"), sw: asset("sw.js") };

/** The page's one inline stylesheet, allowed by its hash (no 'unsafe-inline'). */
const styleHashes = [...files.html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
  (match) => `'sha256-${createHash("sha256").update(match[1]!, "utf8").digest("base64")}'`,
);

/** What the player may do: its own script and service worker, the feed, slides and events from this origin (slides
 *  shown as blob: object URLs), nothing inline but its stylesheet. It has no controls to trick anyone into using,
 *  but nothing frames it except, one day, the console's preview on the same origin. The service worker's fetches
 *  are governed by the policy sent with sw.js, so every file here carries it. */
export const playerContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src ${styleHashes.join(" ")}`,
  "img-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");

const headers = { "cache-control": "no-cache", "content-security-policy": playerContentSecurityPolicy, "x-frame-options": "SAMEORIGIN" };

export const playerRoutes = new Hono<AppEnv>()
  .get("/player.js", (c) => c.body(files.js, 200, { ...headers, "content-type": "text/javascript; charset=utf-8" }))
  .get("/sw.js", (c) => c.body(files.sw, 200, { ...headers, "content-type": "text/javascript; charset=utf-8", "service-worker-allowed": "/play/" }))
  .get("/:screenId{[0-9a-f-]{36}}", (c) => c.html(files.html, 200, headers));
