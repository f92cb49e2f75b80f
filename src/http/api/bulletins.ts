import { Hono } from "hono";
import { z } from "zod";
import { approveBulletin } from "../../bulletins/approve-bulletin.ts";
import { approveBulletinText } from "../../bulletins/approve-bulletin-text.ts";
import { BulletinTextSchema, CreateBulletinSchema, DropLanguageSchema, ReasonSchema, WithdrawSchema, UpdateBulletinSchema } from "../../bulletins/bulletin-schemas.ts";
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
  .get("/", validate("query", BulletinListQuerySchema), async (c) => {
    const query = c.req.valid("query");
    const db = c.get("deps").db;
    const unknown = query.area ? await unknownPlaceCodes(db, query.area) : [];
    if (unknown.length > 0) {
      throw new AppError("validation_failed", `area: unknown place ${unknown.join(", ")}`, { errors: unknown.map((code) => ({ path: "area", message: `unknown place ${code}` })) });
    }
    const { items, next } = await listBulletins(db, bulletinFiltersOf(query));
    return c.json({ items, next: next ? encodeBulletinCursor(next) : null }, 200);
  })
  .post("/", validate("json", CreateBulletinSchema), async (c) => {
    const bulletin = await createBulletin(c.get("deps"), c.get("actor"), c.req.valid("json"));
    return c.json(await bulletinView(c.get("deps").db, bulletin), 201, { location: `/api/v1/bulletins/${bulletin.id}` });
  })
  // what the body would become, per language and channel; writes nothing (field errors are part of the answer)
  .post("/preview", async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    return c.json(await previewBulletin(c.get("deps"), c.get("actor"), body), 200);
  })
  // a slide a preview named, drawn on request by the process that made the preview
  .get("/preview/slides/:file", validate("param", SlideFileParamSchema), async (c) => {
    requireRole(c.get("actor"), "editor");
    const slide = await previewSlide(c.req.valid("param").file);
    if (!slide) throw new AppError("not_found", "no such slide preview here (ask for the preview again)");
    return c.body(new Uint8Array(slide.png), 200, { "content-type": "image/png", "cache-control": "private, max-age=1800" });
  })
  // the body is a CAP 1.2 document (application/cap+xml), not JSON: the command parses and checks it
  .post("/import", validate("query", ImportQuerySchema), async (c) => {
    const { areas, channels } = c.req.valid("query");
    const { bulletin, report } = await importCap(c.get("deps"), c.get("actor"), { xml: await c.req.text(), areas, channels });
    return c.json({ ...(await bulletinView(c.get("deps").db, bulletin)), import: report }, 201, { location: `/api/v1/bulletins/${bulletin.id}` });
  })
  // one snapshot: the bulletin and its texts as of the same moment (a worker may be writing both)
  .get("/:id", validate("param", IdParamSchema), async (c) => {
    return c.json(await readBulletinView(c.get("deps").db, c.req.valid("param").id), 200);
  })
  .patch("/:id", validate("param", IdParamSchema), validate("json", UpdateBulletinSchema), async (c) => {
    const bulletin = await updateBulletin(c.get("deps"), c.get("actor"), { id: c.req.valid("param").id, changes: c.req.valid("json") });
    return c.json(await bulletinView(c.get("deps").db, bulletin), 200);
  })
  .put("/:id/texts/:language", validate("param", TextParamSchema), validate("json", BulletinTextSchema), async (c) => {
    const { id, language } = c.req.valid("param");
    return c.json(await putBulletinText(c.get("deps"), c.get("actor"), { id, language, text: c.req.valid("json") }), 200);
  })
  .post("/:id/texts/:language/approve", validate("param", TextParamSchema), async (c) => {
    const { id, language } = c.req.valid("param");
    return c.json(await approveBulletinText(c.get("deps"), c.get("actor"), { id, language }), 200);
  })
  .get("/:id/texts/:language/suggestions", validate("param", TextParamSchema), async (c) => {
    const { id, language } = c.req.valid("param");
    const bulletin = await found(c, id);
    return c.json(await suggestTranslations(c.get("deps").db, bulletin, language), 200);
  })
  .put("/:id/template", validate("param", IdParamSchema), validate("json", TemplateInputSchema), async (c) =>
    c.json(await bulletinView(c.get("deps").db, await setTemplateFields(c.get("deps"), c.get("actor"), { id: c.req.valid("param").id, template: c.req.valid("json") })), 200),
  )
  .post("/:id/languages/:language/drop", validate("param", TextParamSchema), validate("json", DropLanguageSchema), async (c) => {
    const { id, language } = c.req.valid("param");
    return c.json(await bulletinView(c.get("deps").db, await dropLanguage(c.get("deps"), c.get("actor"), { id, language, reason: c.req.valid("json").reason })), 200);
  })
  .post("/:id/translations/draft", validate("param", IdParamSchema), async (c) =>
    c.json(await redraftTranslations(c.get("deps"), c.get("actor"), c.req.valid("param").id), 202),
  )
  .post("/:id/submit", validate("param", IdParamSchema), async (c) =>
    c.json(await bulletinView(c.get("deps").db, await submitBulletin(c.get("deps"), c.get("actor"), c.req.valid("param").id)), 200),
  )
  .post("/:id/approve", validate("param", IdParamSchema), async (c) =>
    c.json(await bulletinView(c.get("deps").db, await approveBulletin(c.get("deps"), c.get("actor"), c.req.valid("param").id)), 200),
  )
  .post("/:id/reject", validate("param", IdParamSchema), validate("json", ReasonSchema), async (c) =>
    c.json(await bulletinView(c.get("deps").db, await rejectBulletin(c.get("deps"), c.get("actor"), { id: c.req.valid("param").id, reason: c.req.valid("json").reason })), 200),
  )
  .post("/:id/withdraw", validate("param", IdParamSchema), validate("json", WithdrawSchema), async (c) => {
    const { cancelledMessages, ...bulletin } = await withdrawBulletin(c.get("deps"), c.get("actor"), { id: c.req.valid("param").id, reason: c.req.valid("json").reason });
    return c.json({ ...(await bulletinView(c.get("deps").db, bulletin)), cancelledMessages }, 200);
  })
  .post("/:id/correct", validate("param", IdParamSchema), async (c) => {
    const correction = await correctBulletin(c.get("deps"), c.get("actor"), c.req.valid("param").id);
    return c.json(await bulletinView(c.get("deps").db, correction), 201, { location: `/api/v1/bulletins/${correction.id}` });
  })
  .get("/:id/cap", validate("param", IdParamSchema), async (c) => {
    const bulletin = await found(c, c.req.valid("param").id);
    return c.body(await capDocument(c.get("deps").db, bulletin, c.get("deps").publicUrl), 200, { "content-type": "application/cap+xml; charset=utf-8" });
  })
  .get("/:id/renditions", validate("param", IdParamSchema), async (c) => {
    const { id } = c.req.valid("param");
    await found(c, id);
    const items = await listBulletinRenditions(c.get("deps").db, id);
    return c.json({ items }, 200);
  })
  .get("/:id/deliveries", validate("param", IdParamSchema), async (c) => {
    const { id } = c.req.valid("param");
    await found(c, id);
    return c.json({ items: await listDeliveries(c.get("deps").db, id) }, 200);
  })
  .get("/:id/audit", validate("param", IdParamSchema), async (c) => {
    const { id } = c.req.valid("param");
    await found(c, id);
    return c.json({ items: await listAudit(c.get("deps").db, "bulletin", id) }, 200);
  });
