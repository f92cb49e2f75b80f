// Console sessions: the cookie holds a user session token (the one POST /api/v1/auth/login issues), so a session is
// server-side (stored only as a hash, expires, revocable at sign-out) and the roles are those the API enforces.
// Every form that changes something carries a CSRF token derived from the session, and a cross-site POST is refused
// by its Origin / Sec-Fetch-Site headers before the token is even looked at.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Role } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import { fixedT } from "../../localize/i18n.ts";
import type { AppEnv } from "../app-env.ts";
import { waitingWork, type WaitingWork } from "./waiting-work.ts";
import { waitingCacheFor } from "./list-cache.ts";
import { readConsoleListVersion } from "../../db/queries/console-list-version.ts";
import type { Db } from "../../db/client.ts";
import { getUser, type User } from "../../db/queries/users.ts";
import { findToken } from "../middleware/auth.ts";
import { sessionCacheFor } from "./session-cache.ts";
import type { PostedForm } from "./admin-forms.tsx";

export const sessionCookie = "bantin_session";

export type { ConsoleContext } from "./console-context.ts";

/** The CSRF token of a session: an HMAC of the session token, so nothing more is stored and it dies with the session. */
export const csrfTokenFor = (sessionToken: string) => createHmac("sha256", sessionToken).update("bantin console form").digest("base64url");

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const secure = (c: Context<AppEnv>) => c.get("deps").publicUrl.startsWith("https:");

export const startSession = (c: Context<AppEnv>, session: { token: string; expiresAt: Date | string | null }) =>
  setCookie(c, sessionCookie, session.token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    path: "/",
    ...(session.expiresAt ? { expires: new Date(session.expiresAt) } : {}),
  });

export const endSession = (c: Context<AppEnv>) => deleteCookie(c, sessionCookie, { path: "/", secure: secure(c) });

export const sessionToken = (c: Context<AppEnv>) => getCookie(c, sessionCookie);

/** Where to go after signing in: a path of this site only ("/bulletins?x=1"), never another host ("//evil", "https:"). */
export const safeNext = (next: string | undefined) => (next && /^\/(?![/\\])/.test(next) ? next : "/");

/** The enabled user of a live session token, from this process's short memory of sessions (session-cache.ts) or
 *  the database. */
const cachedUserForToken = async (db: Db, token: string, now: Date) => {
  const cache = sessionCacheFor(db);
  const known = cache.get(token, now);
  if (known) return known;
  const found = await findToken(db, { kind: "user", token, now });
  const user = found ? await getUser(db, found.subjectId) : undefined;
  if (!found || !user || user.disabled) return undefined;
  cache.set(token, user, found.expiresAt ? new Date(found.expiresAt) : null);
  return user;
};

/** The bulletin list's version (console-list-version.ts), read at most once a request: the list cache and the
 *  banner's cache are both keyed by it. */
export const listVersionOf = (c: Context<AppEnv>): Promise<string> => {
  let version = c.get("consoleListVersion");
  if (!version) {
    const pushed = c.get("deps").consoleListVersion;
    c.set("consoleListVersion", (version = pushed ? Promise.resolve(pushed()) : readConsoleListVersion(c.get("deps").db)));
  }
  return version;
};

/** The banner's waiting work for the reader, remembered per reader while the list's version stays (list-cache.ts). */
const waitingFor = async (c: Context<AppEnv>, user: User): Promise<WaitingWork | undefined> => {
  const { db, clock, consoleListCache } = c.get("deps");
  if (!user.roles.includes("translator") && !user.roles.includes("editor")) return undefined;
  if (consoleListCache === false) return waitingWork(db, user);
  const cache = waitingCacheFor(db);
  const key = JSON.stringify([user.id, user.roles]);
  const version = await listVersionOf(c);
  const now = clock().getTime();
  const known = cache.get(key, version, now);
  if (known) return known;
  const waiting = await waitingWork(db, user);
  if (waiting) cache.set(key, version, now, waiting);
  return waiting;
};

/** A signed-in request: no live session sends the browser to the sign-in page and back here afterwards. A page
 *  (`banner`) also carries what waits for the reader; a fragment a page's script asks for (a preview, a search)
 *  does not. */
const sessionMiddleware =
  (options: { banner: boolean }): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = sessionToken(c);
    const { db, clock } = c.get("deps");
    const user = token ? await cachedUserForToken(db, token, clock()) : undefined;
    if (!token || !user) {
      if (token) endSession(c);
      const here = c.req.method === "GET" ? c.req.path + (new URL(c.req.url).search || "") : "/";
      return c.redirect(`/login?next=${encodeURIComponent(here)}${token ? "&expired=1" : ""}`, 303);
    }
    c.set("actor", { id: user.id, username: user.username, roles: user.roles });
    const waiting = options.banner ? await waitingFor(c, user) : undefined;
    c.set("console", {
      user,
      language: user.consoleLanguage,
      t: fixedT(user.consoleLanguage, "console"),
      csrfToken: csrfTokenFor(token),
      ...(waiting ? { waiting } : {}),
    });
    await next();
  };

/** A signed-in page (with the waiting-work banner). */
export const requireSession = sessionMiddleware({ banner: true });
/** A signed-in fragment or stream that a page's script asks for: no banner to work out. */
export const requireSessionFragment = sessionMiddleware({ banner: false });

/** A request whose headers say it comes from another site (a form posted from elsewhere). */
export const crossSite = (c: Context<AppEnv>) => {
  const fetchSite = c.req.header("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = c.req.header("origin");
  if (!origin) return false;
  const allowed = new Set([new URL(c.req.url).origin, new URL(c.get("deps").publicUrl).origin]);
  return !allowed.has(origin);
};

/** A console form's fields (several values of one name as a list), parsed once a request: the CSRF check and the
 *  handler read the same parse. */
export const consoleFormBody = (c: Context<AppEnv>): Promise<PostedForm> => {
  let body = c.get("consoleForm");
  if (!body) c.set("consoleForm", (body = parseConsoleForm(c)));
  return body;
};

/** What hono's parseBody({ all: true }) gives; a URL-encoded form (every console form but uploads) is read with
 *  URLSearchParams, the parser fetch's own formData() uses for it, without building a FormData first (a third of a
 *  compose preview's time went there). */
const parseConsoleForm = async (c: Context<AppEnv>): Promise<PostedForm> => {
  const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return (await c.req.parseBody({ all: true })) as PostedForm;
  const form: PostedForm = Object.create(null);
  for (const [key, value] of new URLSearchParams(await c.req.text())) {
    const known = form[key];
    if (known === undefined) form[key] = key.endsWith("[]") ? [value] : value;
    else if (Array.isArray(known)) known.push(value);
    else form[key] = [known, value];
  }
  return form;
};

/** Every console form that changes something: same site, and the session's CSRF token in `_csrf`. */
export const requireCsrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const token = sessionToken(c);
  const form = await consoleFormBody(c);
  const given = typeof form._csrf === "string" ? form._csrf : "";
  // requireSession has worked the session's token out already where it ran
  const expected = token ? (c.get("console")?.csrfToken ?? csrfTokenFor(token)) : "";
  if (crossSite(c) || !token || !sameToken(given, expected)) {
    throw new AppError("forbidden", "this form is out of date or was sent from another site; reload the page and try again", { csrf: true });
  }
  await next();
};

/** A page for some roles only: anyone else sees a 403 page naming the roles it is for. */
export const requireConsoleRole =
  (...allowed: Role[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!allowed.some((role) => c.get("actor").roles.includes(role))) {
      throw new AppError("forbidden", `this page needs the ${allowed.join(" or ")} role`, { roles: allowed });
    }
    await next();
  };
