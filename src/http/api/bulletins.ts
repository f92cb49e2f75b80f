import { Hono } from "hono";
import { z } from "zod";
import { approveBulletin } from "../../bulletins/approve-bulletin.ts";
import { approveBulletinText } from "../../bulletins/approve-bulletin-text.ts";
import {
  BulletinTextSchema,
  CreateBulletinSchema,
  DropLanguageSchema,
  ReasonSchema,
  WithdrawSchema,
  UpdateBulletinSchema,
} from "../../bulletins/bulletin-schemas.ts";
import { correctBulletin } from "../../bulletins/correct-bulletin.ts";
import { createBulletin } from "../../bulletins/create-bulletin.ts";
import { importCap } from "../../bulletins/import-cap.ts";
import { previewBulletin, previewSlide } from "../../bulletins/preview-bulletin.ts";
import { requireRole } from "../../access/actor.ts";
import { putBulletinText } from "../../bulletins/put-bulletin-text.ts";
import { rejectBulletin } from "../../bulletins/reject-bulletin.ts";
import { submitBulletin } from "../../bulletins/submit-bulletin.ts";
import { updateBulletin } from "../../bulletins/update-bulletin.ts";
import { withdrawBulletin } from "../../bulletins/withdraw-bulletin.ts";
import { listAudit } from "../../db/queries/audit.ts";
import { bulletinView, readBulletinView } from "../../bulletins/bulletin-view.ts";
import { getBulletin, listBulletins } from "../../db/queries/bulletins.ts";
import { dropLanguage, redraftTranslations, setTemplateFields } from "../../bulletins/translation-commands.ts";
import { suggestTranslations } from "../../localize/suggest-translations.ts";
import { capDocument } from "../../delivery/cap-document.ts";
import { TemplateInputSchema } from "../../localize/templates/index.ts";
import { listDeliveries } from "../../db/queries/delivery-log.ts";
import { listBulletinRenditions } from "../../db/queries/renditions.ts";
import { ChannelSchema, LanguageSchema, PlaceCodeSchema } from "../../domain/index.ts";
import { unknownPlaceCodes } from "../../db/queries/places.ts";
import { BulletinListQuerySchema, bulletinFiltersOf, commaList, encodeBulletinCursor } from "./bulletin-list-query.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";
import { created, describeRoute, json, media } from "../describe-route.ts";
import { anObject, BulletinListPageSchema, BulletinViewSchema, itemsOf, SuggestionsSchema, TextViewSchema } from "../response-schemas.ts";
import { bulletinListParameters } from "./bulletin-list-query.ts";
import { validate } from "../middleware/validate.ts";

const IdParamSchema = z.object({ id: z.uuid({ message: "not a bulletin id" }) });
const TextParamSchema = IdParamSchema.extend({ language: LanguageSchema });
const SlideFileParamSchema = z.object({ file: z.string().regex(/^[0-9a-f]{32}\.png$/, "a slide file named by a preview") });
const ImportQuerySchema = z.object({ areas: commaList(PlaceCodeSchema, 200), channels: commaList(ChannelSchema, 4) });

const found = async (c: { get: (key: "deps") => AppEnv["Variables"]["deps"] }, id: string) => {
  const bulletin = await getBulletin(c.get("deps").db, id);
  if (!bulletin) throw new AppError("not_found", `no bulletin ${id}`);
  return bulletin;
};

export const bulletinRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({
      summary:
        "List bulletins, newest first, matching every filter given (a comma list matches any of its values); answers { items, next }: pass `next` back as `cursor` for the following page (null on the last). Unknown parameters or values are 422",
      tag: "bulletins",
      parameters: bulletinListParameters,
      responses: { "200": json("A page of bulletins", BulletinListPageSchema) },
    }),
    validate("query", BulletinListQuerySchema),
    async (c) => {
      const query = c.req.valid("query");
      const db = c.get("deps").db;
      const unknown = query.area ? await unknownPlaceCodes(db, query.area) : [];
      if (unknown.length > 0) {
        throw new AppError("validation_failed", `area: unknown place ${unknown.join(", ")}`, {
          errors: unknown.map((code) => ({ path: "area", message: `unknown place ${code}` })),
        });
      }
      const { items, next } = await listBulletins(db, bulletinFiltersOf(query));
      return c.json({ items, next: next ? encodeBulletinCursor(next) : null }, 200);
    },
  )
  .post(
    "/",
    describeRoute({ summary: "Create a draft bulletin (editor)", tag: "bulletins", responses: { "201": json("The draft", BulletinViewSchema, created) } }),
    validate("json", CreateBulletinSchema),
    async (c) => {
      const bulletin = await createBulletin(c.get("deps"), c.get("actor"), c.req.valid("json"));
      return c.json(await bulletinView(c.get("deps").db, bulletin), 201, { location: `/api/v1/bulletins/${bulletin.id}` });
    },
  )
  // what the body would become, per language and channel; writes nothing (field errors are part of the answer)
  .post(
    "/preview",
    describeRoute({
      summary:
        "Preview a bulletin being composed (editor), writing nothing: the body of POST /api/v1/bulletins, complete or not. Per target language: the text (source, template, or a memory or machine draft naming its provider, else why it waits), " +
        "every SMS partner's message as sent (encoding, parts, characters left in the last part, diacritics stripped), the slide of every screen at its gates (GET the file), radio scripts with reading time, the voice duration; " +
        "and errors: the create schema's problems keyed by field (valid: false)",
      tag: "bulletins",
      body: { "application/json": { schema: CreateBulletinSchema } },
      responses: { "200": json("The preview, per language and channel", anObject) },
    }),
    async (c) => {
      const body: unknown = await c.req.json().catch(() => undefined);
      return c.json(await previewBulletin(c.get("deps"), c.get("actor"), body), 200);
    },
  )
  // a slide a preview named, drawn on request by the process that made the preview
  .get(
    "/preview/slides/:file",
    describeRoute({
      summary: "A slide a preview named (PNG), drawn by the process that answered the preview; 404 once forgotten (preview again)",
      tag: "bulletins",
      responses: { "200": media("The slide", { "image/png": { type: "string", format: "binary" } }) },
    }),
    validate("param", SlideFileParamSchema),
    async (c) => {
      requireRole(c.get("actor"), "editor");
      const slide = await previewSlide(c.req.valid("param").file);
      if (!slide) throw new AppError("not_found", "no such slide preview here (ask for the preview again)");
      return c.body(new Uint8Array(slide.png), 200, { "content-type": "image/png", "cache-control": "private, max-age=1800" });
    },
  )
  // the body is a CAP 1.2 document (application/cap+xml), not JSON: the command parses and checks it
  .post(
    "/import",
    describeRoute({
      summary:
        "Import a CAP 1.2 alert (editor) as a draft: a text per <info> language bantin serves (vi, lo, en, km; any region, en-CA is en), urgency, category, validity and areas " +
        "(geocodes: gazetteer codes, ISO 3166-2 such as VN-23 or LA-BL, place names under a name-like valueName; else place names in <areaDesc>) mapped; HTML entities and tags in the text become plain text. " +
        "An Update whose <references> name a bulletin bantin published (its bantin-<id> identifier, or the alert it was imported from) becomes a draft correction of it (409 while that one is not published yet). " +
        "The answer is the bulletin with import: { identifier, sender, msgType, corrects, skippedLanguages, unmatchedAreas, keptTexts }; skipped languages, unmatched areas and kept texts are also in the bulletin's notes. " +
        "Cancel, System and Draft messages, a DOCTYPE, and an alert in no language bantin serves are refused",
      tag: "bulletins",
      parameters: { areas: { description: "place codes instead of the alert's areas, e.g. VN-HT,VN-TN" }, channels: { description: "default sms,display" } },
      body: Object.fromEntries(
        ["application/cap+xml", "application/xml", "text/xml"].map((type) => [type, { schema: { type: "string", description: "a CAP 1.2 <alert>, UTF-8" } }]),
      ),
      responses: {
        "201": json("The imported draft, with what the import did", BulletinViewSchema.extend({ import: z.record(z.string(), z.unknown()) }), created),
      },
    }),
    validate("query", ImportQuerySchema),
    async (c) => {
      const { areas, channels } = c.req.valid("query");
      const { bulletin, report } = await importCap(c.get("deps"), c.get("actor"), { xml: await c.req.text(), areas, channels });
      return c.json({ ...(await bulletinView(c.get("deps").db, bulletin)), import: report }, 201, { location: `/api/v1/bulletins/${bulletin.id}` });
    },
  )
  // one snapshot: the bulletin and its texts as of the same moment (a worker may be writing both)
  .get(
    "/:id",
    describeRoute({
      summary: "A bulletin with its texts and the languages still waiting",
      tag: "bulletins",
      responses: { "200": json("The bulletin", BulletinViewSchema) },
    }),
    validate("param", IdParamSchema),
    async (c) => {
      return c.json(await readBulletinView(c.get("deps").db, c.req.valid("param").id), 200);
    },
  )
  .patch(
    "/:id",
    describeRoute({
      summary: "Edit a draft, submitted or rejected bulletin (editor)",
      tag: "bulletins",
      responses: { "200": json("The bulletin", BulletinViewSchema) },
    }),
    validate("param", IdParamSchema),
    validate("json", UpdateBulletinSchema),
    async (c) => {
      const bulletin = await updateBulletin(c.get("deps"), c.get("actor"), { id: c.req.valid("param").id, changes: c.req.valid("json") });
      return c.json(await bulletinView(c.get("deps").db, bulletin), 200);
    },
  )
  .put(
    "/:id/texts/:language",
    describeRoute({
      summary: "Write one language's text (editor, translator); it becomes a draft",
      tag: "bulletins",
      responses: { "200": json("The text", TextViewSchema) },
    }),
    validate("param", TextParamSchema),
    validate("json", BulletinTextSchema),
    async (c) => {
      const { id, language } = c.req.valid("param");
      return c.json(await putBulletinText(c.get("deps"), c.get("actor"), { id, language, text: c.req.valid("json") }), 200);
    },
  )
  .post(
    "/:id/texts/:language/approve",
    describeRoute({ summary: "Approve one language's text (translator)", tag: "bulletins", responses: { "200": json("The text", TextViewSchema) } }),
    validate("param", TextParamSchema),
    async (c) => {
      const { id, language } = c.req.valid("param");
      return c.json(await approveBulletinText(c.get("deps"), c.get("actor"), { id, language }), 200);
    },
  )
  .get(
    "/:id/texts/:language/suggestions",
    describeRoute({
      summary:
        "Proposals per source sentence (translator): the memory's exact match and similar ones (>= 0.85) with their scores, and the machine's translation when a provider is configured; each proposal names its origin",
      tag: "translations",
      responses: { "200": json("Proposals per source sentence", SuggestionsSchema) },
    }),
    validate("param", TextParamSchema),
    async (c) => {
      const { id, language } = c.req.valid("param");
      const bulletin = await found(c, id);
      return c.json(await suggestTranslations(c.get("deps"), bulletin, language), 200);
    },
  )
  .put(
    "/:id/template",
    describeRoute({
      summary: "Replace a template bulletin's fields; every language is rendered again (editor)",
      tag: "translations",
      responses: { "200": json("The bulletin", BulletinViewSchema) },
    }),
    validate("param", IdParamSchema),
    validate("json", TemplateInputSchema),
    async (c) =>
      c.json(
        await bulletinView(
          c.get("deps").db,
          await setTemplateFields(c.get("deps"), c.get("actor"), { id: c.req.valid("param").id, template: c.req.valid("json") }),
        ),
        200,
      ),
  )
  .post(
    "/:id/languages/:language/drop",
    describeRoute({
      summary: "Send the bulletin without this language (editor); logged as language_dropped",
      tag: "translations",
      responses: { "200": json("The bulletin", BulletinViewSchema) },
    }),
    validate("param", TextParamSchema),
    validate("json", DropLanguageSchema),
    async (c) => {
      const { id, language } = c.req.valid("param");
      return c.json(
        await bulletinView(c.get("deps").db, await dropLanguage(c.get("deps"), c.get("actor"), { id, language, reason: c.req.valid("json").reason })),
        200,
      );
    },
  )
  .post(
    "/:id/translations/draft",
    describeRoute({
      summary: "Draft missing translations again from the memory and machine translation",
      tag: "translations",
      responses: { "202": json("Drafting started", anObject) },
    }),
    validate("param", IdParamSchema),
    async (c) => c.json(await redraftTranslations(c.get("deps"), c.get("actor"), c.req.valid("param").id), 202),
  )
  .post(
    "/:id/submit",
    describeRoute({ summary: "Submit for approval (editor)", tag: "bulletins", responses: { "200": json("The bulletin", BulletinViewSchema) } }),
    validate("param", IdParamSchema),
    async (c) => c.json(await bulletinView(c.get("deps").db, await submitBulletin(c.get("deps"), c.get("actor"), c.req.valid("param").id)), 200),
  )
  .post(
    "/:id/approve",
    describeRoute({
      summary: "Approve (approver; never the author or an editor of it)",
      tag: "bulletins",
      responses: { "200": json("The bulletin", BulletinViewSchema) },
    }),
    validate("param", IdParamSchema),
    async (c) => c.json(await bulletinView(c.get("deps").db, await approveBulletin(c.get("deps"), c.get("actor"), c.req.valid("param").id)), 200),
  )
  .post(
    "/:id/reject",
    describeRoute({ summary: "Reject with a reason (approver)", tag: "bulletins", responses: { "200": json("The bulletin", BulletinViewSchema) } }),
    validate("param", IdParamSchema),
    validate("json", ReasonSchema),
    async (c) =>
      c.json(
        await bulletinView(
          c.get("deps").db,
          await rejectBulletin(c.get("deps"), c.get("actor"), { id: c.req.valid("param").id, reason: c.req.valid("json").reason }),
        ),
        200,
      ),
  )
  .post(
    "/:id/withdraw",
    describeRoute({
      summary:
        "Withdraw from every channel (editor, approver); the reason is required: the audit log keeps it and partners get it as the detail of their cancellations (reason withdrawn)",
      tag: "bulletins",
      responses: { "200": json("The withdrawn bulletin, with the messages cancelled", BulletinViewSchema.extend({ cancelledMessages: z.number().int() })) },
    }),
    validate("param", IdParamSchema),
    validate("json", WithdrawSchema),
    async (c) => {
      const { cancelledMessages, ...bulletin } = await withdrawBulletin(c.get("deps"), c.get("actor"), {
        id: c.req.valid("param").id,
        reason: c.req.valid("json").reason,
      });
      return c.json({ ...(await bulletinView(c.get("deps").db, bulletin)), cancelledMessages }, 200);
    },
  )
  .post(
    "/:id/correct",
    describeRoute({
      summary: "Start a correction: a new draft version",
      tag: "bulletins",
      responses: { "201": json("The correction, a new draft version", BulletinViewSchema, created) },
    }),
    validate("param", IdParamSchema),
    async (c) => {
      const correction = await correctBulletin(c.get("deps"), c.get("actor"), c.req.valid("param").id);
      return c.json(await bulletinView(c.get("deps").db, correction), 201, { location: `/api/v1/bulletins/${correction.id}` });
    },
  )
  .get(
    "/:id/cap",
    describeRoute({
      summary: "The published bulletin as CAP 1.2 (application/cap+xml): Alert, Update for a correction, Cancel once withdrawn",
      tag: "bulletins",
      responses: { "200": media("CAP 1.2", { "application/cap+xml": { type: "string" } }) },
    }),
    validate("param", IdParamSchema),
    async (c) => {
      const bulletin = await found(c, c.req.valid("param").id);
      return c.body(await capDocument(c.get("deps").db, bulletin, c.get("deps").publicUrl), 200, { "content-type": "application/cap+xml; charset=utf-8" });
    },
  )
  .get(
    "/:id/renditions",
    describeRoute({
      summary: "Renditions per language and channel",
      tag: "bulletins",
      responses: { "200": json("The renditions", itemsOf("one per language and channel")) },
    }),
    validate("param", IdParamSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      await found(c, id);
      const items = await listBulletinRenditions(c.get("deps").db, id);
      return c.json({ items }, 200);
    },
  )
  .get(
    "/:id/deliveries",
    describeRoute({ summary: "The bulletin's delivery log", tag: "bulletins", responses: { "200": json("The delivery log", itemsOf("one per event")) } }),
    validate("param", IdParamSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      await found(c, id);
      return c.json({ items: await listDeliveries(c.get("deps").db, id) }, 200);
    },
  )
  .get(
    "/:id/audit",
    describeRoute({
      summary: "Every transition: who, when, from, to",
      tag: "bulletins",
      responses: { "200": json("The audit log", itemsOf("one per transition")) },
    }),
    validate("param", IdParamSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      await found(c, id);
      return c.json({ items: await listAudit(c.get("deps").db, "bulletin", id) }, 200);
    },
  );
