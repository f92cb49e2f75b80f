// The queue view at /admin/queues: Bull Board for administrators in BullMQ mode; in embedded mode a page saying it
// is a BullMQ feature. An admin signed in to the console opens it directly; anyone else signs in with a small form:
// the session token is kept in a cookie that only this path receives (HttpOnly, SameSite=Strict, so another site can
// neither read it nor make the browser send it with a request that changes a queue).
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { accepts } from "hono/accepts";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { z } from "zod";
import { revokeToken } from "../access/issue-token.ts";
import { logIn } from "../access/users.ts";
import { getUser } from "../db/queries/users.ts";
import { languages, type Language } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { fixedT } from "../localize/i18n.ts";
import type { AppDeps, AppEnv } from "./app-env.ts";
import { findToken } from "./middleware/auth.ts";
import { strictJson } from "./middleware/json-body.ts";
import { validate } from "./middleware/validate.ts";
import { crossSite, sessionCookie } from "./console/session.ts";

export const queueViewPath = "/admin/queues";
const cookieName = "bantin_queues";
const SignInSchema = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

/** The page's language: ?lang=, else the browser's preference among ours, else Vietnamese. */
const languageOf = (c: Context<AppEnv>): Language => {
  const asked = c.req.query("lang");
  if (asked && (languages as readonly string[]).includes(asked)) return asked as Language;
  return accepts(c, { header: "Accept-Language", supports: [...languages], default: "vi" }) as Language;
};

const page = (language: Language, title: string, body: ReturnType<typeof html>) =>
  html`<!doctype html>
<html lang="${language}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · bantin</title>
    <style>
      body { font-family: system-ui, "Noto Sans", sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
      label { display: block; margin-top: 1rem; }
      input { display: block; width: 100%; padding: .4rem; font-size: 1rem; }
      button { margin-top: 1.5rem; padding: .5rem 1.5rem; font-size: 1rem; }
      [role="alert"] { color: #a00; min-height: 1.5em; }
    </style>
  </head>
  <body>
    ${body}
  </body>
</html>`;

/** Embedded mode: nothing to show but what the view is for. */
const embeddedPage = (c: Context<AppEnv>) => {
  const language = languageOf(c);
  const t = fixedT(language, "console");
  return c.html(
    page(
      language,
      t("queueView.title"),
      html`<h1>${t("queueView.title")}</h1><p><strong>${t("queueView.bullmqOnly")}</strong></p><p>${t("queueView.embeddedNote")}</p>`,
    ),
    200,
  );
};

const signInPage = (c: Context<AppEnv>) => {
  const language = languageOf(c);
  const t = fixedT(language, "console");
  return c.html(
    page(
      language,
      t("queueView.signInTitle"),
      html`<h1>${t("queueView.signInTitle")}</h1>
        <p>${t("queueView.signInHint")}</p>
        <form id="sign-in" method="post" action="${queueViewPath}/sign-in" data-wrong="${t("queueView.wrongCredentials")}" data-not-admin="${t("queueView.notAdmin")}" data-failed="${t("queueView.failed")}">
          <label>${t("queueView.username")}<input name="username" autocomplete="username" required maxlength="100" /></label>
          <label>${t("queueView.password")}<input name="password" type="password" autocomplete="current-password" required maxlength="200" /></label>
          <button type="submit">${t("queueView.signIn")}</button>
          <p role="alert" id="message"></p>
        </form>
        <script src="${queueViewPath}/sign-in.js"></script>`,
    ),
    200,
  );
};

// Bodies are JSON everywhere (src/http/middleware/json-body.ts), so the form is sent as JSON by this script.
const signInScript = `"use strict";
const form = document.getElementById("sign-in");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const message = document.getElementById("message");
  message.textContent = "";
  const data = new FormData(form);
  try {
    const response = await fetch(form.action, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: data.get("username"), password: data.get("password") }),
      credentials: "same-origin",
    });
    if (response.ok) return location.assign(${JSON.stringify(queueViewPath)});
    message.textContent = response.status === 403 ? form.dataset.notAdmin : response.status === 401 ? form.dataset.wrong : form.dataset.failed;
  } catch {
    message.textContent = form.dataset.failed;
  }
});
`;

const adminOf = async (c: Context<AppEnv>, token: string | undefined) => {
  if (!token) return undefined;
  const { db, clock } = c.get("deps");
  const found = await findToken(db, { kind: "user", token, now: clock() });
  const user = found ? await getUser(db, found.subjectId) : undefined;
  return user && !user.disabled && user.roles.includes("admin") ? user : undefined;
};

/** The admin behind this view's cookie (or a bearer token, for scripts), else behind the console's session: an admin
 *  signed in to the console opens the view without signing in again. The console's cookie is SameSite=Lax, so a
 *  request that changes a queue is also refused when its headers say another site sent it. */
const signedInAdmin = async (c: Context<AppEnv>) => {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
  const own = await adminOf(c, getCookie(c, cookieName) ?? bearer);
  if (own) return own;
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && crossSite(c)) return undefined;
  return adminOf(c, getCookie(c, sessionCookie));
};

const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (await signedInAdmin(c)) return next();
  // the page itself sends a browser to the sign-in form; the board's own API answers like every API
  if (c.req.method === "GET" && !c.req.path.startsWith(`${queueViewPath}/api/`) && !c.req.path.startsWith(`${queueViewPath}/static/`)) {
    return c.redirect(`${queueViewPath}/sign-in`, 303);
  }
  throw new AppError("unauthenticated", `sign in at ${queueViewPath}/sign-in as an administrator`);
};

/** The routes under /admin/queues for this app's queue. */
export const queueViewRoutes = (deps: AppDeps) => {
  const routes = new Hono<AppEnv>();
  const queues = deps.queue.bullmqQueues;
  if (!queues) {
    routes.get("/", embeddedPage).get("/*", embeddedPage);
    return routes;
  }
  // Bull Board is set up at the first request for it, not when the process starts (a few MB an API process that
  // nobody opens the view on never needs); an app of its own, mounted at the full path, answers its requests
  let board: Promise<Hono> | undefined;
  const loadBoard = () =>
    (board ??= (async () => {
      const [{ createBullBoard }, { BullMQAdapter }, { HonoAdapter }] = await Promise.all([
        import("@bull-board/api"),
        import("@bull-board/api/bullMQAdapter"),
        import("@bull-board/hono"),
      ]);
      const adapter = new HonoAdapter(serveStatic);
      adapter.setBasePath(queueViewPath);
      createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: adapter, options: { uiConfig: { boardTitle: "bantin" } } });
      return new Hono().route(queueViewPath, adapter.registerPlugin());
    })());
  const secure = deps.publicUrl.startsWith("https:");
  routes
    .get("/sign-in", signInPage)
    .get("/sign-in.js", (c) => c.body(signInScript, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }))
    .post("/sign-in", strictJson, validate("json", SignInSchema), async (c) => {
      const { db, clock } = c.get("deps");
      const session = await logIn(db, { ...c.req.valid("json"), now: clock() });
      if (!session.user.roles.includes("admin")) {
        // a session for someone who may not use it is not left behind
        const issued = await findToken(db, { kind: "user", token: session.token, now: clock() });
        if (issued) await revokeToken(db, { id: issued.id, now: clock() });
        throw new AppError("forbidden", "only administrators may see the job queues");
      }
      setCookie(c, cookieName, session.token, {
        path: queueViewPath,
        httpOnly: true,
        sameSite: "Strict",
        secure,
        expires: new Date(session.expiresAt ?? clock().getTime() + 12 * 3_600_000),
      });
      return c.body(null, 204);
    })
    .post("/sign-out", async (c) => {
      const { db, clock } = c.get("deps");
      const token = getCookie(c, cookieName);
      const issued = token ? await findToken(db, { kind: "user", token, now: clock() }) : undefined;
      if (issued) await revokeToken(db, { id: issued.id, now: clock() });
      deleteCookie(c, cookieName, { path: queueViewPath, secure });
      return c.redirect(`${queueViewPath}/sign-in`, 303);
    })
    .use(requireAdmin)
    .all("/*", async (c) => (await loadBoard()).fetch(c.req.raw, c.env));
  return routes;
};
