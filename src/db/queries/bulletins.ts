import { and, arrayOverlaps, asc, count, desc, eq, exists, gt, gte, inArray, isNull, lt, lte, max, notExists, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client.ts";
import { bulletins, bulletinTexts, places } from "../schema/index.ts";
import {
  searchFold,
  searchTerms,
  type BulletinMode,
  type BulletinStatus,
  type Category,
  type Channel,
  type Language,
  type Urgency,
} from "../../domain/index.ts";

export type Bulletin = typeof bulletins.$inferSelect;
export type BulletinText = typeof bulletinTexts.$inferSelect;
export type NewBulletin = typeof bulletins.$inferInsert;
export type NewBulletinText = typeof bulletinTexts.$inferInsert;
/** The columns of a bulletin a command may change (status changes go through setBulletinStatus). */
export type BulletinChanges = Partial<Omit<NewBulletin, "id" | "seriesId" | "version" | "contributors">>;

export const getBulletin = async (db: Db, id: string, options: { forUpdate?: boolean } = {}) => {
  const query = db.select().from(bulletins).where(eq(bulletins.id, id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row;
};

export const getBulletinTexts = (db: Db, bulletinId: string) =>
  db.select().from(bulletinTexts).where(eq(bulletinTexts.bulletinId, bulletinId)).orderBy(asc(bulletinTexts.language));

/** Where a list of bulletins goes on from: the last one shown, by (createdAt to the microsecond, id). */
export type BulletinCursor = { createdAtMicros: string; id: string };

export type BulletinFilters = {
  status?: BulletinStatus[];
  /** bulletins that concern any of these places (see `areaScope`) */
  areas?: string[];
  /** "concerns" (default): for the place, a place inside it, or a place it lies in (the province, the country);
   *  "within": for the place or a place inside it only */
  areaScope?: "concerns" | "within";
  categories?: Category[];
  urgencies?: Urgency[];
  /** any of these among the target languages */
  languages?: Language[];
  channels?: Channel[];
  modes?: BulletinMode[];
  /** from <= createdAt < to */
  created?: { from?: Date; to?: Date };
  /** from <= publishedAt < to (never published: left out) */
  published?: { from?: Date; to?: Date };
  /** published by then, valid then, and neither withdrawn nor superseded by then */
  inForceAt?: Date;
  /** words that must all occur in one headline (any language), ignoring case and Latin diacritics */
  search?: string;
  after?: BulletinCursor;
  limit: number;
};

const asTextArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;

/** The codes of `codes`, every place inside them and, unless `within`, every place they lie in (the gazetteer's
 *  parent links, walked in the database). */
const concernedPlaces = (codes: string[], scope: "concerns" | "within") => {
  const below = sql`select ${places.code} from ${places} where ${places.code} = any(${asTextArray(codes)})
      union select ${places.code} from ${places} join below on ${places.parentCode} = below.code`;
  const above = sql`select ${places.code}, ${places.parentCode} from ${places} where ${places.code} = any(${asTextArray(codes)})
      union select ${places.code}, ${places.parentCode} from ${places} join above on ${places.code} = above.parent_code`;
  return scope === "within"
    ? sql`array(with recursive below(code) as (${below}) select code from below)`
    : sql`array(with recursive below(code) as (${below}), above(code, parent_code) as (${above})
        select code from below union select code from above)`;
};

const foldedHeadline = sql`translate(${bulletinTexts.headline}, ${searchFold.from}, ${searchFold.to})`;
const createdAtMicros = sql<string>`((extract(epoch from ${bulletins.createdAt}) * 1000000)::bigint)::text`;
const microsToTimestamp = (micros: string) => sql`(timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond')`;

/** Bulletins matching every filter given, newest first (createdAt, then id), at most `limit`; `next` is where the
 *  following page starts, undefined on the last page. */
export const listBulletins = async (db: Db, filters: BulletinFilters) => {
  const conditions: (SQL | undefined)[] = [];
  if (filters.status?.length) conditions.push(inArray(bulletins.status, filters.status));
  if (filters.areas?.length) conditions.push(sql`${bulletins.areas} && ${concernedPlaces(filters.areas, filters.areaScope ?? "concerns")}`);
  if (filters.categories?.length) conditions.push(inArray(bulletins.category, filters.categories));
  if (filters.urgencies?.length) conditions.push(inArray(bulletins.urgency, filters.urgencies));
  if (filters.languages?.length) conditions.push(arrayOverlaps(bulletins.targetLanguages, filters.languages));
  if (filters.channels?.length) conditions.push(arrayOverlaps(bulletins.channels, filters.channels));
  if (filters.modes?.length) conditions.push(inArray(bulletins.mode, filters.modes));
  if (filters.created?.from) conditions.push(gte(bulletins.createdAt, filters.created.from));
  if (filters.created?.to) conditions.push(lt(bulletins.createdAt, filters.created.to));
  if (filters.published?.from) conditions.push(gte(bulletins.publishedAt, filters.published.from));
  if (filters.published?.to) conditions.push(lt(bulletins.publishedAt, filters.published.to));
  if (filters.inForceAt) {
    const at = filters.inForceAt;
    const superseding = alias(bulletins, "superseding");
    conditions.push(
      lte(bulletins.publishedAt, at),
      lte(bulletins.validFrom, at),
      gt(bulletins.validUntil, at),
      or(isNull(bulletins.withdrawnAt), gt(bulletins.withdrawnAt, at)),
      notExists(
        db
          .select({ id: superseding.id })
          .from(superseding)
          .where(and(eq(superseding.supersedesId, bulletins.id), lte(superseding.publishedAt, at))),
      ),
    );
  }
  const terms = filters.search ? searchTerms(filters.search) : [];
  if (terms.length > 0) {
    conditions.push(
      exists(
        db
          .select({ id: bulletinTexts.bulletinId })
          .from(bulletinTexts)
          .where(and(eq(bulletinTexts.bulletinId, bulletins.id), ...terms.map((term) => sql`strpos(${foldedHeadline}, ${term}) > 0`))),
      ),
    );
  }
  if (filters.after)
    conditions.push(sql`(${bulletins.createdAt}, ${bulletins.id}) < (${microsToTimestamp(filters.after.createdAtMicros)}, ${filters.after.id}::uuid)`);
  const rows = await db
    .select({ bulletin: bulletins, createdAtMicros })
    .from(bulletins)
    .where(and(...conditions))
    .orderBy(desc(bulletins.createdAt), desc(bulletins.id))
    .limit(filters.limit + 1);
  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  const next: BulletinCursor | undefined = rows.length > filters.limit && last ? { createdAtMicros: last.createdAtMicros, id: last.bulletin.id } : undefined;
  return { items: page.map((row) => row.bulletin), next };
};

/** Languages among the targets that have no approved text yet. */
export const waitingLanguages = (bulletin: Pick<Bulletin, "targetLanguages">, texts: Pick<BulletinText, "language" | "state">[]) =>
  bulletin.targetLanguages.filter((language) => !texts.some((text) => text.language === language && text.state === "approved"));

/** Marks one language's text approved by `approvedBy`; the text as it now is. */
export const approveBulletinTextRow = async (db: Db, options: { bulletinId: string; language: Language; approvedBy: string; at: Date }) => {
  const [row] = await db
    .update(bulletinTexts)
    .set({ state: "approved", approvedBy: options.approvedBy, approvedAt: options.at })
    .where(and(eq(bulletinTexts.bulletinId, options.bulletinId), eq(bulletinTexts.language, options.language)))
    .returning();
  return row;
};

export const insertBulletin = async (db: Db, values: NewBulletin) => {
  const [row] = await db.insert(bulletins).values(values).returning();
  return row!;
};

/** Changes a bulletin's columns; with `contributor`, adds that person to the ones the four-eyes rule reads. */
export const updateBulletinRow = async (db: Db, options: { id: string; set: BulletinChanges; contributor?: string }) => {
  const contributors = options.contributor
    ? { contributors: sql`array(select distinct unnest(${bulletins.contributors} || array[${options.contributor}]::uuid[]))` }
    : {};
  const [row] = await db
    .update(bulletins)
    .set({ ...options.set, ...contributors })
    .where(eq(bulletins.id, options.id))
    .returning();
  return row;
};

/** The draft correction of a bulletin being written, if there is one. */
export const findOpenCorrection = async (db: Db, bulletinId: string) => {
  const [row] = await db
    .select({ id: bulletins.id })
    .from(bulletins)
    .where(and(eq(bulletins.supersedesId, bulletinId), eq(bulletins.status, "draft")));
  return row;
};

/** Every version of a series, the newest first. */
export const listSeriesVersions = (db: Db, seriesId: string) =>
  db.select().from(bulletins).where(eq(bulletins.seriesId, seriesId)).orderBy(desc(bulletins.version));

/** The highest version of a series. */
export const latestVersion = async (db: Db, seriesId: string) => {
  const [row] = await db
    .select({ latest: max(bulletins.version) })
    .from(bulletins)
    .where(eq(bulletins.seriesId, seriesId));
  return row?.latest ?? undefined;
};

/** Published bulletins whose validity ended by `now`, at most `limit` of them. */
export const listExpiredPublished = async (db: Db, options: { now: Date; limit: number }) =>
  (
    await db
      .select({ id: bulletins.id })
      .from(bulletins)
      .where(and(eq(bulletins.status, "published"), lte(bulletins.validUntil, options.now)))
      .limit(options.limit)
  ).map((row) => row.id);

export const getBulletinText = async (db: Db, bulletinId: string, language: Language) => {
  const [row] = await db
    .select()
    .from(bulletinTexts)
    .where(and(eq(bulletinTexts.bulletinId, bulletinId), eq(bulletinTexts.language, language)));
  return row;
};

export const insertBulletinTexts = async (db: Db, rows: NewBulletinText[]) => {
  if (rows.length > 0) await db.insert(bulletinTexts).values(rows);
};

/** Writes one language's text, replacing what is there; with `onlyOverMachineDrafts`, only a draft the memory or
 *  the machine made is replaced (never a translator's work or an approved text). The row, unless it was kept. */
export const upsertBulletinText = async (db: Db, row: NewBulletinText & { language: Language }, options: { onlyOverMachineDrafts?: boolean } = {}) => {
  const { bulletinId: _bulletinId, language: _language, ...values } = row;
  const [written] = await db
    .insert(bulletinTexts)
    .values(row)
    .onConflictDoUpdate({
      target: [bulletinTexts.bulletinId, bulletinTexts.language],
      set: values,
      ...(options.onlyOverMachineDrafts ? { setWhere: and(eq(bulletinTexts.state, "draft"), sql`${bulletinTexts.origin} in ('memory', 'machine')`) } : {}),
    })
    .returning();
  return written;
};

/** How many of the bulletins `ids` are in `status`. */
export const countBulletinsInStatus = async (db: Db, options: { ids: string[]; status: BulletinStatus }) => {
  if (options.ids.length === 0) return 0;
  const [row] = await db
    .select({ value: count() })
    .from(bulletins)
    .where(and(inArray(bulletins.id, options.ids), eq(bulletins.status, options.status)));
  return row?.value ?? 0;
};

/** Each text's language, state and headline for a page of bulletins (the console's lists). */
export const listTextHeadlines = async (db: Db, bulletinIds: readonly string[]) =>
  bulletinIds.length === 0
    ? []
    : db
        .select({ bulletinId: bulletinTexts.bulletinId, language: bulletinTexts.language, state: bulletinTexts.state, headline: bulletinTexts.headline })
        .from(bulletinTexts)
        .where(inArray(bulletinTexts.bulletinId, [...bulletinIds]));
