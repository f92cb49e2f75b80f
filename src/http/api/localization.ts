// Templates, the translation memory and the gazetteer over HTTP.
import { Hono } from "hono";
import { z } from "zod";
import { searchMemoryPairs } from "../../db/queries/translation-memory.ts";
import { getPlace, searchPlaces } from "../../db/queries/places.ts";
import { LanguageSchema, PlaceCodeSchema, placeKinds, plainText, searchText } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import { createPlace, CreatePlaceSchema, updatePlace, UpdatePlaceSchema } from "../../localize/gazetteer/edit-places.ts";
import { addMemoryEntry } from "../../localize/translation-memory/add-memory-entry.ts";
import { fuzzyMatches } from "../../localize/translation-memory/memory.ts";
import { TemplateInputSchema, templateNames, templateSchemas, needsTranslation } from "../../localize/templates/index.ts";
import { previewTemplate } from "../../localize/templates/preview-template.ts";
import type { AppEnv } from "../app-env.ts";
import { describeRoute, json } from "../describe-route.ts";
import { anObject, itemsOf } from "../response-schemas.ts";
import { validate } from "../middleware/validate.ts";

const PreviewSchema = z.strictObject({ template: TemplateInputSchema, languages: z.array(LanguageSchema).min(1).max(4).optional() });

export const templateRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({
      summary: "The templates and the JSON Schema of their fields",
      tag: "translations",
      responses: { "200": json("The templates", itemsOf("one per template")) },
    }),
    (c) =>
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
  .post(
    "/preview",
    describeRoute({
      summary: "Render a template in every language without creating a bulletin",
      tag: "translations",
      responses: { "200": json("The rendered texts per language", anObject) },
    }),
    validate("json", PreviewSchema),
    async (c) => c.json({ languages: await previewTemplate(c.get("deps").db, c.req.valid("json")) }, 200),
  );

const MemoryQuerySchema = z.object({
  source: LanguageSchema,
  target: LanguageSchema,
  q: searchText({ min: 0, max: 2_000 }).optional(),
  fuzzy: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const MemoryEntrySchema = z.strictObject({
  sourceLanguage: LanguageSchema,
  targetLanguage: LanguageSchema,
  source: plainText({ min: 1, max: 2_000, lines: true }),
  target: plainText({ min: 1, max: 2_000, lines: true }),
});

export const memoryRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({
      summary: "Search the memory (?source=vi&target=km&q=...&fuzzy=true)",
      tag: "translations",
      parameters: { q: { description: "text to look for (one line, up to 2,000 characters)" }, fuzzy: { description: "true: similar sentences with scores" } },
      responses: { "200": json("Sentence pairs", itemsOf("one per sentence pair")) },
    }),
    validate("query", MemoryQuerySchema),
    async (c) => {
      const query = c.req.valid("query");
      const db = c.get("deps").db;
      if (query.q && query.fuzzy === "true")
        return c.json(
          { items: await fuzzyMatches(db, { sourceLanguage: query.source, targetLanguage: query.target, sentence: query.q, limit: query.limit }) },
          200,
        );
      const items = await searchMemoryPairs(db, { source: query.source, target: query.target, text: query.q, limit: query.limit });
      return c.json({ items }, 200);
    },
  )
  // a translator adds a pair by hand (e.g. a glossary entry); it is stored like any approved sentence
  .post(
    "/",
    describeRoute({
      summary: "Add a sentence pair by hand (translator)",
      tag: "translations",
      responses: { "201": json("Stored", { type: "object", properties: { stored: { const: true } } }) },
    }),
    validate("json", MemoryEntrySchema),
    async (c) => {
      await addMemoryEntry(c.get("deps").db, { actor: c.get("actor"), input: c.req.valid("json"), at: c.get("deps").clock() });
      return c.json({ stored: true }, 201);
    },
  );

const PlaceQuerySchema = z.object({
  reviewed: z.enum(["true", "false"]).optional(),
  kind: z.enum(placeKinds).optional(),
  country: z.enum(["VN", "LA", "KH"]).optional(),
});
const CodeParamSchema = z.object({ code: PlaceCodeSchema });

export const placeRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({
      summary: "The gazetteer (?reviewed=false&kind=gate&country=VN)",
      tag: "places",
      responses: { "200": json("The places", itemsOf("one per place")) },
    }),
    validate("query", PlaceQuerySchema),
    async (c) => {
      const query = c.req.valid("query");
      const reviewed = query.reviewed ? query.reviewed === "true" : undefined;
      const items = await searchPlaces(c.get("deps").db, { reviewed, kind: query.kind, country: query.country });
      return c.json({ items }, 200);
    },
  )
  .get(
    "/:code",
    describeRoute({ summary: "One place", tag: "places", responses: { "200": json("The place", anObject) } }),
    validate("param", CodeParamSchema),
    async (c) => {
      const place = await getPlace(c.get("deps").db, c.req.valid("param").code);
      if (!place) throw new AppError("not_found", `no place ${c.req.valid("param").code}`);
      return c.json(place, 200);
    },
  )
  .post(
    "/",
    describeRoute({ summary: "Add a place (admin)", tag: "places", responses: { "201": json("The place", anObject) } }),
    validate("json", CreatePlaceSchema),
    async (c) => c.json(await createPlace(c.get("deps").db, { actor: c.get("actor"), input: c.req.valid("json"), at: c.get("deps").clock() }), 201),
  )
  .patch(
    "/:code",
    describeRoute({
      summary: "Correct a place (admin); a changed lo/km name is unreviewed unless reviewed: true is sent",
      tag: "places",
      responses: { "200": json("The place", anObject) },
    }),
    validate("param", CodeParamSchema),
    validate("json", UpdatePlaceSchema),
    async (c) =>
      c.json(
        await updatePlace(c.get("deps").db, { actor: c.get("actor"), code: c.req.valid("param").code, input: c.req.valid("json"), at: c.get("deps").clock() }),
        200,
      ),
  );
