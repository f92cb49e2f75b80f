// The OpenAPI 3.1 description of the stable contracts, built from the same zod schemas the routes validate with.
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { z } from "zod";
import { bulletinModes, bulletinStatuses, categories, channels, languages, placeKinds, urgencies } from "../domain/index.ts";
import { ChangeUserSchema, CreateUserSchema } from "../access/users.ts";
import { BulletinTextSchema, CreateBulletinSchema, DropLanguageSchema, ReasonSchema, UpdateBulletinSchema, WithdrawSchema } from "../bulletins/bulletin-schemas.ts";
import { CreatePlaceSchema, UpdatePlaceSchema } from "../localize/gazetteer/edit-places.ts";
import { TemplateInputSchema } from "../localize/templates/index.ts";
import { CreatePartnerSchema, CreateScreenSchema, CreateStationSchema, UpdatePartnerSchema, UpdateScreenSchema, UpdateStationSchema } from "../endpoints/endpoint-schemas.ts";
import type { AppEnv } from "./app-env.ts";
import { MemoryEntrySchema } from "./api/localization.ts";
import { AckSchema, ClaimSchema } from "./partner/index.ts";
import { HeartbeatSchema, PlaysSchema } from "./screen/index.ts";
import { AiredSchema } from "./radio/index.ts";
import { ReportQuerySchema, ReportResponseSchema } from "./api/reports.ts";

const schema = (zod: z.ZodType) => z.toJSONSchema(zod, { io: "input", unrepresentable: "any" });

const problem = { description: "Problem (RFC 9457)", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const body = (zod: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(zod) } } });
// 503 `unavailable` with Retry-After: the database (or, for /readyz, the queue) does not answer
const unavailable = { ...problem, description: "Problem (RFC 9457): the database does not answer; try again after Retry-After seconds", headers: { "Retry-After": { schema: { type: "integer" } } } };
const errors = { "400": problem, "401": problem, "403": problem, "404": problem, "409": problem, "413": problem, "422": problem, "503": unavailable };
const id = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });
const language = { name: "language", in: "path", required: true, schema: { type: "string", enum: [...languages] } };
const commaQuery = (name: string, description: string) => ({ name, in: "query", required: false, description, schema: { type: "string" } });
const enumList = (name: string, values: readonly string[], description: string) => ({
  name,
  in: "query",
  required: false,
  description: `${description}; comma-separated, any of: ${values.join(", ")}`,
  schema: { type: "string" },
});
const instantQuery = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  description: `${description}; RFC 3339 with offset, e.g. 2026-12-01T00:00:00Z (write + as %2B)`,
  schema: { type: "string", format: "date-time" },
});
const bulletinListParameters = [
  enumList("status", bulletinStatuses, "lifecycle status"),
  commaQuery(
    "area",
    "place codes; a bulletin concerns a place when one of its areas is that place, lies inside it (area=VN-HT finds a bulletin for the gate VN-HT-CAUTREO) " +
      "or contains it (area=VN-HT-CAUTREO finds a bulletin for the whole province VN-HT or the country VN): the rule that decides which screens, stations and partners get it. Unknown places are 422",
  ),
  { name: "areaScope", in: "query", required: false, description: "concerns (default, as above) or within: only bulletins for the place or places inside it", schema: { type: "string", enum: ["concerns", "within"] } },
  enumList("category", categories, "category"),
  enumList("urgency", urgencies, "urgency"),
  enumList("language", languages, "target language"),
  enumList("channel", channels, "channel"),
  enumList("mode", bulletinModes, "actual, or a test or exercise bulletin"),
  instantQuery("createdFrom", "created at or after"),
  instantQuery("createdTo", "created before"),
  instantQuery("publishedFrom", "published at or after (never-published bulletins are left out)"),
  instantQuery("publishedTo", "published before"),
  instantQuery("inForceAt", "in force at that moment: published by then, validFrom <= it < validUntil, and neither withdrawn nor superseded by then"),
  {
    name: "q",
    in: "query",
    required: false,
    description:
      "words (up to 200 characters) that must all occur in one headline, in any of the bulletin's languages; case and Vietnamese/Latin diacritics are ignored (cau treo finds Cầu Treo), Lao and Khmer match as written",
    schema: { type: "string", maxLength: 200 },
  },
  { name: "cursor", in: "query", required: false, description: "the `next` of the previous page, as it was given (opaque); anything else is 422", schema: { type: "string" } },
  { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
];
const capBodyTypes = ["application/cap+xml", "application/xml", "text/xml"];

const operation = (summary: string, tag: string, options: { body?: z.ZodType; params?: object[]; success?: string; status?: string } = {}) => ({
  summary,
  tags: [tag],
  ...(options.params ? { parameters: options.params } : {}),
  ...(options.body ? { requestBody: body(options.body) } : {}),
  responses: { [options.status ?? "200"]: ok(options.success ?? "OK"), ...errors },
});

export const openApiDocument = () => ({
  openapi: "3.1.0",
  info: {
    title: "bantin",
    version: "1.0.0",
    description:
      "Bulletins for the border provinces: the editors' API (/api/v1), the telecom partners' contract (/partner/v1, SMS and voice messages), the border-gate screens' (/screen/v1) and the radio stations' (/radio/v1). " +
      "Every endpoint except /api/v1/auth/login, /healthz, /readyz and the public interop feed (/public/v1) takes Authorization: Bearer <token>; errors are application/problem+json.",
  },
  servers: [{ url: "/" }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Problem: {
        type: "object",
        required: ["type", "title", "status"],
        properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, instance: { type: "string", description: "the request, urn:bantin:request:<id> (its X-Request-Id)" } },
      },
    },
  },
  paths: {
    "/api/v1/auth/login": {
      post: (() => {
        const login = operation("Log in; returns a session token. Failed attempts are throttled per username and per client address", "auth", {
          body: z.object({ username: z.string(), password: z.string() }),
        });
        const throttled = { ...problem, description: "Too many failed sign-ins: blocked for Retry-After seconds (doubling with each further failure)", headers: { "Retry-After": { schema: { type: "integer" } } } };
        return { ...login, responses: { ...login.responses, "429": throttled }, security: [] };
      })(),
    },
    "/api/v1/auth/logout": {
      post: { summary: "Log out: the session token presented is revoked at once", tags: ["auth"], responses: { "204": { description: "Session ended" }, "401": problem } },
    },
    "/api/v1/bulletins": {
      get: {
        ...operation(
          "List bulletins, newest first, matching every filter given (a comma list matches any of its values); answers { items, next }: pass `next` back as `cursor` for the following page (null on the last). Unknown parameters or values are 422",
          "bulletins",
        ),
        parameters: bulletinListParameters,
      },
      post: operation("Create a draft bulletin (editor)", "bulletins", { body: CreateBulletinSchema, status: "201" }),
    },
    "/api/v1/bulletins/{id}": {
      get: operation("A bulletin with its texts and the languages still waiting", "bulletins", { params: [id("id")] }),
      patch: operation("Edit a draft, submitted or rejected bulletin (editor)", "bulletins", { params: [id("id")], body: UpdateBulletinSchema }),
    },
    "/api/v1/bulletins/{id}/texts/{language}": {
      put: operation("Write one language's text (editor, translator); it becomes a draft", "bulletins", { params: [id("id"), language], body: BulletinTextSchema }),
    },
    "/api/v1/bulletins/{id}/texts/{language}/approve": { post: operation("Approve one language's text (translator)", "bulletins", { params: [id("id"), language] }) },
    "/api/v1/bulletins/{id}/submit": { post: operation("Submit for approval (editor)", "bulletins", { params: [id("id")] }) },
    "/api/v1/bulletins/{id}/approve": { post: operation("Approve (approver; never the author or an editor of it)", "bulletins", { params: [id("id")] }) },
    "/api/v1/bulletins/{id}/reject": { post: operation("Reject with a reason (approver)", "bulletins", { params: [id("id")], body: ReasonSchema }) },
    "/api/v1/bulletins/{id}/withdraw": { post: operation("Withdraw from every channel (editor, approver); the reason is required: the audit log keeps it and partners get it as the detail of their cancellations (reason withdrawn)", "bulletins", { params: [id("id")], body: WithdrawSchema }) },
    "/api/v1/bulletins/{id}/correct": { post: operation("Start a correction: a new draft version", "bulletins", { params: [id("id")], status: "201" }) },
    "/api/v1/bulletins/{id}/cap": {
      get: operation("The published bulletin as CAP 1.2 (application/cap+xml): Alert, Update for a correction, Cancel once withdrawn", "bulletins", { params: [id("id")] }),
    },
    "/api/v1/bulletins/import": {
      post: {
        ...operation(
          "Import a CAP 1.2 alert (editor) as a draft: a text per <info> language bantin serves (vi, lo, en, km; any region, en-CA is en), urgency, category, validity and areas " +
            "(geocodes: gazetteer codes, ISO 3166-2 such as VN-23 or LA-BL, place names under a name-like valueName; else place names in <areaDesc>) mapped; HTML entities and tags in the text become plain text. " +
            "An Update whose <references> name a bulletin bantin published (its bantin-<id> identifier, or the alert it was imported from) becomes a draft correction of it (409 while that one is not published yet). " +
            "The answer is the bulletin with import: { identifier, sender, msgType, corrects, skippedLanguages, unmatchedAreas, keptTexts }; skipped languages, unmatched areas and kept texts are also in the bulletin's notes. " +
            "Cancel, System and Draft messages, a DOCTYPE, and an alert in no language bantin serves are refused",
          "bulletins",
          { params: [commaQuery("areas", "place codes instead of the alert's areas, e.g. VN-HT,VN-TN"), commaQuery("channels", "default sms,display")], status: "201" },
        ),
        requestBody: { required: true, content: Object.fromEntries(capBodyTypes.map((type) => [type, { schema: { type: "string", description: "a CAP 1.2 <alert>, UTF-8" } }])) },
      },
    },
    "/public/v1/alerts.atom": {
      get: {
        ...operation("Atom 1.0 feed of every bulletin in force, urgent first; each entry links its CAP 1.2 document (no token; ETag, If-None-Match answers 304)", "public"),
        responses: { "200": { description: "Atom feed", content: { "application/atom+xml": { schema: { type: "string" } } } }, "304": { description: "Not modified" } },
        security: [],
      },
    },
    "/public/v1/alerts/{id}.xml": {
      get: {
        ...operation("A published (or since expired, superseded or withdrawn) bulletin as CAP 1.2; a withdrawn one is a Cancel. Also at /public/v1/alerts/{id} (no token)", "public", {
          params: [id("id")],
        }),
        responses: { "200": { description: "CAP 1.2", content: { "application/cap+xml": { schema: { type: "string" } } } }, "304": { description: "Not modified" }, "404": problem },
        security: [],
      },
    },
    "/public/v1/media/{file}": {
      get: {
        ...operation("A slide (PNG) or voice audio (8 kHz mono WAV, MP3) named in a CAP document, a partner's voice message or a radio script; content-addressed, Cache-Control: immutable (no token)", "public", {
          params: [{ name: "file", in: "path", required: true, schema: { type: "string" } }],
        }),
        security: [],
      },
    },
    "/api/v1/bulletins/{id}/voice": {
      get: operation("Voice messages per language: SSML, script, estimated and spoken duration, audio links, status (synthesizing, ready, needs_recording, recorded) and why one needs recording", "voice", { params: [id("id")] }),
    },
    "/api/v1/bulletins/{id}/voice/{language}/recording": {
      put: {
        ...operation("Upload a voice artist's recording (admin): body audio/wav or audio/mpeg, up to 25 MB; it becomes 8 kHz mono WAV and MP3 and goes to voice partners and radio stations", "voice", { params: [id("id"), language] }),
        requestBody: { required: true, content: { "audio/wav": { schema: { type: "string", format: "binary" } }, "audio/mpeg": { schema: { type: "string", format: "binary" } } } },
      },
    },
    "/api/v1/bulletins/{id}/radio": { get: operation("Radio scripts per station and language, with reading times", "voice", { params: [id("id")] }) },
    "/api/v1/bulletins/{id}/renditions": { get: operation("Renditions per language and channel", "bulletins", { params: [id("id")] }) },
    "/api/v1/bulletins/{id}/deliveries": { get: operation("The bulletin's delivery log", "bulletins", { params: [id("id")] }) },
    "/api/v1/bulletins/{id}/audit": { get: operation("Every transition: who, when, from, to", "bulletins", { params: [id("id")] }) },
    "/api/v1/bulletins/{id}/template": {
      put: operation("Replace a template bulletin's fields; every language is rendered again (editor)", "translations", { params: [id("id")], body: TemplateInputSchema }),
    },
    "/api/v1/bulletins/{id}/texts/{language}/suggestions": {
      get: operation("Translation memory per source sentence: exact match, or similar ones (>= 0.85) with scores", "translations", { params: [id("id"), language] }),
    },
    "/api/v1/bulletins/{id}/languages/{language}/drop": {
      post: operation("Send the bulletin without this language (editor); logged as language_dropped", "translations", { params: [id("id"), language], body: DropLanguageSchema }),
    },
    "/api/v1/bulletins/{id}/translations/draft": {
      post: operation("Draft missing translations again from the memory and machine translation", "translations", { params: [id("id")], status: "202" }),
    },
    "/api/v1/templates": { get: operation("The templates and the JSON Schema of their fields", "translations") },
    "/api/v1/templates/preview": {
      post: operation("Render a template in every language without creating a bulletin", "translations", {
        body: z.object({ template: TemplateInputSchema, languages: z.array(z.enum(languages)).optional() }),
      }),
    },
    "/api/v1/translation-memory": {
      get: {
        ...operation("Search the memory (?source=vi&target=km&q=...&fuzzy=true)", "translations"),
        parameters: [
          { name: "source", in: "query", required: true, schema: { type: "string", enum: [...languages] } },
          { name: "target", in: "query", required: true, schema: { type: "string", enum: [...languages] } },
          { name: "q", in: "query", required: false, description: "text to look for (one line, up to 2,000 characters)", schema: { type: "string", maxLength: 2_000 } },
          { name: "fuzzy", in: "query", required: false, description: "true: similar sentences with scores", schema: { type: "string", enum: ["true", "false"] } },
          { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
        ],
      },
      post: operation("Add a sentence pair by hand (translator)", "translations", { body: MemoryEntrySchema, status: "201" }),
    },
    "/api/v1/places": {
      get: {
        ...operation("The gazetteer (?reviewed=false&kind=gate&country=VN)", "places"),
        parameters: [
          { name: "reviewed", in: "query", required: false, schema: { type: "string", enum: ["true", "false"] } },
          { name: "kind", in: "query", required: false, schema: { type: "string", enum: [...placeKinds] } },
          { name: "country", in: "query", required: false, schema: { type: "string", enum: ["VN", "LA", "KH"] } },
        ],
      },
      post: operation("Add a place (admin)", "places", { body: CreatePlaceSchema, status: "201" }),
    },
    "/api/v1/places/{code}": {
      get: operation("One place", "places", { params: [{ name: "code", in: "path", required: true, schema: { type: "string" } }] }),
      patch: operation("Correct a place (admin); a changed lo/km name is unreviewed unless reviewed: true is sent", "places", {
        params: [{ name: "code", in: "path", required: true, schema: { type: "string" } }],
        body: UpdatePlaceSchema,
      }),
    },
    "/api/v1/users": { get: operation("Users (admin)", "admin"), post: operation("Create a user; the password is shown once (admin)", "admin", { body: CreateUserSchema, status: "201" }) },
    "/api/v1/users/{id}": {
      patch: operation("Change a user's name, roles or disabled flag (admin); disabling ends their sessions; an admin cannot remove their own admin role or disable themselves (409)", "admin", { params: [id("id")], body: ChangeUserSchema }),
    },
    "/api/v1/users/{id}/password": { post: operation("Set a new generated password, shown once; the user's sessions end (admin)", "admin", { params: [id("id")] }) },
    "/api/v1/partners": {
      get: operation("Telecom partners, each with its leaseSeconds (admin or reporter)", "admin"),
      post: operation("Create a partner; its token is shown once; leaseSeconds (30 to 3600, default 300) is how long it holds a claimed batch (admin)", "admin", { body: CreatePartnerSchema, status: "201" }),
    },
    "/api/v1/partners/{id}": {
      patch: operation("Change a partner's lease: batches it claims from now on are held leaseSeconds; batches already claimed keep theirs (admin)", "admin", { params: [id("id")], body: UpdatePartnerSchema }),
    },
    "/api/v1/screens": {
      get: operation("Screens with their health: last contact, up to date, last fault, silent too long (admin or reporter)", "admin"),
      post: operation("Create a screen; its token is shown once; it gets slides of every bulletin in force at its gate at once, urgent first (admin)", "admin", { body: CreateScreenSchema, status: "201" }),
    },
    "/api/v1/screens/{id}": {
      patch: operation("Change a screen's name, size (or orientation), gate or languages (admin); a new size, gate or languages give it its slides of everything in force at once, and what no longer fits it leaves its feed", "admin", {
        params: [id("id")],
        body: UpdateScreenSchema,
      }),
    },
    "/api/v1/stations": {
      get: operation("Radio stations (admin or reporter), with their on-air names per language and namesReviewed", "admin"),
      post: operation(
        "Create a station; its token is shown once; it gets scripts of every bulletin in force in its area at once, urgent first (admin). names: what the intro calls it per language it broadcasts in (else `name`); namesReviewed defaults to false when there is a lo or km name",
        "admin",
        { body: CreateStationSchema, status: "201" },
      ),
    },
    "/api/v1/stations/{id}": {
      patch: operation("Change a station's name, area, languages or on-air names (admin); a new area or languages give it scripts of everything in force there, after its cursor; an on-air name replaces that language's, null removes it, and a changed lo/km name is unreviewed unless namesReviewed: true is sent", "admin", {
        params: [id("id")],
        body: UpdateStationSchema,
      }),
    },
    "/api/v1/reports/activity": {
      get: {
        ...operation(
          "The activity report (admin or reporter) for a period in Asia/Ho_Chi_Minh: from (inclusive) and to (exclusive), or a preset with its year and index " +
            "(month, quarter; half-year and year between the reporting cut-off days, 15/6 and 15/12 unless REPORT_CUTOFFS says otherwise: the first half-year of 2026 is 2025-12-15 to 2026-06-14). " +
            "Every figure is computed in the database; test and exercise bulletins are left out of figures and reported in drills. groupBy splits the bulletin and message figures " +
            "(areas roll up the gazetteer; a row without a place of that kind is in the group none; totals count each bulletin or message once). Bad periods are 422",
          "reports",
        ),
        parameters: Object.entries((z.toJSONSchema(ReportQuerySchema, { io: "input", unrepresentable: "any" }) as { properties: Record<string, object> }).properties).map(([name, property]) => ({
          name,
          in: "query",
          required: false,
          schema: property,
        })),
        responses: {
          "200": {
            description:
              "The report as JSON; with format, a download (Content-Disposition: attachment; filename=\"bantin-report-2026-half-year-1.xlsx\") in the language asked for (vi by default): " +
              "csv (RFC 4180, UTF-8 with BOM, every table stacked with scope and section columns, one row per group), xlsx (a sheet per table, typed numbers and dates, frozen header), " +
              "docx (the administrative report of Decree 30/2020: issuing body, national motto, place and date, numbered sections, recipients and signature, from REPORT_SETTINGS_FILE), " +
              "html (the same as a printable A4 page with SVG charts) or json (this JSON). A report settings file that is not usable is a 503 for docx and html",
            headers: { "Content-Disposition": { description: "attachment; filename=... (downloads only)", schema: { type: "string" } } },
            content: {
              "application/json": { schema: z.toJSONSchema(ReportResponseSchema, { io: "output", unrepresentable: "any" }) },
              "text/csv": { schema: { type: "string" } },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: { type: "string", format: "binary" } },
              "text/html": { schema: { type: "string" } },
            },
          },
          ...errors,
        },
      },
    },
    "/api/v1/tokens": { get: operation("Tokens, without their values (admin)", "admin") },
    "/api/v1/tokens/{id}/revoke": { post: operation("Revoke a token (admin)", "admin", { params: [id("id")] }) },
    "/partner/v1/batches/claim": {
      post: {
        ...operation(
          "Claim a batch of waiting messages under a lease, urgent first; 200 {batch:null} when nothing waits. " +
            "`cancelled` lists earlier-claimed messages that must not be sent; `cancellations` lists the same messages as { messageId, reason, detail? }: " +
            "reason is the reason code (withdrawn, superseded, outside_validity), detail the editor's reason for a withdrawal",
          "partner",
          { body: ClaimSchema, status: "201" },
        ),
      },
    },
    "/partner/v1/batches/{id}": { get: operation("Re-read a batch (idempotent)", "partner", { params: [id("id")] }) },
    "/partner/v1/batches/{id}/ack": { post: operation("Report what was sent; acknowledging twice is harmless", "partner", { params: [id("id")], body: AckSchema }) },
    "/radio/v1/scripts": {
      get: {
        ...operation("Scripts for the station's area and languages changed after the cursor (new, audio added, withdrawn or superseded: flagged), oldest change first; answers the next cursor", "radio"),
        parameters: [
          { name: "after", in: "query", required: false, schema: { type: "string", pattern: "^[0-9]+$" }, description: "the cursor of the previous answer; omit to start from the beginning" },
          { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
        ],
      },
    },
    "/radio/v1/scripts/{id}/aired": { post: operation("Report a script aired; a repeated report answers counted: false and is not logged again", "radio", { params: [id("id")], body: AiredSchema }) },
    "/screen/v1/feed": { get: operation("The screen's feed, urgent first; strong ETag, If-None-Match answers 304", "screen") },
    "/screen/v1/slides/{file}": {
      get: operation("A slide of this screen's feed (PNG, content-addressed, Cache-Control: immutable)", "screen", {
        params: [{ name: "file", in: "path", required: true, schema: { type: "string" } }],
      }),
    },
    "/screen/v1/events": { get: operation("Server-sent events: 'feed' with the new ETag whenever the feed changes", "screen") },
    "/screen/v1/heartbeat": { post: operation("Player version, the feed ETag shown, cached items, last fault; answers upToDate", "screen", { body: HeartbeatSchema }) },
    "/screen/v1/plays": { post: operation("What was played (late batches welcome); each (item, start) counts once", "screen", { body: PlaysSchema }) },
    "/healthz": { get: { ...operation("Alive", "operations"), security: [] } },
    "/readyz": { get: { ...operation("Ready: database and queue answer", "operations"), security: [] } },
    "/metrics": { get: operation("Prometheus metrics (text format 0.0.4); the bearer token is METRICS_TOKEN, and the route is off (404) while it is unset", "operations", { success: "Prometheus text exposition" }) },
  },
});

const escape = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export const docsRoutes = new Hono<AppEnv>()
  .get("/openapi.json", (c) => c.json(openApiDocument(), 200))
  .get("/docs", (c) => {
    const document = openApiDocument();
    const rows = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, { summary: string; requestBody?: { content: Record<string, { schema: unknown }> } }>).map(
        ([method, operation]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(operation.summary)}${
            operation.requestBody
              ? `<details><summary>body (${escape(Object.keys(operation.requestBody.content).join(", "))})</summary><pre>${escape(JSON.stringify(Object.values(operation.requestBody.content)[0]?.schema ?? {}, null, 2))}</pre></details>`
              : ""
          }</td></tr>`,
      ),
    );
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>bantin API</title>
          <style>
            body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 70rem; }
            td { vertical-align: top; padding: 0.3rem 0.6rem; border-bottom: 1px solid #ddd; }
            pre { background: #f6f6f6; padding: 0.5rem; }
          </style>
        </head>
        <body>
          <h1>bantin API</h1>
          <p>${document.info.description} Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
          <table>
            ${raw(rows.join(""))}
          </table>
        </body>
      </html>`);
  });
