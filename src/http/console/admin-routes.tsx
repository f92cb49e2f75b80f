// The console's admin pages for people and places: users and their roles (create, change roles, disable or enable,
// a new password shown once) and the gazetteer (search in any language, add a place, correct names, mark reviewed).
// The forms run the same zod schemas and use cases as the API.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { ChangeUserSchema, CreateUserSchema, changeUser, createUser, listUsers, resetPassword } from "../../access/users.ts";
import { getPlace, searchPlaces, type Place } from "../../db/queries/places.ts";
import { userSessionSummary } from "../../db/queries/tokens.ts";
import { getUser } from "../../db/queries/users.ts";
import { languages, placeKinds } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import { CreatePlaceSchema, UpdatePlaceSchema, createPlace, updatePlace } from "../../localize/gazetteer/edit-places.ts";
import type { AppEnv } from "../app-env.ts";
import { checked, fieldErrorsOf, listOf, textOf, useCaseErrors, valuesOf, type FieldErrors, type FormValues, type PostedForm } from "./admin-forms.tsx";
import { PlacePage, PlacesPage, type PlaceRow, type PlaceSearch } from "./places-page.tsx";
import { consoleFormBody, requireConsoleRole, requireCsrf, requireSession, safeNext } from "./session.ts";
import { sessionCacheFor } from "./session-cache.ts";
import { UserPage, UsersPage, type UserRow } from "./users-page.tsx";

const adminOnly = requireConsoleRole("admin");
const IdSchema = z.uuid();
const CodeSchema = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]+)*$/);

const userRows = async (c: Context<AppEnv>): Promise<UserRow[]> => {
  const { db, clock } = c.get("deps");
  const [users, sessions] = await Promise.all([listUsers(db), userSessionSummary(db, clock())]);
  return users.map((user) => ({ ...user, lastSignInAt: sessions.get(user.id)?.lastSignInAt ?? null }));
};

const usersPage = async (
  c: Context<AppEnv>,
  options: { values?: FormValues; errors?: FieldErrors; created?: { username: string; password: string }; status?: number; notice?: string } = {},
) => {
  if (options.created) c.header("cache-control", "no-store");
  return c.html(
    <UsersPage
      console={c.get("console")}
      users={await userRows(c)}
      form={{ values: options.values ?? { roles: ["editor"] }, errors: options.errors }}
      created={options.created}
      notice={options.notice}
    />,
    (options.status ?? 200) as 200,
  );
};

const userOf = async (c: Context<AppEnv>) => {
  const id = c.req.param("id") ?? "";
  const user = IdSchema.safeParse(id).success ? await getUser(c.get("deps").db, id) : undefined;
  if (!user) throw new AppError("not_found", `no user ${id}`);
  return user;
};

const userPage = async (
  c: Context<AppEnv>,
  options: { values?: FormValues; errors?: FieldErrors; password?: string; notice?: string; status?: number } = {},
) => {
  const { db, clock } = c.get("deps");
  const user = await userOf(c);
  const sessions = (await userSessionSummary(db, clock())).get(user.id);
  const values = options.values ?? { displayName: user.displayName, roles: user.roles, disabled: user.disabled ? ["on"] : [] };
  if (options.password) c.header("cache-control", "no-store");
  return c.html(
    <UserPage
      console={c.get("console")}
      user={{ ...user, lastSignInAt: sessions?.lastSignInAt ?? null }}
      sessions={sessions?.live ?? 0}
      form={{ values, errors: options.errors }}
      password={options.password}
      notice={options.notice}
    />,
    (options.status ?? 200) as 200,
  );
};

/** Letters without their marks, lower case: "Cầu Treo", "cau treo" and "CẦU TREO" are found alike; đ is d. */
const folded = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase();

const PlaceSearchSchema = z.object({
  q: z.string().max(200).default(""),
  reviewed: z.enum(["", "true", "false"]).default(""),
  kind: z.enum(["", ...placeKinds]).default(""),
});

const placeRow = (place: Place): PlaceRow => ({ ...place, names: place.names as Record<string, string> });

/** The add-a-place form as CreatePlaceSchema takes it: an empty code field is null; reviewed is left to its default
 *  (false: the Lao and Khmer names wait for a native speaker, as over the API). */
const newPlaceInput = (form: PostedForm) => {
  const code = (key: string) => textOf(form, key).trim() || null;
  return {
    code: textOf(form, "code").trim(),
    kind: textOf(form, "kind"),
    country: textOf(form, "country"),
    parentCode: code("parentCode"),
    names: Object.fromEntries(languages.map((language) => [language, textOf(form, `names.${language}`)])),
    languages: listOf(form, "languages"),
    gateType: textOf(form, "gateType") || null,
    counterpartCode: code("counterpartCode"),
  };
};

const newPlaceValues: FormValues = { kind: "district", country: "VN", languages: ["vi"] };

/** The places found by the search in the query (all of them when there is none), with the add-a-place form. */
const placesPage = async (c: Context<AppEnv>, options: { values?: FormValues; errors?: FieldErrors; status?: number } = {}) => {
  const parsed = PlaceSearchSchema.safeParse(c.req.query());
  if (!parsed.success) throw new AppError("validation_failed", parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const search: PlaceSearch = parsed.data;
  const all = await searchPlaces(c.get("deps").db, {
    ...(search.reviewed ? { reviewed: search.reviewed === "true" } : {}),
    ...(search.kind ? { kind: search.kind as (typeof placeKinds)[number] } : {}),
  });
  const wanted = folded(search.q.trim());
  const matching = wanted ? all.filter((place) => [place.code, ...Object.values(place.names)].some((name) => folded(String(name)).includes(wanted))) : all;
  const done = z.enum(placeDone).safeParse(c.req.query("done"));
  const back = c.req.path + (new URL(c.req.url).search || "");
  return c.html(
    <PlacesPage
      console={c.get("console")}
      places={matching.map(placeRow)}
      total={all.length}
      search={search}
      back={back}
      form={{ values: options.values ?? newPlaceValues, errors: options.errors }}
      {...(done.success ? { notice: c.get("console").t(`admin.done.${done.data}`) } : {})}
    />,
    (options.status ?? 200) as 200,
  );
};

const placeOf = async (c: Context<AppEnv>) => {
  const code = c.req.param("code") ?? "";
  const place = CodeSchema.safeParse(code).success ? await getPlace(c.get("deps").db, code) : undefined;
  if (!place) throw new AppError("not_found", `no place ${code}`);
  return place;
};

const placePage = async (c: Context<AppEnv>, options: { values?: FormValues; errors?: FieldErrors; notice?: string; status?: number } = {}) => {
  const place = await placeOf(c);
  const values = options.values ?? Object.fromEntries(languages.map((language) => [`names.${language}`, place.names[language] ?? ""]));
  return c.html(
    <PlacePage console={c.get("console")} place={placeRow(place)} form={{ values, errors: options.errors }} notice={options.notice} />,
    (options.status ?? 200) as 200,
  );
};

const userDone = ["changed", "passwordReset"] as const;
const placeDone = ["created", "changed", "reviewed", "unreviewed"] as const;

export const adminConsoleRoutes = new Hono<AppEnv>()
  .get("/users", requireSession, adminOnly, (c) => usersPage(c))
  .post("/users", requireSession, adminOnly, requireCsrf, async (c) => {
    const form = await consoleFormBody(c);
    const values = { ...valuesOf(form), password: "" };
    const password = textOf(form, "password");
    const parsed = CreateUserSchema.safeParse({
      username: textOf(form, "username").trim(),
      displayName: textOf(form, "displayName"),
      roles: listOf(form, "roles"),
      ...(password ? { password } : {}),
    });
    if (!parsed.success) return usersPage(c, { values, errors: fieldErrorsOf(parsed.error, c.get("console").language), status: 422 });
    try {
      const created = await createUser(c.get("deps").db, parsed.data);
      return usersPage(c, {
        created: { username: created.user.username, password: created.password },
        status: 201,
        notice: c.get("console").t("admin.done.userCreated"),
      });
    } catch (error) {
      return usersPage(c, { values, errors: useCaseErrors(error, c.get("console").language), status: (error as AppError).status });
    }
  })
  .get("/users/:id", requireSession, adminOnly, (c) => {
    const done = z.enum(userDone).safeParse(c.req.query("done"));
    return userPage(c, done.success ? { notice: c.get("console").t(`admin.done.${done.data}`) } : {});
  })
  .post("/users/:id", requireSession, adminOnly, requireCsrf, async (c) => {
    const user = await userOf(c);
    const form = await consoleFormBody(c);
    const values = { disabled: [], ...valuesOf(form) };
    const parsed = ChangeUserSchema.safeParse({ displayName: textOf(form, "displayName"), roles: listOf(form, "roles"), disabled: checked(form, "disabled") });
    if (!parsed.success) return userPage(c, { values, errors: fieldErrorsOf(parsed.error, c.get("console").language), status: 422 });
    const { t } = c.get("console");
    try {
      await changeUser(c.get("deps").db, { actor: c.get("actor"), id: user.id, changes: parsed.data, now: c.get("deps").clock() });
      // their cached sessions too: new roles, or a disabled account, count from their next page in this process
      sessionCacheFor(c.get("deps").db).forgetUser(user.id);
    } catch (error) {
      // an admin taking away their own admin role or disabling themselves: said beside that field, in their language
      const own = error instanceof AppError ? error.extra.own : undefined;
      const errors =
        own === "admin"
          ? { roles: [t("admin.ownAdmin")] }
          : own === "disabled"
            ? { disabled: [t("admin.ownDisabled")] }
            : useCaseErrors(error, c.get("console").language);
      return userPage(c, { values, errors, status: (error as AppError).status });
    }
    return c.redirect(`/users/${user.id}?done=changed`, 303);
  })
  .post("/users/:id/password", requireSession, adminOnly, requireCsrf, async (c) => {
    const user = await userOf(c);
    const reset = await resetPassword(c.get("deps").db, { actor: c.get("actor"), id: user.id, now: c.get("deps").clock() });
    sessionCacheFor(c.get("deps").db).forgetUser(user.id);
    // resetting one's own password ends one's own session too: say so on the sign-in page instead
    if (user.id === c.get("actor").id) return c.redirect("/login?expired=1", 303);
    return userPage(c, { password: reset.password, notice: c.get("console").t("admin.done.passwordReset") });
  })
  .get("/places", requireSession, adminOnly, (c) => placesPage(c))
  .post("/places", requireSession, adminOnly, requireCsrf, async (c) => {
    const form = await consoleFormBody(c);
    const values = valuesOf(form);
    const parsed = CreatePlaceSchema.safeParse(newPlaceInput(form));
    if (!parsed.success) return placesPage(c, { values, errors: fieldErrorsOf(parsed.error, c.get("console").language), status: 422 });
    try {
      const created = await createPlace(c.get("deps").db, { actor: c.get("actor"), input: parsed.data, at: c.get("deps").clock() });
      return c.redirect(`/places/${created.code}?done=created`, 303);
    } catch (error) {
      return placesPage(c, { values, errors: useCaseErrors(error, c.get("console").language), status: (error as AppError).status });
    }
  })
  .get("/places/:code", requireSession, adminOnly, (c) => {
    const done = z.enum(placeDone).safeParse(c.req.query("done"));
    return placePage(c, done.success ? { notice: c.get("console").t(`admin.done.${done.data}`) } : {});
  })
  .post("/places/:code", requireSession, adminOnly, requireCsrf, async (c) => {
    const place = await placeOf(c);
    const form = await consoleFormBody(c);
    const values = valuesOf(form);
    const parsed = UpdatePlaceSchema.safeParse({ names: Object.fromEntries(languages.map((language) => [language, textOf(form, `names.${language}`)])) });
    if (!parsed.success) return placePage(c, { values, errors: fieldErrorsOf(parsed.error, c.get("console").language), status: 422 });
    try {
      await updatePlace(c.get("deps").db, { actor: c.get("actor"), code: place.code, input: parsed.data, at: c.get("deps").clock() });
    } catch (error) {
      return placePage(c, { values, errors: useCaseErrors(error, c.get("console").language), status: (error as AppError).status });
    }
    return c.redirect(`/places/${place.code}?done=changed`, 303);
  })
  .post("/places/:code/review", requireSession, adminOnly, requireCsrf, async (c) => {
    const place = await placeOf(c);
    const form = await consoleFormBody(c);
    const reviewed = textOf(form, "reviewed") === "true";
    await updatePlace(c.get("deps").db, { actor: c.get("actor"), code: place.code, input: UpdatePlaceSchema.parse({ reviewed }), at: c.get("deps").clock() });
    const back = safeNext(textOf(form, "back") || `/places/${place.code}`);
    const url = new URL(back, "http://console.invalid");
    url.searchParams.set("done", reviewed ? "reviewed" : "unreviewed");
    return c.redirect(url.pathname + url.search, 303);
  });
