// The query of GET /api/v1/bulletins: filters, search and an opaque cursor. Unknown parameters and values are a 422.
import { z } from "zod";
import type { BulletinCursor, BulletinFilters } from "../../db/queries/bulletins.ts";
import {
  bulletinModes,
  bulletinStatuses,
  categories,
  channels,
  ChannelSchema,
  languages,
  LanguageSchema,
  PlaceCodeSchema,
  searchText,
  urgencies,
} from "../../domain/index.ts";

/** A comma-separated query parameter ("?areas=VN-HT,VN-TN") as a list; absent or empty means not given. */
export const commaList = <Item extends z.ZodType<unknown, string>>(item: Item, max: number) =>
  z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((entry) => entry.trim())
            .filter((entry) => entry !== "")
        : undefined,
    )
    .pipe(z.array(item).min(1).max(max).optional());

const oneOf = <const Values extends readonly [string, ...string[]]>(values: Values, name: string) =>
  z.enum(values, { error: () => `unknown ${name}: use one of ${values.join(", ")}` });

const instant = z.iso
  .datetime({ offset: true, error: "a date and time with offset, e.g. 2026-12-01T00:00:00Z (write + as %2B)" })
  .transform((value) => new Date(value))
  .optional();

const anyOf = (values: readonly string[], description: string) => ({ description: `${description}; comma-separated, any of: ${values.join(", ")}` });
const instantParameter = (description: string) => ({ description: `${description}; RFC 3339 with offset, e.g. 2026-12-01T00:00:00Z (write + as %2B)` });

/** What each parameter means, for the OpenAPI document (its names and types come from the schema below). */
export const bulletinListParameters = {
  status: anyOf(bulletinStatuses, "lifecycle status"),
  area: {
    description:
      "place codes; a bulletin concerns a place when one of its areas is that place, lies inside it (area=VN-HT finds a bulletin for the gate VN-HT-CAUTREO) " +
      "or contains it (area=VN-HT-CAUTREO finds a bulletin for the whole province VN-HT or the country VN): the rule that decides which screens, stations and partners get it. Unknown places are 422",
  },
  areaScope: { description: "concerns (default, as above) or within: only bulletins for the place or places inside it" },
  category: anyOf(categories, "category"),
  urgency: anyOf(urgencies, "urgency"),
  language: anyOf(languages, "target language"),
  channel: anyOf(channels, "channel"),
  mode: anyOf(bulletinModes, "actual, or a test or exercise bulletin"),
  createdFrom: instantParameter("created at or after"),
  createdTo: instantParameter("created before"),
  publishedFrom: instantParameter("published at or after (never-published bulletins are left out)"),
  publishedTo: instantParameter("published before"),
  inForceAt: instantParameter("in force at that moment: published by then, validFrom <= it < validUntil, and neither withdrawn nor superseded by then"),
  q: {
    description:
      "words (up to 200 characters) that must all occur in one headline, in any of the bulletin's languages; case and Vietnamese/Latin diacritics are ignored (cau treo finds Cầu Treo), Lao and Khmer match as written",
  },
  cursor: { description: "the `next` of the previous page, as it was given (opaque); anything else is 422" },
};

/** The cursor a page hands out: base64url of [createdAt in microseconds since 1970, id]. Clients pass it back as is. */
export const encodeBulletinCursor = (cursor: BulletinCursor) => Buffer.from(JSON.stringify([cursor.createdAtMicros, cursor.id])).toString("base64url");

const CursorPartsSchema = z.tuple([z.string().regex(/^-?[0-9]{1,19}$/), z.uuid()]);

const CursorSchema = z
  .string()
  .max(200)
  .transform((value, context): BulletinCursor => {
    let parts: unknown;
    try {
      parts = /^[A-Za-z0-9_-]+$/.test(value) ? JSON.parse(Buffer.from(value, "base64url").toString("utf8")) : undefined;
    } catch {
      parts = undefined;
    }
    const parsed = CursorPartsSchema.safeParse(parts);
    if (!parsed.success) {
      context.addIssue({ code: "custom", message: "not a cursor of this list: pass back the `next` of the previous page as it is" });
      return z.NEVER;
    }
    return { createdAtMicros: parsed.data[0], id: parsed.data[1] };
  });

const before = (from: Date | undefined, to: Date | undefined) => !from || !to || from < to;

export const BulletinListQuerySchema = z
  .strictObject({
    status: commaList(oneOf(bulletinStatuses, "status"), bulletinStatuses.length),
    area: commaList(PlaceCodeSchema, 50),
    areaScope: oneOf(["concerns", "within"], "areaScope").optional(),
    category: commaList(oneOf(categories, "category"), categories.length),
    urgency: commaList(oneOf(urgencies, "urgency"), urgencies.length),
    language: commaList(LanguageSchema, 4),
    channel: commaList(ChannelSchema, 4),
    mode: commaList(oneOf(bulletinModes, "mode"), bulletinModes.length),
    createdFrom: instant,
    createdTo: instant,
    publishedFrom: instant,
    publishedTo: instant,
    inForceAt: instant,
    q: searchText({ max: 200 }).optional(),
    cursor: CursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((query) => before(query.createdFrom, query.createdTo), { path: ["createdTo"], message: "must be after createdFrom" })
  .refine((query) => before(query.publishedFrom, query.publishedTo), { path: ["publishedTo"], message: "must be after publishedFrom" });
export type BulletinListQuery = z.output<typeof BulletinListQuerySchema>;

/** The list query as the bulletin list's filters (the API's list and the console's read the same way). */
export const bulletinFiltersOf = (query: BulletinListQuery): BulletinFilters => ({
  status: query.status,
  areas: query.area,
  areaScope: query.areaScope,
  categories: query.category,
  urgencies: query.urgency,
  languages: query.language,
  channels: query.channel,
  modes: query.mode,
  created: { from: query.createdFrom, to: query.createdTo },
  published: { from: query.publishedFrom, to: query.publishedTo },
  inForceAt: query.inForceAt,
  search: query.q,
  after: query.cursor,
  limit: query.limit,
});
