// The query of GET /api/v1/bulletins: filters, search and an opaque cursor. Unknown parameters and values are a 422.
import { z } from "zod";
import type { BulletinCursor, BulletinFilters } from "../../db/queries/bulletins.ts";
import { bulletinModes, bulletinStatuses, categories, ChannelSchema, LanguageSchema, PlaceCodeSchema, searchText, urgencies } from "../../domain/index.ts";

/** A comma-separated query parameter ("?areas=VN-HT,VN-TN") as a list; absent or empty means not given. */
export const commaList = <Item extends z.ZodType<unknown, string>>(item: Item, max: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "") : undefined))
    .pipe(z.array(item).min(1).max(max).optional());

const oneOf = <const Values extends readonly [string, ...string[]]>(values: Values, name: string) =>
  z.enum(values, { error: () => `unknown ${name}: use one of ${values.join(", ")}` });

const instant = z.iso
  .datetime({ offset: true, error: "a date and time with offset, e.g. 2026-12-01T00:00:00Z (write + as %2B)" })
  .transform((value) => new Date(value))
  .optional();

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
