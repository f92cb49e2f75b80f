import { and, asc, count, desc, eq, inArray, lt, lte, max, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { bulletins, bulletinTexts } from "../schema/index.ts";
import type { BulletinStatus, Language } from "../../domain/index.ts";

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

export type BulletinFilters = { status?: BulletinStatus[]; limit: number; before?: Date };

export const listBulletins = (db: Db, filters: BulletinFilters) => {
  const conditions: SQL[] = [];
  if (filters.status?.length) conditions.push(inArray(bulletins.status, filters.status));
  if (filters.before) conditions.push(lt(bulletins.createdAt, filters.before));
  return db
    .select()
    .from(bulletins)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(bulletins.createdAt))
    .limit(filters.limit);
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
  const [row] = await db.select({ latest: max(bulletins.version) }).from(bulletins).where(eq(bulletins.seriesId, seriesId));
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
  const [row] = await db.select({ value: count() }).from(bulletins).where(and(inArray(bulletins.id, options.ids), eq(bulletins.status, options.status)));
  return row?.value ?? 0;
};
