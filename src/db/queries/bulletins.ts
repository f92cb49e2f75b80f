import { and, asc, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { bulletins, bulletinTexts } from "../schema/index.ts";
import type { BulletinStatus, Language } from "../../domain/index.ts";

export type Bulletin = typeof bulletins.$inferSelect;
export type BulletinText = typeof bulletinTexts.$inferSelect;

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
