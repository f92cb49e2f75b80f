// Templates, the translation memory and the gazetteer over HTTP.
import { and, asc, eq, ilike, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requireRole } from "../../access/actor.ts";
import { LanguageSchema, PlaceCodeSchema } from "../../bulletins/bulletin-schemas.ts";
import { plainText } from "../../domain/plain-text.ts";
import { placeLookup } from "../../bulletins/bulletin-texts.ts";
import { recordAudit } from "../../db/queries/audit.ts";
import { places, translationMemory } from "../../db/schema/index.ts";
import { placeKinds } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import { createPlace, CreatePlaceSchema, updatePlace, UpdatePlaceSchema } from "../../localize/gazetteer/edit-places.ts";
import { fuzzyMatches, learnTranslation } from "../../localize/translation-memory/memory.ts";
import { assertTemplatePlaces, languagesOf, areasOf, renderTemplate, TemplateInputSchema, templateNames, templateSchemas, needsTranslation } from "../../localize/templates/index.ts";
import type { AppEnv } from "../app-env.ts";
import { validate } from "../middleware/validate.ts";

const PreviewSchema = z.strictObject({ template: TemplateInputSchema, languages: z.array(LanguageSchema).min(1).max(4).optional() });

export const templateRoutes = new Hono<AppEnv>()
  .get("/", (c) =>
    c.json(
      {
        items: templateNames.map((name) => ({
          name,
          freeTextNeedsTranslation: needsTranslation(name),
          fields: z.toJSONSchema(templateSchemas[name], { io: "input", unrepresentable: "any" }),
        })),
      },
      200,
    ),
  )
  // renders a template in every language without creating anything: the compose screen's live preview
  .post("/preview", validate("json", PreviewSchema), async (c) => {
    const input = c.req.valid("json");
    const lookup = await placeLookup(c.get("deps").db);
    const template = input.template;
    assertTemplatePlaces(template, lookup);
    const languages = input.languages ?? languagesOf(areasOf(template), lookup);
    return c.json({ languages: Object.fromEntries(languages.map((language) => [language, renderTemplate(template, language, lookup)])) }, 200);
  });

const MemoryQuerySchema = z.object({
  source: LanguageSchema,
  target: LanguageSchema,
  q: z.string().max(2_000).optional(),
  fuzzy: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const MemoryEntrySchema = z.strictObject({
  sourceLanguage: LanguageSchema,
  targetLanguage: LanguageSchema,
  source: plainText({ min: 1, max: 2_000 }),
  target: plainText({ min: 1, max: 2_000 }),
});

export const memoryRoutes = new Hono<AppEnv>()
  .get("/", validate("query", MemoryQuerySchema), async (c) => {
    const query = c.req.valid("query");
    const db = c.get("deps").db;
    if (query.q && query.fuzzy === "true") return c.json({ items: await fuzzyMatches(db, { sourceLanguage: query.source, targetLanguage: query.target, sentence: query.q, limit: query.limit }) }, 200);
    const conditions: SQL[] = [eq(translationMemory.sourceLanguage, query.source), eq(translationMemory.targetLanguage, query.target)];
    if (query.q) conditions.push(or(ilike(translationMemory.source, `%${query.q.replace(/[\\%_]/g, "\\$&")}%`), ilike(translationMemory.target, `%${query.q.replace(/[\\%_]/g, "\\$&")}%`))!);
    const items = await db.select().from(translationMemory).where(and(...conditions)).orderBy(asc(translationMemory.sourceKey)).limit(query.limit);
    return c.json({ items }, 200);
  })
  // a translator adds a pair by hand (e.g. a glossary entry); it is stored like any approved sentence
  .post("/", validate("json", MemoryEntrySchema), async (c) => {
    const actor = c.get("actor");
    requireRole(actor, "translator");
    const input = c.req.valid("json");
    if (input.sourceLanguage === input.targetLanguage) throw new AppError("validation_failed", "source and target language must differ");
    const at = c.get("deps").clock();
    const empty = { headline: "", summary: "" };
    await c.get("deps").db.transaction(async (tx) => {
      await learnTranslation(tx, { ...input, source: { ...empty, body: input.source }, target: { ...empty, body: input.target }, approvedBy: actor.id, at });
      await recordAudit(tx, { at, actorId: actor.id, entity: "translation_memory", entityId: `${input.sourceLanguage}-${input.targetLanguage}`, action: "add" });
    });
    return c.json({ stored: true }, 201);
  });

const PlaceQuerySchema = z.object({
  reviewed: z.enum(["true", "false"]).optional(),
  kind: z.enum(placeKinds).optional(),
  country: z.enum(["VN", "LA", "KH"]).optional(),
});
const CodeParamSchema = z.object({ code: PlaceCodeSchema });

export const placeRoutes = new Hono<AppEnv>()
  .get("/", validate("query", PlaceQuerySchema), async (c) => {
    const query = c.req.valid("query");
    const conditions: SQL[] = [];
    if (query.reviewed) conditions.push(eq(places.reviewed, query.reviewed === "true"));
    if (query.kind) conditions.push(eq(places.kind, query.kind));
    if (query.country) conditions.push(eq(places.country, query.country));
    const items = await c.get("deps").db.select().from(places).where(conditions.length ? and(...conditions) : undefined).orderBy(asc(places.code));
    return c.json({ items }, 200);
  })
  .get("/:code", validate("param", CodeParamSchema), async (c) => {
    const [place] = await c.get("deps").db.select().from(places).where(eq(places.code, c.req.valid("param").code));
    if (!place) throw new AppError("not_found", `no place ${c.req.valid("param").code}`);
    return c.json(place, 200);
  })
  .post("/", validate("json", CreatePlaceSchema), async (c) =>
    c.json(await createPlace(c.get("deps").db, c.get("actor"), c.req.valid("json"), c.get("deps").clock()), 201),
  )
  .patch("/:code", validate("param", CodeParamSchema), validate("json", UpdatePlaceSchema), async (c) =>
    c.json(await updatePlace(c.get("deps").db, c.get("actor"), c.req.valid("param").code, c.req.valid("json"), c.get("deps").clock()), 200),
  );
