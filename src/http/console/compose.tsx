// Console routes for composing (Soạn bản tin) and correcting (Đính chính): the form, its live preview (an HTML
// fragment the script fetches while the editor types; without script the Preview button posts the whole form), the
// gazetteer search behind the area picker, the previews' slides, and saving (create, or create and submit; for a
// correction: correct, then apply the edits). The same use cases and schema as POST /api/v1/bulletins.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { CreateBulletinSchema, UpdateBulletinSchema } from "../../bulletins/bulletin-schemas.ts";
import { correctBulletin } from "../../bulletins/correct-bulletin.ts";
import { createBulletin } from "../../bulletins/create-bulletin.ts";
import { previewBulletin, previewPlaces, previewSlide, type BulletinPreview } from "../../bulletins/preview-bulletin.ts";
import { putBulletinText } from "../../bulletins/put-bulletin-text.ts";
import { readBulletinView } from "../../bulletins/bulletin-view.ts";
import { submitBulletin } from "../../bulletins/submit-bulletin.ts";
import { updateBulletin } from "../../bulletins/update-bulletin.ts";
import { listEndpointsReached } from "../../db/queries/delivery-log.ts";
import { listPartners } from "../../db/queries/partners.ts";
import { placeLookup, type Place } from "../../db/queries/places.ts";
import { listScreens } from "../../db/queries/screens.ts";
import { listStations } from "../../db/queries/stations.ts";
import { channels as allChannels, correctableStatuses, languages as allLanguages, type Channel, type Language } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import { searchPlaceNames } from "../../localize/gazetteer/search-places.ts";
import { areasOf, TemplateInputSchema, templateNames, type TemplateName } from "../../localize/templates/index.ts";
import { templateInputOf, templateValuesOf } from "./template-fields.ts";
import { placeName } from "./format.ts";
import type { AppEnv } from "../app-env.ts";
import { ComposePage, CorrectConsequences, groupErrors, PreviewFragment, type ComposeForm } from "./compose-page.tsx";
import type { PostedForm } from "./admin-forms.tsx";
import { answerPreview } from "./preview-answers.ts";
import { issueMessage, refusalMessage, type IssueLike } from "./issue-messages.ts";
import { consoleFormBody, requireConsoleRole, requireCsrf, requireSession, requireSessionFragment } from "./session.ts";

type Body = PostedForm;
const strings = (value: Body[string] | undefined) =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === "string");
const one = (value: Body[string] | undefined) => strings(value)[0] ?? "";

/** The province's wall clock (UTC+7, no daylight saving) as a datetime-local value, and back. */
const provinceOffsetMs = 7 * 3_600_000;
export const toLocalInput = (date: Date) => new Date(date.getTime() + provinceOffsetMs).toISOString().slice(0, 16);
const fromLocalInput = (value: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+07:00` : value || undefined);

// the gates' list by name, per gazetteer read and language (previewPlaces hands out the same map for a few seconds)
const gatesKnown = new WeakMap<ReadonlyMap<string, Place>, Map<string, ComposeForm["gates"]>>();

const gatesOf = (places: ReadonlyMap<string, Place>, language: string): ComposeForm["gates"] => {
  let perLanguage = gatesKnown.get(places);
  if (!perLanguage) gatesKnown.set(places, (perLanguage = new Map()));
  let gates = perLanguage.get(language);
  if (!gates) {
    const collator = new Intl.Collator(language);
    gates = [...places.values()]
      .filter((place) => place.kind === "gate" && place.country === "VN")
      .map((place) => ({ code: place.code, name: placeName(places, place.code, language) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    perLanguage.set(language, gates);
  }
  return gates;
};

const formOf = (body: Body, places: ReadonlyMap<string, Place>, language: string): ComposeForm => {
  const areas = [...new Set(strings(body.areas))];
  const templateName = (templateNames as readonly string[]).includes(one(body.templateName)) ? (one(body.templateName) as TemplateName) : "";
  const templateValues = Object.fromEntries(
    Object.entries(body)
      .filter(([key]) => key.startsWith("tf."))
      .map(([key, value]) => [key.slice(3), strings(value)]),
  );
  const placeQuery = one(body.placeQuery).slice(0, 100);
  const found = placeQuery ? searchPlaceNames(places.values(), placeQuery, 10).filter((place) => !areas.includes(place.code)) : [];
  return {
    // "from a template" stays chosen before a template is: the page asks for one (withFitErrors) and saves nothing
    kind: one(body.kind) === "template" ? "template" : "free",
    templateName,
    templateValues,
    gates: gatesOf(places, language),
    sourceLanguage: (allLanguages as readonly string[]).includes(one(body.sourceLanguage)) ? (one(body.sourceLanguage) as Language) : "vi",
    headline: one(body.headline),
    summary: one(body.summary),
    body: one(body.body),
    areas: areas.map((code) => ({ code, name: placeName(places, code, language) })),
    placeQuery,
    found: found.map((place) => ({ code: place.code, name: placeName(places, place.code, language) })),
    targetLanguages: strings(body.targetLanguages).filter((value): value is Language => (allLanguages as readonly string[]).includes(value)),
    languagesTouched: one(body.targetLanguagesTouched) === "1",
    channels: strings(body.channels).filter((value): value is Channel => (allChannels as readonly string[]).includes(value)),
    channelsTouched: one(body.channelsTouched) === "1",
    urgency: one(body.urgency) || "routine",
    mode: one(body.mode) || "actual",
    validFrom: one(body.validFrom),
    validUntil: one(body.validUntil),
  };
};

/** The API's create body for what the form holds: untouched languages are left to the areas' default. */
const inputOf = (form: ComposeForm) => ({
  sourceLanguage: form.sourceLanguage,
  ...(form.kind === "template" && form.templateName
    ? {
        template: templateInputOf(form.templateName, form.templateValues, fromLocalInput),
        ...(form.areas.length > 0 ? { areas: form.areas.map((area) => area.code) } : {}),
      }
    : { text: { headline: form.headline, summary: form.summary, body: form.body }, areas: form.areas.map((area) => area.code) }),
  ...(form.languagesTouched ? { targetLanguages: form.targetLanguages } : {}),
  channels: form.channels,
  urgency: form.urgency,
  mode: form.mode,
  ...(fromLocalInput(form.validFrom) ? { validFrom: fromLocalInput(form.validFrom) } : {}),
  ...(fromLocalInput(form.validUntil) ? { validUntil: fromLocalInput(form.validUntil) } : {}),
});

/** The preview of the form; languages and channels the editor has not touched follow the areas' suggestions. */
const previewOf = async (c: Context<AppEnv>, form: ComposeForm) => {
  const deps = c.get("deps");
  const language = c.get("console").language;
  const describe = { describe: (issue: IssueLike) => issueMessage(language, issue) };
  let preview = await previewBulletin(deps, c.get("actor"), inputOf(form), describe);
  if (!form.channelsTouched && preview.suggested.channels.length > 0 && form.channels.join() !== preview.suggested.channels.join()) {
    form.channels = [...preview.suggested.channels];
    preview = await previewBulletin(deps, c.get("actor"), inputOf(form), describe);
  }
  if (!form.languagesTouched) form.targetLanguages = [...preview.targetLanguages];
  return preview;
};

const readForm = async (c: Context<AppEnv>) => {
  const body = await consoleFormBody(c);
  const places = await previewPlaces(c.get("deps").db, c.get("deps").clock().getTime());
  return { body, form: formOf(body, places, c.get("console").language) };
};

/** The live preview's HTML fragment for the posted form. */
const previewFragment = async (c: Context<AppEnv>) => {
  const { form } = await readForm(c);
  const preview = await previewOf(c, form);
  return (<PreviewFragment console={c.get("console")} preview={preview} slideBase="/console/preview-slides/" deferSlides />).toString();
};

const emptyForm = (now: Date, gates: ComposeForm["gates"]): ComposeForm => ({
  kind: "free",
  templateName: "",
  templateValues: {},
  gates,
  sourceLanguage: "vi",
  headline: "",
  summary: "",
  body: "",
  areas: [],
  placeQuery: "",
  found: [],
  targetLanguages: [],
  languagesTouched: false,
  channels: [],
  channelsTouched: false,
  urgency: "routine",
  mode: "actual",
  validFrom: "",
  validUntil: toLocalInput(new Date(now.getTime() + 24 * 3_600_000)),
});

/** The preview's field errors, with every SMS that would not fit its partner beside the summary (submitting checks
 *  the same); the same object when there is nothing to add. */
const withFitErrors = (c: Context<AppEnv>, preview: BulletinPreview, form: ComposeForm) => {
  const t = c.get("console").t;
  if (form.kind === "template" && !form.templateName) return { ...preview.errors, template: [t("compose.chooseTemplate")] };
  const tooLong = preview.languages.flatMap((entry) =>
    entry.sms
      .filter((sms) => !sms.fits)
      .map((sms) => t("compose.smsDoesNotFit", { language: t(`languages.${entry.language}`), partner: sms.partner, detail: sms.problem?.detail ?? "" })),
  );
  return tooLong.length === 0 ? preview.errors : { ...preview.errors, "text.summary": [...(preview.errors["text.summary"] ?? []), ...tooLong] };
};

type Render = { form: ComposeForm; preview?: BulletinPreview; errors?: Record<string, string[]>; message?: string; status?: number };

const renderCompose = (c: Context<AppEnv>, options: Render) => {
  const t = c.get("console").t;
  return c.html(
    <ComposePage
      console={c.get("console")}
      title={t("compose.title")}
      action="/bulletins/new"
      form={options.form}
      preview={options.preview}
      errors={groupErrors(options.errors ?? {})}
      message={options.message}
    />,
    (options.status ?? 200) as 200,
  );
};

/** A refusal of a use case (a place the gazetteer lacks, an SMS that does not fit, a window already past) shown on
 *  the form; anything else is the console's error page. */
/** A use case's refusal in the reader's language; anything but a 4xx the form can explain is thrown on. */
const refusal = (c: Context<AppEnv>, error: unknown) => {
  if (!(error instanceof AppError) || error.status >= 500 || error.status === 404 || error.status === 403) throw error;
  return refusalMessage(c.get("console").language, error);
};

/** The template a bulletin was made from, when the console knows it. */
const templateOf = (bulletin: { template: string | null }) =>
  bulletin.template && (templateNames as readonly string[]).includes(bulletin.template) ? (bulletin.template as TemplateName) : undefined;

const bulletinIdOf = (c: Context<AppEnv>) => {
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", `no bulletin ${id}`);
  return id;
};

const correctionContext = async (c: Context<AppEnv>, id: string) => {
  const { db } = c.get("deps");
  const bulletin = await readBulletinView(db, id);
  if (!correctableStatuses.includes(bulletin.status)) throw new AppError("invalid_transition", c.get("console").t("compose.notCorrectable"));
  const [reached, partners, screens, stations] = await Promise.all([listEndpointsReached(db, id), listPartners(db), listScreens(db), listStations(db)]);
  const named = (ids: Set<string>, endpoints: { id: string; name: string }[]) =>
    endpoints.filter((endpoint) => ids.has(endpoint.id)).map((endpoint) => endpoint.name);
  return {
    bulletin,
    reached: { partners: named(reached.partnerIds, partners), screens: named(reached.screenIds, screens), stations: named(reached.stationIds, stations) },
  };
};

const renderCorrect = async (c: Context<AppEnv>, id: string, options: Render) => {
  const t = c.get("console").t;
  const { bulletin, reached } = await correctionContext(c, id);
  const headline = bulletin.texts.find((text) => text.language === bulletin.sourceLanguage)?.headline ?? "";
  return c.html(
    <ComposePage
      console={c.get("console")}
      title={`${t("compose.correctTitle")}: ${headline}`}
      action={`/bulletins/${id}/correct`}
      before={<CorrectConsequences console={c.get("console")} {...reached} />}
      form={options.form}
      preview={options.preview}
      errors={groupErrors(options.errors ?? {})}
      message={options.message}
      submitLabels={{ draft: t("compose.saveCorrection"), submit: t("compose.submitCorrection") }}
      fixedKind
    />,
    (options.status ?? 200) as 200,
  );
};

export const composeRoutes = new Hono<AppEnv>()
  .get("/console/places", requireSessionFragment, async (c) => {
    const places = await previewPlaces(c.get("deps").db, c.get("deps").clock().getTime());
    const language = c.get("console").language;
    const found = searchPlaceNames(places.values(), (c.req.query("q") ?? "").slice(0, 100), 10);
    return c.json(
      found.map((place) => ({ code: place.code, name: placeName(places, place.code, language), kind: place.kind })),
      200,
    );
  })
  .get("/console/preview-slides/:file", requireSessionFragment, requireConsoleRole("editor"), async (c) => {
    const file = c.req.param("file");
    const slide = /^[0-9a-f]{32}\.png$/.test(file) ? await previewSlide(file) : undefined;
    if (!slide) throw new AppError("not_found", "no such slide preview");
    return c.body(new Uint8Array(slide.png), 200, { "content-type": "image/png", "cache-control": "private, max-age=1800" });
  })
  .get("/bulletins/new", requireSession, requireConsoleRole("editor"), async (c) =>
    renderCompose(c, {
      form: emptyForm(c.get("deps").clock(), gatesOf(await previewPlaces(c.get("deps").db, c.get("deps").clock().getTime()), c.get("console").language)),
    }),
  )
  .post("/bulletins/new/preview", requireSessionFragment, requireConsoleRole("editor"), requireCsrf, (c) => answerPreview(c, () => previewFragment(c)))
  .post("/bulletins/new", requireSession, requireConsoleRole("editor"), requireCsrf, async (c) => {
    const { body, form } = await readForm(c);
    const preview = await previewOf(c, form);
    const action = one(body.action);
    if (action !== "draft" && action !== "submit") return renderCompose(c, { form, preview, errors: withFitErrors(c, preview, form) });
    const input = CreateBulletinSchema.safeParse(inputOf(form));
    const errors = withFitErrors(c, preview, form);
    const noTemplate = form.kind === "template" && !form.templateName;
    if (!input.success || noTemplate || (action === "submit" && errors !== preview.errors)) return renderCompose(c, { form, preview, errors, status: 422 });
    const deps = c.get("deps");
    let id: string;
    try {
      id = (await createBulletin(deps, c.get("actor"), input.data)).id;
    } catch (error) {
      return renderCompose(c, { form, preview, message: refusal(c, error), status: 422 });
    }
    if (action === "draft") return c.redirect(`/bulletins/${id}`, 303);
    try {
      await submitBulletin(deps, c.get("actor"), id);
    } catch (error) {
      // saved as a draft (a slide too long for a screen is only known once drawn); its page offers to submit again
      refusal(c, error);
      return c.redirect(`/bulletins/${id}`, 303);
    }
    return c.redirect(`/bulletins/${id}?done=submitted`, 303);
  })
  .get("/bulletins/:id/correct", requireSession, requireConsoleRole("editor"), async (c) => {
    const id = bulletinIdOf(c);
    const { db } = c.get("deps");
    const bulletin = await readBulletinView(db, id);
    const source = bulletin.texts.find((text) => text.language === bulletin.sourceLanguage);
    const places = await placeLookup(db);
    const language = c.get("console").language;
    // a bulletin made from a template is corrected through its fields, and its texts are rendered again from them
    const templateName = templateOf(bulletin);
    const template = templateName ? TemplateInputSchema.safeParse({ name: templateName, fields: bulletin.templateFields }) : undefined;
    // areas the template's places give are left to follow them (a changed gate moves the bulletin with it)
    const followsTemplate = template?.success && [...new Set(areasOf(template.data))].sort().join() === [...bulletin.areas].sort().join();
    const form: ComposeForm = {
      ...emptyForm(c.get("deps").clock(), gatesOf(places, language)),
      ...(templateName
        ? {
            kind: "template" as const,
            templateName,
            templateValues: templateValuesOf(templateName, bulletin.templateFields ?? {}, (instant) => toLocalInput(new Date(instant))),
          }
        : { headline: source?.headline ?? "", summary: source?.summary ?? "", body: source?.body ?? "" }),
      sourceLanguage: bulletin.sourceLanguage,
      areas: followsTemplate ? [] : bulletin.areas.map((code) => ({ code, name: placeName(places, code, language) })),
      targetLanguages: [...bulletin.targetLanguages],
      languagesTouched: true,
      channels: [...bulletin.channels],
      channelsTouched: true,
      urgency: bulletin.urgency,
      mode: bulletin.mode,
      validUntil: toLocalInput(bulletin.validUntil),
    };
    return renderCorrect(c, id, { form, preview: await previewOf(c, form) });
  })
  .post("/bulletins/:id/correct/preview", requireSessionFragment, requireConsoleRole("editor"), requireCsrf, (c) => answerPreview(c, () => previewFragment(c)))
  .post("/bulletins/:id/correct", requireSession, requireConsoleRole("editor"), requireCsrf, async (c) => {
    const id = bulletinIdOf(c);
    const { body, form } = await readForm(c);
    const deps = c.get("deps");
    // a correction keeps the bulletin's kind: free text stays free text, a template's bulletin its template
    const original = await readBulletinView(deps.db, id);
    const templateName = templateOf(original);
    form.kind = templateName ? "template" : "free";
    form.templateName = templateName ?? "";
    const preview = await previewOf(c, form);
    const action = one(body.action);
    if (action !== "draft" && action !== "submit") return renderCorrect(c, id, { form, preview, errors: withFitErrors(c, preview, form) });
    const input = CreateBulletinSchema.safeParse(inputOf(form));
    const template = input.success ? input.data.template : undefined;
    const changes = UpdateBulletinSchema.safeParse({
      areas: template && form.areas.length === 0 ? areasOf(template) : form.areas.map((area) => area.code),
      channels: form.channels,
      targetLanguages: form.targetLanguages,
      urgency: form.urgency,
      mode: form.mode,
      validUntil: fromLocalInput(form.validUntil),
    });
    const errors = withFitErrors(c, preview, form);
    if (!input.success || !changes.success || (action === "submit" && errors !== preview.errors))
      return renderCorrect(c, id, { form, preview, errors, status: 422 });
    const actor = c.get("actor");
    let correctionId: string;
    try {
      const correction = await correctBulletin(deps, actor, id);
      correctionId = correction.id;
    } catch (error) {
      return renderCorrect(c, id, { form, preview, message: refusal(c, error), status: 409 });
    }
    try {
      await updateBulletin(deps, actor, { id: correctionId, changes: changes.data, ...(template ? { template } : {}) });
      const old = original.texts.find((text) => text.language === form.sourceLanguage);
      if (!template && (!old || old.headline !== form.headline || old.summary !== form.summary || old.body !== form.body)) {
        await putBulletinText(deps, actor, { id: correctionId, language: form.sourceLanguage, text: input.data.text! });
      }
      if (action === "submit") await submitBulletin(deps, actor, correctionId);
    } catch (error) {
      // the correction is saved as a draft; its page offers to submit again
      refusal(c, error);
      return c.redirect(`/bulletins/${correctionId}`, 303);
    }
    return c.redirect(`/bulletins/${correctionId}${action === "submit" ? "?done=submitted" : ""}`, 303);
  });
