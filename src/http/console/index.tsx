// The console: server-rendered pages for the people of the department, in Vietnamese or English. Pages call the
// same use cases and named queries as the API and check the same roles; forms carry a CSRF token and are refused
// from other sites; errors are pages in the reader's language, not problem+json.
import { readdirSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { Hono, type Context, type ErrorHandler } from "hono";
import { z } from "zod";
import type { Actor } from "../../access/actor.ts";
import { logIn } from "../../access/users.ts";
import { approveBulletin } from "../../bulletins/approve-bulletin.ts";
import { approveBulletinText } from "../../bulletins/approve-bulletin-text.ts";
import { ReasonSchema, WithdrawSchema } from "../../bulletins/bulletin-schemas.ts";
import { rejectBulletin } from "../../bulletins/reject-bulletin.ts";
import { submitBulletin } from "../../bulletins/submit-bulletin.ts";
import { withdrawBulletin } from "../../bulletins/withdraw-bulletin.ts";
import { readBulletinView } from "../../bulletins/bulletin-view.ts";
import { listAudit } from "../../db/queries/audit.ts";
import { listBulletins, listTextHeadlines, waitingLanguages, type Bulletin } from "../../db/queries/bulletins.ts";
import { listDeliveries, listEndpointsReached } from "../../db/queries/delivery-log.ts";
import { listPartners } from "../../db/queries/partners.ts";
import { listScreens } from "../../db/queries/screens.ts";
import { listStations } from "../../db/queries/stations.ts";
import { revokeTokenByHash } from "../../db/queries/tokens.ts";
import { listUsersByUsername, setConsoleLanguage } from "../../db/queries/users.ts";
import { fontFiles } from "../../channels/display/fonts.ts";
import { hashToken } from "../../access/secrets.ts";
import { consoleLanguages, editableStatuses, LanguageSchema, type ConsoleLanguage, type Language, type Role } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import { fixedT } from "../../localize/i18n.ts";
import { BulletinListQuerySchema, bulletinFiltersOf, encodeBulletinCursor } from "../api/bulletin-list-query.ts";
import { LoginSchema } from "../api/index.ts";
import { ReportQuerySchema, reportDownload } from "../api/reports.ts";
import { buildReport } from "../../delivery/reports/build-report.ts";
import { resolveReportPeriod } from "../../delivery/reports/periods.ts";
import { provinceDate } from "../../delivery/reports/formats/report-words.ts";
import type { AppEnv } from "../app-env.ts";
import { BulletinListPage, BulletinPage, WithdrawPage, type BulletinActions, type ListedBulletin, type ListFilters } from "./bulletins-page.tsx";
import { adminConsoleRoutes } from "./admin-routes.tsx";
import { endpointConsoleRoutes } from "./endpoint-routes.tsx";
import { ReportsPage, type ReportForm } from "./reports-page.tsx";
import { stylesheet } from "./layout.tsx";
import { listCacheFor } from "./list-cache.ts";
import { sessionCacheFor } from "./session-cache.ts";
import { endSession, listVersionOf, requireConsoleRole, requireCsrf, requireSession, safeNext, sessionToken, startSession, crossSite } from "./session.ts";
import { clientAddress } from "../middleware/client-address.ts";
import { ErrorPage, SignInPage } from "./sign-in-page.tsx";
import { translateRoutes } from "./translate-routes.tsx";
import { reviewMarks } from "../../localize/review-marks.ts";
import { placeLookup, type Place } from "../../db/queries/places.ts";
import { previewPlaces } from "../../bulletins/preview-bulletin.ts";
import { placeName } from "./format.ts";
import { deliveryRoutes } from "./delivery-routes.ts";
import { readBulletinDelivery } from "../../delivery/bulletin-delivery.ts";
import { composeRoutes } from "./compose.tsx";
import { issueMessages, refusalMessage } from "./issue-messages.ts";

/** Client scripts (progressive enhancement: every page works without them), served from assets/. */
const scripts = new Map(
  readdirSync(new URL("./assets/", import.meta.url))
    .filter((file) => file.endsWith(".js"))
    .map((file) => [file, readFileSync(new URL(`./assets/${file}`, import.meta.url), "utf8")]),
);

/** The shipped Noto fonts (the ones slides are drawn with), so Lao and Khmer show on machines without them. */
const fonts = new Map(fontFiles.map((file) => [basename(file), file]));
const fontFaces = fontFiles
  .map((file) => {
    const name = basename(file);
    const family = name.startsWith("NotoSansLao") ? "Noto Sans Lao" : name.startsWith("NotoSansKhmer") ? "Noto Sans Khmer" : "Noto Sans";
    return `@font-face { font-family: "${family}"; font-weight: ${name.includes("700") ? 700 : 400}; font-display: swap; src: url("/console/assets/fonts/${name}") format("truetype"); }`;
  })
  .join("\n");
const css = `${fontFaces}\n${readFileSync(new URL("./console.css", import.meta.url), "utf8")}`;

/** Pages before sign-in speak Vietnamese unless English is asked for (?lang=en, kept through the sign-in form). */
const guestLanguage = (c: Context<AppEnv>): ConsoleLanguage => (c.req.query("lang") === "en" ? "en" : "vi");

const onConsoleError: ErrorHandler<AppEnv> = (error, c) => {
  const context = c.get("console");
  const language = context?.language ?? guestLanguage(c);
  const t = context?.t ?? fixedT(language, "console");
  if (!(error instanceof AppError)) {
    c.get("deps").logger.error({ err: error, requestId: c.get("requestId"), path: c.req.path }, "console page failed");
    return c.html(
      <ErrorPage console={context} t={t} language={language} title={t("errors.otherTitle")} text={`${t("errors.otherTitle")} (${c.get("requestId")})`} />,
      500,
    );
  }
  const roles = error.extra.roles as Role[] | undefined;
  const text = error.extra.csrf
    ? t("errors.csrf")
    : roles && context
      ? t("errors.forbidden", {
          roles: roles.map((role) => t(`roles.${role}`)).join(", "),
          yours: context.user.roles.map((role) => t(`roles.${role}`)).join(", "),
        })
      : refusalMessage(language, error);
  const title = error.status === 404 ? t("errors.notFoundTitle") : error.status === 403 ? t("errors.forbiddenTitle") : t("errors.otherTitle");
  return c.html(<ErrorPage console={context} t={t} language={language} title={title} text={text} />, error.status as 403);
};

/** Headlines and waiting languages for a page of bulletins, in one query. */
const withHeadlines = async (
  db: AppEnv["Variables"]["deps"]["db"],
  items: Bulletin[],
  places: ReadonlyMap<string, Place>,
  language: Language,
): Promise<ListedBulletin[]> => {
  const texts = await listTextHeadlines(
    db,
    items.map((bulletin) => bulletin.id),
  );
  return items.map((bulletin) => {
    const own = texts.filter((text) => text.bulletinId === bulletin.id);
    return {
      ...bulletin,
      headlines: Object.fromEntries(own.map((text) => [text.language, text.headline])) as Partial<Record<Language, string>>,
      areaNames: bulletin.areas.map((code) => placeName(places, code, language)),
      waiting: ["withdrawn", "expired", "superseded"].includes(bulletin.status) ? [] : waitingLanguages(bulletin, own),
    };
  });
};

const FilterFormSchema = z.object({
  status: z.string().optional(),
  urgency: z.string().optional(),
  category: z.string().optional(),
  mode: z.string().optional(),
  q: z.string().optional(),
  cursor: z.string().optional(),
});

const IdSchema = z.uuid();

const doneMessages = ["submitted", "approved", "rejected", "withdrawn", "textApproved"] as const;
type Done = (typeof doneMessages)[number];

const bulletinIdOf = (c: Context<AppEnv>) => {
  const id = c.req.param("id") ?? "";
  if (!IdSchema.safeParse(id).success) throw new AppError("not_found", `no bulletin ${id}`);
  return id;
};

const closedStatuses = new Set(["published", "expired", "withdrawn", "superseded"]);

/** What the person looking may do with the bulletin now; the use cases check again when they do it. */
const actionsFor = (actor: Actor, bulletin: Awaited<ReturnType<typeof readBulletinView>>): BulletinActions => ({
  submit: actor.roles.includes("editor") && ["draft", "rejected"].includes(bulletin.status),
  approve: actor.roles.includes("approver") && bulletin.status === "submitted" ? (bulletin.contributors.includes(actor.id) ? "four-eyes" : true) : false,
  withdraw: (actor.roles.includes("editor") || actor.roles.includes("approver")) && ["approved", "localized", "published"].includes(bulletin.status),
  translate:
    actor.roles.includes("translator") && ["draft", "submitted", "rejected"].includes(bulletin.status)
      ? bulletin.targetLanguages.filter((language) => language !== bulletin.sourceLanguage)
      : [],
  correct: actor.roles.includes("editor") && bulletin.status === "published",
  approveTexts:
    actor.roles.includes("translator") && !closedStatuses.has(bulletin.status)
      ? bulletin.texts.filter((text) => text.state === "draft" && bulletin.targetLanguages.includes(text.language)).map((text) => text.language)
      : [],
});

const renderBulletin = async (c: Context<AppEnv>, options: { id: string; message?: { kind: "error" | "info"; text: string }; status?: number }) => {
  const { db } = c.get("deps");
  const bulletin = await readBulletinView(db, options.id);
  const [deliveries, audit, partners, screens, stations, users, places, delivery] = await Promise.all([
    listDeliveries(db, options.id),
    listAudit(db, "bulletin", options.id),
    listPartners(db),
    listScreens(db),
    listStations(db),
    listUsersByUsername(db),
    placeLookup(db),
    readBulletinDelivery(db, options.id),
  ]);
  const names = new Map<string, string>([...partners, ...screens, ...stations].map((endpoint) => [endpoint.id, endpoint.name]));
  const usernames = new Map(users.map((user) => [user.id, user.displayName]));
  return c.html(
    <BulletinPage
      console={c.get("console")}
      bulletin={bulletin as Parameters<typeof BulletinPage>[0]["bulletin"]}
      areaNames={bulletin.areas.map((code) => placeName(places, code, c.get("console").language))}
      deliveries={deliveries.map((row) => ({ ...row, endpoint: names.get(row.partnerId ?? row.screenId ?? row.stationId ?? "") ?? "" }))}
      audit={audit.map((row) => ({ ...row, who: row.actorId ? (usernames.get(row.actorId) ?? row.actorId) : "bantin" }))}
      can={actionsFor(c.get("actor"), bulletin)}
      reviewMarks={reviewMarks(bulletin, bulletin.texts, places)}
      delivery={{
        rows: delivery?.rows ?? [],
        status: bulletin.status,
        bulletinId: options.id,
        events: deliveries.length,
        live: Boolean(c.get("deps").deliveryEvents),
      }}
      {...(options.message ? { message: options.message } : {})}
    />,
    (options.status ?? 200) as 200,
  );
};

/** Runs a use case for the bulletin; success goes back to its page with a notice, a refusal (four-eyes, a status that
 *  no longer allows it) shows the page again with why. */
const act = async (c: Context<AppEnv>, done: Done, run: (deps: AppEnv["Variables"]["deps"], actor: Actor, id: string) => Promise<unknown>) => {
  const id = bulletinIdOf(c);
  try {
    await run(c.get("deps"), c.get("actor"), id);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
    return renderBulletin(c, { id, message: { kind: "error", text: refusalMessage(c.get("console").language, error) }, status: error.status });
  }
  return c.redirect(`/bulletins/${id}?done=${done}`, 303);
};

/** Before a withdrawal: who already has the bulletin (partners that took messages, screens and stations). */
const withdrawPage = async (c: Context<AppEnv>, options: { error?: string; status?: number } = {}) => {
  const id = bulletinIdOf(c);
  const { db } = c.get("deps");
  const bulletin = await readBulletinView(db, id);
  const [reached, partners, screens, stations] = await Promise.all([listEndpointsReached(db, id), listPartners(db), listScreens(db), listStations(db)]);
  const named = (ids: Set<string>, endpoints: { id: string; name: string }[]) =>
    endpoints.filter((endpoint) => ids.has(endpoint.id)).map((endpoint) => endpoint.name);
  const headline = bulletin.texts.find((text) => text.language === bulletin.sourceLanguage)?.headline ?? "";
  return c.html(
    <WithdrawPage
      console={c.get("console")}
      bulletinId={id}
      headline={headline}
      partners={named(reached.partnerIds, partners)}
      screens={named(reached.screenIds, screens)}
      stations={named(reached.stationIds, stations)}
      {...(options.error ? { error: options.error } : {})}
    />,
    (options.status ?? 200) as 200,
  );
};

/** The report the page's form asks for (this month when it asks for nothing), built like the API's. */
const consoleReport = async (c: Context<AppEnv>) => {
  const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value !== ""));
  const today = provinceDate(c.get("deps").clock().getTime());
  const asked = Object.keys(given).some((key) => ["preset", "from", "to"].includes(key))
    ? given
    : { preset: "month", year: String(today.year), index: String(today.month), ...given };
  const parsed = ReportQuerySchema.safeParse(asked);
  if (!parsed.success) throw new AppError("validation_failed", parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const { groupBy, format, language, ...request } = parsed.data;
  const { db, clock, reportCutoffs } = c.get("deps");
  const period = resolveReportPeriod({ ...request, cutoffs: reportCutoffs });
  const report = await buildReport(db, { period, groupBy: groupBy ?? null, now: clock() });
  const form: ReportForm = {
    preset: asked.preset ?? "",
    year: asked.year ?? "",
    index: asked.index ?? "",
    from: asked.from ?? "",
    to: asked.to ?? "",
    groupBy: asked.groupBy ?? "",
  };
  const query = new URLSearchParams(Object.entries(asked).filter(([key]) => key !== "format" && key !== "language") as [string, string][]).toString();
  return { form, query, report, format, language };
};

/** The bulletin list as the session's reader sees it now: what waits for them, urgent bulletins in force, and a page
 *  of every bulletin with the filters of the query string. */
const renderList = async (c: Context<AppEnv>): Promise<string> => {
  const { db, clock } = c.get("deps");
  const actor = c.get("actor");
  const given = FilterFormSchema.parse(c.req.query());
  const filters: ListFilters = Object.fromEntries(Object.entries(given).filter(([key, value]) => key !== "cursor" && value !== "" && value !== undefined));
  const parsed = BulletinListQuerySchema.safeParse({ ...filters, ...(given.cursor ? { cursor: given.cursor } : {}), limit: "50" });
  if (!parsed.success) throw new AppError("validation_failed", parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const mine = actor.roles;
  const waitingStatuses = [
    ...(mine.includes("approver") ? (["submitted"] as const) : []),
    // a translator can change texts only while the bulletin is editable: the banner's rule (waiting-work.ts)
    ...(mine.includes("translator") ? editableStatuses : []),
    ...(mine.includes("editor") ? (["draft", "rejected"] as const) : []),
  ];
  // the three lists at once (PostgreSQL runs them side by side), then every headline they need in one query
  const [page, candidates, urgentItems] = await Promise.all([
    listBulletins(db, bulletinFiltersOf(parsed.data)),
    waitingStatuses.length > 0 ? listBulletins(db, { status: [...new Set(waitingStatuses)], limit: 100 }).then((found) => found.items) : Promise.resolve([]),
    listBulletins(db, { urgencies: ["urgent"], inForceAt: clock(), limit: 20 }).then((found) => found.items),
  ]);
  // place names from the gazetteer as previews read it (at most a few seconds old, as a listed page may be)
  const places = await previewPlaces(db, clock().getTime());
  const listed = new Map(
    (await withHeadlines(db, [...page.items, ...candidates, ...urgentItems], places, c.get("console").language)).map((bulletin) => [bulletin.id, bulletin]),
  );
  const withTexts = (items: Bulletin[]) => items.map((bulletin) => listed.get(bulletin.id)!);
  // what waits for a translator is what the banner above the list names (waiting-work.ts), so the two agree
  const bannerIds = new Set(c.get("console").waiting?.bulletins.map((bulletin) => bulletin.id));
  const waiting = withTexts(candidates).filter(
    (bulletin) =>
      (mine.includes("approver") && bulletin.status === "submitted" && !bulletin.contributors.includes(actor.id)) ||
      (mine.includes("translator") && bannerIds.has(bulletin.id)) ||
      (mine.includes("editor") && ["draft", "rejected"].includes(bulletin.status) && bulletin.createdBy === actor.id),
  );
  const nextHref = page.next
    ? `/?${new URLSearchParams({ ...filters, cursor: encodeBulletinCursor(page.next) } as Record<string, string>).toString()}`
    : undefined;
  const view = (
    <BulletinListPage
      console={c.get("console")}
      filters={filters}
      waitingForMe={waiting.slice(0, 20)}
      urgentInForce={withTexts(urgentItems)}
      items={withTexts(page.items)}
      nextHref={nextHref}
    />
  );
  // rendered to text (the page has no async parts), so a repeat view can answer with the very same bytes
  return String(await view.toString());
};

export const consoleRoutes = new Hono<AppEnv>()
  .get(stylesheet, (c) => c.body(css, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=3600" }))
  .get("/console/assets/fonts/:file", (c) => {
    const file = fonts.get(c.req.param("file"));
    if (!file) throw new AppError("not_found", `no font ${c.req.param("file")}`);
    return c.body(readFileSync(file), 200, { "content-type": "font/ttf", "cache-control": "public, max-age=31536000, immutable" });
  })
  .get("/console/assets/:file{[a-z0-9-]+\\.js}", (c) => {
    const script = scripts.get(c.req.param("file"));
    if (!script) throw new AppError("not_found", `no script ${c.req.param("file")}`);
    return c.body(script, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=300" });
  })
  // compose and correct (before /bulletins/:id, which would take "new")
  .route("/", composeRoutes)
  .route("/", translateRoutes)
  .get("/login", (c) => {
    const language = guestLanguage(c);
    const t = fixedT(language, "console");
    const message = c.req.query("expired")
      ? { kind: "info" as const, text: t("login.expired") }
      : c.req.query("signedOut")
        ? { kind: "info" as const, text: t("login.signedOut") }
        : undefined;
    return c.html(<SignInPage t={t} language={language} next={safeNext(c.req.query("next"))} message={message} />);
  })
  .post("/login", async (c) => {
    const language = guestLanguage(c);
    const t = fixedT(language, "console");
    if (crossSite(c)) throw new AppError("forbidden", "sign-in form sent from another site", { csrf: true });
    const form = await c.req.parseBody();
    const username = typeof form.username === "string" ? form.username.trim() : "";
    const next = safeNext(typeof form.next === "string" ? form.next : undefined);
    // the API's own rule for what a sign-in may send: text no database can store is a wrong sign-in, not a 500
    const input = LoginSchema.safeParse({ username, password: form.password });
    if (!input.success)
      return c.html(<SignInPage t={t} language={language} next={next} username={username} message={{ kind: "error", text: t("login.failed") }} />, 401);
    try {
      const { db, clock, loginThrottle, trustProxy } = c.get("deps");
      // throttled like POST /api/v1/auth/login: the same counters, per username and per address
      const session = await logIn(db, { ...input.data, now: clock(), throttle: loginThrottle, address: clientAddress(c, trustProxy ?? 0) });
      startSession(c, session);
      return c.redirect(next, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === "too_many_requests") {
        const seconds = error.retryAfter ?? 1;
        c.header("retry-after", String(seconds));
        return c.html(
          <SignInPage t={t} language={language} next={next} username={username} message={{ kind: "error", text: t("login.throttled", { seconds }) }} />,
          429,
        );
      }
      if (!(error instanceof AppError) || error.status !== 401) throw error;
      return c.html(<SignInPage t={t} language={language} next={next} username={username} message={{ kind: "error", text: t("login.failed") }} />, 401);
    }
  })
  .post(
    "/logout",
    async (c, next) => (sessionToken(c) ? requireCsrf(c, next) : c.redirect("/login", 303)),
    async (c) => {
      const { db, clock } = c.get("deps");
      await revokeTokenByHash(db, { kind: "user", hash: hashToken(sessionToken(c)!), at: clock() });
      sessionCacheFor(db).forgetToken(sessionToken(c)!);
      endSession(c);
      return c.redirect("/login?signedOut=1", 303);
    },
  )
  .post("/language", requireSession, requireCsrf, async (c) => {
    const form = await c.req.parseBody();
    const language = z.enum(consoleLanguages).safeParse(form.language);
    if (!language.success) throw new AppError("validation_failed", `language: use one of ${consoleLanguages.join(", ")}`);
    await setConsoleLanguage(c.get("deps").db, { id: c.get("actor").id, language: language.data });
    sessionCacheFor(c.get("deps").db).forgetUser(c.get("actor").id);
    const back = c.req.header("referer");
    return c.redirect(back && new URL(back).origin === new URL(c.req.url).origin ? safeNext(new URL(back).pathname + new URL(back).search) : "/", 303);
  })
  .route("/", deliveryRoutes)
  .get("/", requireSession, async (c) => {
    const { db, clock, consoleListCache } = c.get("deps");
    if (consoleListCache === false) return c.html(await renderList(c));
    // a repeat view while nothing it shows changed: the page as rendered (list-cache.ts says when it is still true)
    const { user, language, csrfToken } = c.get("console");
    const key = JSON.stringify([csrfToken, user.id, user.displayName, user.roles, language, new URL(c.req.url).search]);
    const cache = listCacheFor(db);
    const version = await listVersionOf(c);
    const now = clock().getTime();
    const cached = cache.get(key, version, now);
    if (cached !== undefined) return c.html(cached);
    const html = await renderList(c);
    cache.set(key, version, now, html);
    return c.html(html);
  })
  .get("/bulletins/:id", requireSession, async (c) => {
    const done = z.enum(doneMessages).safeParse(c.req.query("done"));
    return renderBulletin(c, {
      id: bulletinIdOf(c),
      ...(done.success ? { message: { kind: "info", text: c.get("console").t(`workflow.${done.data}`) } } : {}),
    });
  })
  .post("/bulletins/:id/submit", requireSession, requireCsrf, (c) => act(c, "submitted", (deps, actor, id) => submitBulletin(deps, actor, id)))
  .post("/bulletins/:id/approve", requireSession, requireCsrf, (c) => act(c, "approved", (deps, actor, id) => approveBulletin(deps, actor, id)))
  .post("/bulletins/:id/reject", requireSession, requireCsrf, async (c) => {
    const reason = ReasonSchema.safeParse({ reason: (await c.req.parseBody()).reason });
    if (!reason.success)
      return renderBulletin(c, {
        id: bulletinIdOf(c),
        message: {
          kind: "error",
          text: `${c.get("console").t("workflow.rejectReason")}: ${issueMessages(c.get("console").language, reason.error.issues).join("; ")}`,
        },
        status: 422,
      });
    return act(c, "rejected", (deps, actor, id) => rejectBulletin(deps, actor, { id, reason: reason.data.reason }));
  })
  .post("/bulletins/:id/texts/:language/approve", requireSession, requireCsrf, (c) => {
    const language = LanguageSchema.safeParse(c.req.param("language"));
    if (!language.success) throw new AppError("not_found", `no language ${c.req.param("language")}`);
    return act(c, "textApproved", (deps, actor, id) => approveBulletinText(deps, actor, { id, language: language.data }));
  })
  .get("/bulletins/:id/withdraw", requireSession, async (c) => withdrawPage(c))
  .post("/bulletins/:id/withdraw", requireSession, requireCsrf, async (c) => {
    const reason = WithdrawSchema.safeParse({ reason: (await c.req.parseBody()).reason });
    if (!reason.success)
      return withdrawPage(c, {
        error: `${c.get("console").t("workflow.withdrawReason")}: ${issueMessages(c.get("console").language, reason.error.issues).join("; ")}`,
        status: 422,
      });
    return act(c, "withdrawn", (deps, actor, id) => withdrawBulletin(deps, actor, { id, reason: reason.data.reason }));
  })
  .get("/reports", requireSession, requireConsoleRole("admin", "reporter"), async (c) => {
    const { form, query, report } = await consoleReport(c);
    return c.html(<ReportsPage console={c.get("console")} form={form} report={report} query={query} />);
  })
  .get("/reports/download", requireSession, requireConsoleRole("admin", "reporter"), async (c) => {
    const { report, format, language } = await consoleReport(c);
    if (!format) throw new AppError("validation_failed", "format: choose csv, xlsx, docx, html or json");
    return reportDownload(c, report, { format, language: language ?? c.get("console").language });
  })
  // partners, screens, stations (issue 14, item 6): the list with health and thumbnails, admins' forms and tokens
  .route("/", endpointConsoleRoutes)
  // users and roles, gazetteer places (issue 14, item 6)
  .route("/", adminConsoleRoutes);

consoleRoutes.onError(onConsoleError);
