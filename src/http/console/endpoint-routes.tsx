// The console's endpoint pages: the list with each one's health (admins and reporting officers), and for admins the
// forms that create and change partners, screens and stations and issue and revoke their tokens. The forms run the
// API's zod schemas and use cases; a token is shown once, in the answer to the form that issued it (no-store).
import { Hono, type Context } from "hono";
import { z } from "zod";
import { issueToken, revokeToken } from "../../access/issue-token.ts";
import { emptyThumbnail, slideThumbnail } from "../../channels/display/index.ts";
import { getPartner, listPartners, type Partner } from "../../db/queries/partners.ts";
import { getScreen, listScreens, type Screen } from "../../db/queries/screens.ts";
import { getStation, listStations, type Station } from "../../db/queries/stations.ts";
import { listTokensOf } from "../../db/queries/tokens.ts";
import { listScreensWithHealth } from "../../delivery/list-screens-with-health.ts";
import { screenNowShowing, screenNowShowingSlide } from "../../delivery/screen-now-showing.ts";
import { screenHealth, silentAfterMs } from "../../delivery/screen-reports.ts";
import { languages, type TokenKind } from "../../domain/index.ts";
import { changePartner, changeScreen, changeStation } from "../../endpoints/change-endpoint.ts";
import { createPartner, createScreen, createStation } from "../../endpoints/create-endpoint.ts";
import {
  CreatePartnerSchema,
  CreateScreenSchema,
  CreateStationSchema,
  UpdatePartnerSchema,
  UpdateScreenSchema,
  UpdateStationSchema,
} from "../../endpoints/endpoint-schemas.ts";
import { AppError } from "../../errors.ts";
import { IssueTokenSchema } from "../api/admin.ts";
import type { AppEnv } from "../app-env.ts";
import {
  checked,
  fieldErrorsOf,
  listOf,
  numberField,
  splitList,
  textOf,
  useCaseErrors,
  valuesOf,
  type FieldErrors,
  type FormValues,
  type PostedForm,
} from "./admin-forms.tsx";
import { EndpointPage, EndpointsPage, NewEndpointPage, endpointKinds, type EndpointForm, type EndpointKind } from "./endpoints-page.tsx";
import { formatDateTime, placeName } from "./format.ts";
import { placeLookup } from "../../db/queries/places.ts";
import { issueMessages } from "./issue-messages.ts";
import { consoleFormBody, requireConsoleRole, requireCsrf, requireSession } from "./session.ts";

const tokenKindOf: Record<EndpointKind, Exclude<TokenKind, "user">> = { partners: "partner", screens: "screen", stations: "station" };
/** where a use case's "unknown place" (path "areas") belongs on each form */
const placeField: Record<EndpointKind, string> = { partners: "areas", screens: "gateCode", stations: "areaCode" };

type Deps = AppEnv["Variables"]["deps"];
type Endpoint = Partner | Screen | Station;

const kindOf = (c: Context<AppEnv>): EndpointKind => {
  const kind = c.req.param("kind");
  if (!endpointKinds.includes(kind as EndpointKind)) throw new AppError("not_found", `no page /endpoints/${kind}`);
  return kind as EndpointKind;
};

const IdSchema = z.uuid();
const idOf = (c: Context<AppEnv>, param = "id") => {
  const id = c.req.param(param) ?? "";
  if (!IdSchema.safeParse(id).success) throw new AppError("not_found", `no ${param} ${id}`);
  return id;
};

const loadEndpoint = async (db: Deps["db"], kind: EndpointKind, id: string): Promise<Endpoint> => {
  const found = kind === "partners" ? await getPartner(db, id) : kind === "screens" ? await getScreen(db, id) : await getStation(db, id);
  if (!found) throw new AppError("not_found", `no ${tokenKindOf[kind]} ${id}`);
  return found;
};

const silent = (lastSeenAt: Date | null, now: Date) => !lastSeenAt || now.getTime() - lastSeenAt.getTime() > silentAfterMs;

/** The form's fields as the create schema of the kind takes them. */
const createInput = (kind: EndpointKind, form: PostedForm) => {
  const common = { name: textOf(form, "name"), languages: listOf(form, "languages") };
  if (kind === "partners") {
    return {
      ...common,
      areas: splitList(textOf(form, "areas")),
      kinds: listOf(form, "kinds"),
      smsPolicy: {
        sender: textOf(form, "smsPolicy.sender"),
        maxParts: numberField(textOf(form, "smsPolicy.maxParts")),
        stripDiacritics: checked(form, "smsPolicy.stripDiacritics"),
      },
      leaseSeconds: numberField(textOf(form, "leaseSeconds")),
    };
  }
  if (kind === "screens")
    return { ...common, gateCode: textOf(form, "gateCode").trim(), width: numberField(textOf(form, "width")), height: numberField(textOf(form, "height")) };
  const names = Object.fromEntries(languages.map((language) => [language, textOf(form, `names.${language}`)]).filter(([, name]) => name!.trim() !== ""));
  return { ...common, areaCode: textOf(form, "areaCode").trim(), names, ...(checked(form, "namesReviewed") ? { namesReviewed: true } : {}) };
};

/** The form's fields as the change schema of the kind takes them; `before` says which station names were removed
 *  and whether the reviewed or disabled box was changed (left as it was, the use case's rule decides, and a
 *  disabled endpoint is not disabled again). */
const changeInput = (kind: EndpointKind, form: PostedForm, before: Endpoint) => {
  const disabled = checked(form, "disabled");
  const switched = disabled !== before.disabled ? { disabled } : {};
  if (kind === "partners") return { leaseSeconds: numberField(textOf(form, "leaseSeconds")), ...switched };
  const { names: _names, namesReviewed: _reviewed, ...fields } = createInput(kind, form) as Record<string, unknown>;
  if (kind === "screens") return { ...fields, ...switched };
  const station = before as Station;
  const names: Record<string, string | null> = {};
  for (const language of languages) {
    const typed = textOf(form, `names.${language}`);
    if (typed.trim() !== "" && typed !== station.names[language]) names[language] = typed;
    if (typed.trim() === "" && station.names[language] !== undefined) names[language] = null;
  }
  const reviewed = checked(form, "namesReviewed");
  return {
    ...fields,
    ...(Object.keys(names).length ? { names } : {}),
    ...(reviewed !== station.namesReviewed ? { namesReviewed: reviewed } : {}),
    ...switched,
  };
};

const createSchemas = { partners: CreatePartnerSchema, screens: CreateScreenSchema, stations: CreateStationSchema } as const;
const changeSchemas = { partners: UpdatePartnerSchema, screens: UpdateScreenSchema, stations: UpdateStationSchema } as const;

/** What the change form shows for an endpoint as it is. */
const currentValues = (kind: EndpointKind, endpoint: Endpoint): FormValues => {
  const disabled = endpoint.disabled ? ["on"] : [];
  if (kind === "partners") return { leaseSeconds: String((endpoint as Partner).leaseSeconds), disabled };
  if (kind === "screens") {
    const screen = endpoint as Screen;
    return { name: screen.name, gateCode: screen.gateCode, languages: screen.languages, width: String(screen.width), height: String(screen.height), disabled };
  }
  const station = endpoint as Station;
  return {
    disabled,
    name: station.name,
    areaCode: station.areaCode,
    languages: station.languages,
    ...Object.fromEntries(Object.entries(station.names).map(([language, name]) => [`names.${language}`, name ?? ""])),
    namesReviewed: station.namesReviewed ? ["on"] : [],
  };
};

const newFormValues: Record<EndpointKind, FormValues> = {
  partners: { languages: ["vi"], kinds: ["sms"], "smsPolicy.maxParts": "4", leaseSeconds: "" },
  screens: { languages: ["vi", "en"], width: "1920", height: "1080" },
  stations: { languages: ["vi"] },
};

/** An endpoint's page: its facts, its change form and its tokens (with one just issued, shown this once). */
const endpointPage = async (
  c: Context<AppEnv>,
  options: { kind: EndpointKind; endpoint: Endpoint; form?: EndpointForm; issued?: string; notice?: string; labelErrors?: string[]; status?: number },
) => {
  const { db, clock } = c.get("deps");
  const { t } = c.get("console");
  const { kind, endpoint } = options;
  const now = clock();
  const tokens = await listTokensOf(db, { kind: tokenKindOf[kind], subjectId: endpoint.id });
  const contact = (at: Date | null) => (at ? formatDateTime(at) : t("endpoints.never")) + (silent(at, now) ? ` — ${t("endpoints.silent")}` : "");
  const list = (values: readonly string[]) => values.join(", ");
  let facts: [string, string][];
  if (kind === "partners") {
    const partner = endpoint as Partner;
    facts = [
      [t("list.areas"), list(partner.areas)],
      [t("list.languages"), list(partner.languages)],
      [t("admin.field.kinds"), list(partner.kinds)],
      [t("admin.field.smsPolicy.sender"), partner.smsPolicy.sender],
      [t("admin.field.smsPolicy.maxParts"), String(partner.smsPolicy.maxParts)],
      [t("admin.field.smsPolicy.stripDiacritics"), partner.smsPolicy.stripDiacritics ? t("endpoints.yes") : t("endpoints.no")],
      [t("endpoints.lastContact"), contact(partner.lastSeenAt)],
    ];
  } else if (kind === "screens") {
    const screen = endpoint as Screen;
    const health = await screenHealth(db, screen, now);
    facts = [
      [t("endpoints.lastContact"), contact(screen.lastSeenAt)],
      [t("endpoints.upToDate"), health.upToDate ? t("endpoints.yes") : t("endpoints.no")],
      [t("admin.playerVersion"), health.playerVersion ?? "—"],
      [t("endpoints.fault"), health.lastFault ? `${health.lastFault} (${formatDateTime(health.lastFaultAt)})` : "—"],
    ];
  } else {
    const station = endpoint as Station;
    facts = [
      [t("endpoints.lastContact"), contact(station.lastSeenAt)],
      [t("admin.field.namesReviewed"), station.namesReviewed ? t("endpoints.yes") : t("endpoints.no")],
    ];
  }
  if (endpoint.disabled) facts.unshift([t("endpoints.disabled"), t("endpoints.yes")]);
  if (options.issued) c.header("cache-control", "no-store");
  return c.html(
    <EndpointPage
      console={c.get("console")}
      kind={kind}
      endpoint={endpoint}
      facts={facts}
      form={options.form ?? { kind, mode: "change", values: currentValues(kind, endpoint) }}
      tokens={tokens}
      issued={options.issued}
      notice={options.notice}
      labelErrors={options.labelErrors}
      now={now}
    />,
    (options.status ?? 200) as 200,
  );
};

/** Thumbnails are small copies of content-addressed slides: made once per slide and kept (a few hundred at most). */
const thumbnails = new Map<string, Buffer>();
const thumbnailOf = async (file: string, png: Uint8Array) => {
  const kept = thumbnails.get(file);
  if (kept) return kept;
  const made = await slideThumbnail(png);
  if (thumbnails.size >= 300) thumbnails.delete(thumbnails.keys().next().value!);
  thumbnails.set(file, made);
  return made;
};

const doneNotices = ["changed", "revoked"] as const;

const adminOnly = requireConsoleRole("admin");
const readers = requireConsoleRole("admin", "reporter");

export const endpointConsoleRoutes = new Hono<AppEnv>()
  .get("/endpoints", requireSession, readers, async (c) => {
    const { db, clock } = c.get("deps");
    const now = clock();
    const [partners, screens, stations, places] = await Promise.all([listPartners(db), listScreensWithHealth(db, now), listStations(db), placeLookup(db)]);
    const showing = await Promise.all(screens.map((screen) => screenNowShowing(db, screen, now)));
    const done = z.enum(["created"]).safeParse(c.req.query("done"));
    return c.html(
      <EndpointsPage
        console={c.get("console")}
        admin={c.get("actor").roles.includes("admin")}
        place={(code) => placeName(places, code, c.get("console").language)}
        partners={partners.map((partner) => ({ ...partner, contact: { lastSeenAt: partner.lastSeenAt, silentTooLong: silent(partner.lastSeenAt, now) } }))}
        screens={screens.map((screen, index) => ({
          ...screen,
          showing: showing[index] ? { headline: showing[index].item.headline, language: showing[index].item.language } : undefined,
        }))}
        stations={stations.map((station) => ({ ...station, contact: { lastSeenAt: station.lastSeenAt, silentTooLong: silent(station.lastSeenAt, now) } }))}
        {...(done.success ? { notice: c.get("console").t(`admin.done.${done.data}`) } : {})}
      />,
    );
  })
  // what each screen shows now (for thumbnails.js): the slide's file, so an image is fetched only when it changed
  .get("/endpoints/screens/showing", requireSession, readers, async (c) => {
    const { db, clock } = c.get("deps");
    const { t } = c.get("console");
    const now = clock();
    const screens = await listScreens(db);
    const items = await Promise.all(
      screens.map(async (screen) => {
        const showing = await screenNowShowing(db, screen, now);
        return {
          id: screen.id,
          file: showing?.file ?? null,
          alt: showing ? t("admin.showingAlt", { name: screen.name, headline: showing.item.headline }) : t("admin.showingNothing", { name: screen.name }),
        };
      }),
    );
    return c.json({ screens: items }, 200, { "cache-control": "no-store" });
  })
  // the slide a screen shows now, scaled; a dark image of its shape when it shows nothing
  .get("/endpoints/screens/:id/thumbnail", requireSession, readers, async (c) => {
    const { db, clock } = c.get("deps");
    const screen = await getScreen(db, idOf(c));
    if (!screen) throw new AppError("not_found", `no screen ${c.req.param("id")}`);
    const showing = await screenNowShowingSlide(db, screen, clock());
    const etag = showing ? `"${showing.file.slice(0, -4)}"` : `"empty-${screen.width}x${screen.height}"`;
    const headers = { "content-type": "image/png", "cache-control": "private, no-cache", etag };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    const png = showing ? await thumbnailOf(showing.file, showing.slide.png) : await emptyThumbnail(screen);
    return c.body(new Uint8Array(png), 200, headers);
  })
  .get("/endpoints/:kind/new", requireSession, adminOnly, (c) => {
    const kind = kindOf(c);
    return c.html(<NewEndpointPage console={c.get("console")} form={{ kind, mode: "create", values: newFormValues[kind] }} />);
  })
  // the address the create form posts to, opened again (a reload after the token was shown): the list
  .get("/endpoints/:kind", requireSession, readers, (c) => c.redirect(`/endpoints#${kindOf(c)}`, 303))
  .post("/endpoints/:kind", requireSession, adminOnly, requireCsrf, async (c) => {
    const kind = kindOf(c);
    const deps = c.get("deps");
    const form = await consoleFormBody(c);
    const values = valuesOf(form);
    const again = (errors: FieldErrors, status: number) =>
      c.html(<NewEndpointPage console={c.get("console")} form={{ kind, mode: "create", values, errors }} />, status as 422);
    const parsed = createSchemas[kind].safeParse(createInput(kind, form));
    if (!parsed.success) return again(fieldErrorsOf(parsed.error, c.get("console").language), 422);
    const now = deps.clock();
    let created: { endpoint: Endpoint; token: string };
    try {
      if (kind === "partners") {
        const result = await createPartner(deps.db, parsed.data as z.infer<typeof CreatePartnerSchema>, now);
        created = { endpoint: result.partner, token: result.token };
      } else if (kind === "screens") {
        const result = await createScreen(deps, parsed.data as z.infer<typeof CreateScreenSchema>, now);
        created = { endpoint: result.screen, token: result.token };
      } else {
        const result = await createStation(deps, parsed.data as z.infer<typeof CreateStationSchema>, now);
        created = { endpoint: result.station, token: result.token };
      }
    } catch (error) {
      const errors = useCaseErrors(error, c.get("console").language, { aliases: { areas: placeField[kind] } });
      return again(errors, (error as AppError).status);
    }
    return endpointPage(c, { kind, endpoint: created.endpoint, issued: created.token, notice: c.get("console").t("admin.done.created"), status: 201 });
  })
  .get("/endpoints/:kind/:id", requireSession, adminOnly, async (c) => {
    const kind = kindOf(c);
    const endpoint = await loadEndpoint(c.get("deps").db, kind, idOf(c));
    const done = z.enum(doneNotices).safeParse(c.req.query("done"));
    return endpointPage(c, { kind, endpoint, ...(done.success ? { notice: c.get("console").t(`admin.done.${done.data}`) } : {}) });
  })
  .post("/endpoints/:kind/:id", requireSession, adminOnly, requireCsrf, async (c) => {
    const kind = kindOf(c);
    const deps = c.get("deps");
    const id = idOf(c);
    const before = await loadEndpoint(deps.db, kind, id);
    const form = await consoleFormBody(c);
    const again = (errors: FieldErrors, status: number) =>
      endpointPage(c, {
        kind,
        endpoint: before,
        // a box left unticked is not posted: shown unticked, as sent
        form: { kind, mode: "change", values: { ...currentValues(kind, before), disabled: [], namesReviewed: [], ...valuesOf(form) }, errors },
        status,
      });
    const parsed = changeSchemas[kind].safeParse(changeInput(kind, form, before));
    if (!parsed.success) return again(fieldErrorsOf(parsed.error, c.get("console").language), 422);
    const actorId = c.get("actor").id;
    const at = deps.clock();
    try {
      if (kind === "partners") await changePartner(deps.db, { id, changes: parsed.data as z.infer<typeof UpdatePartnerSchema>, actorId, at });
      else if (kind === "screens") await changeScreen(deps, { id, changes: parsed.data as z.infer<typeof UpdateScreenSchema>, actorId, at });
      else await changeStation(deps, { id, changes: parsed.data as z.infer<typeof UpdateStationSchema>, actorId, at });
    } catch (error) {
      return again(useCaseErrors(error, c.get("console").language, { aliases: { areas: placeField[kind] } }), (error as AppError).status);
    }
    return c.redirect(`/endpoints/${kind}/${id}?done=changed`, 303);
  })
  .post("/endpoints/:kind/:id/tokens", requireSession, adminOnly, requireCsrf, async (c) => {
    const kind = kindOf(c);
    const { db, clock } = c.get("deps");
    const endpoint = await loadEndpoint(db, kind, idOf(c));
    const label = textOf(await consoleFormBody(c), "label");
    // the API's own rule for what may be asked
    const parsed = IssueTokenSchema.safeParse({ kind: tokenKindOf[kind], subjectId: endpoint.id, ...(label.trim() ? { label } : {}) });
    if (!parsed.success) return endpointPage(c, { kind, endpoint, labelErrors: issueMessages(c.get("console").language, parsed.error.issues), status: 422 });
    const issued = await issueToken(db, { ...parsed.data, now: clock() });
    return endpointPage(c, { kind, endpoint, issued: issued.token, status: 201 });
  })
  .post("/endpoints/:kind/:id/tokens/:tokenId/revoke", requireSession, adminOnly, requireCsrf, async (c) => {
    const kind = kindOf(c);
    const { db, clock } = c.get("deps");
    const endpoint = await loadEndpoint(db, kind, idOf(c));
    const tokenId = idOf(c, "tokenId");
    const own = await listTokensOf(db, { kind: tokenKindOf[kind], subjectId: endpoint.id });
    if (!own.some((token) => token.id === tokenId)) throw new AppError("not_found", `no token ${tokenId} of ${endpoint.name}`);
    await revokeToken(db, { id: tokenId, now: clock() });
    return c.redirect(`/endpoints/${kind}/${endpoint.id}?done=revoked`, 303);
  });
