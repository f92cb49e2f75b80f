// Security headers on every response (hono's secure-headers), and no-store on authenticated JSON.
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../app-env.ts";

/** What a response that is not a page may do when a browser renders it: nothing (JSON, problems, images, audio). */
export const defaultContentSecurityPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Pages (the console, public bulletin pages, the API docs): their own origin's stylesheets, fonts, images and
 *  scripts, forms posted back to it, no plugins, never framed. Inline styles are allowed;
 *  no inline script is (the API docs page loads Swagger UI and its starter from this server, src/http/openapi.ts). A page that needs another policy (the player) sets its own, which is kept. */
export const pageContentSecurityPolicy = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** HSTS only when the public address is https: sent over plain HTTP it would be ignored, and on a LAN install
 *  without TLS it would lock browsers out of the host once TLS is added elsewhere. */
export const securityHeaders = (options: { tls: boolean }): MiddlewareHandler<AppEnv> => {
  const standard = secureHeaders({
    // a header a route set itself (the player's own policy, its framing rule) wins
    overwrite: false,
    xFrameOptions: "DENY",
    // nothing leaves for other sites; same-origin requests keep their Referer and Origin, which the console's
    // forms are checked with (under no-referrer a browser sends "Origin: null" with a form post)
    referrerPolicy: "same-origin",
    strictTransportSecurity: options.tls ? "max-age=31536000; includeSubDomains" : false,
    // public media and feeds are fetched by other sites' pages (national hubs, players); everything else is ours alone
    crossOriginResourcePolicy: "same-origin",
  });
  return async (c, next) => {
    await standard(c, async () => {
      await next();
      if (c.res.headers.has("content-security-policy")) return;
      const page = /^text\/html\b/i.test(c.res.headers.get("content-type") ?? "");
      c.res.headers.set("content-security-policy", page ? pageContentSecurityPolicy : defaultContentSecurityPolicy);
    });
  };
};

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
