// Security headers on every response (hono's secure-headers), and no-store on authenticated JSON.
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../app-env.ts";

/** What every response may do when a browser renders it: nothing (JSON, problems, images, audio). Pages that need
 *  more (the player) set their own Content-Security-Policy, which is kept. */
export const defaultContentSecurityPolicy = {
  defaultSrc: ["'none'"],
  // the API's HTML docs page carries its own small stylesheet
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/** HSTS only when the public address is https: sent over plain HTTP it would be ignored, and on a LAN install
 *  without TLS it would lock browsers out of the host once TLS is added elsewhere. */
export const securityHeaders = (options: { tls: boolean }): MiddlewareHandler<AppEnv> =>
  secureHeaders({
    // a header a route set itself (the player's own policy, its framing rule) wins
    overwrite: false,
    contentSecurityPolicy: defaultContentSecurityPolicy,
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    strictTransportSecurity: options.tls ? "max-age=31536000; includeSubDomains" : false,
    // public media and feeds are fetched by other sites' pages (national hubs, players); everything else is ours alone
    crossOriginResourcePolicy: "same-origin",
  });

/** Public interop documents and media may be embedded by other origins. */
export const crossOriginResources: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set("cross-origin-resource-policy", "cross-origin");
};

const json = /^application\/([\w.+-]+\+)?json\b/i;

/** Answers to a request that carried credentials (a bearer token), and the sign-in answers that hand out a token,
 *  are stored by no cache, shared or private. Routes that chose a cache policy themselves (the screen feed's ETag
 *  revalidation, content-addressed slides) keep theirs. */
export const noStoreAuthenticatedJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const authenticated = c.req.header("authorization") !== undefined || c.req.path.startsWith("/api/v1/auth/");
  if (!authenticated || c.res.headers.has("cache-control")) return;
  if (!json.test(c.res.headers.get("content-type") ?? "")) return;
  c.res.headers.set("cache-control", "no-store");
};
