// Renditions: what formatting made of a bulletin per (language x channel x target): SMS texts, voice scripts and
// their audio, slides for screens.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client.ts";
import { renditions } from "../schema/index.ts";
import type { Channel, Language } from "../../domain/index.ts";

export type Rendition = typeof renditions.$inferSelect;
export type NewRendition = typeof renditions.$inferInsert;

/** Inserts renditions; one already there (same bulletin, language, channel and target) is left as it is. */
export const insertRenditions = async (db: Db, rows: NewRendition | NewRendition[]) => {
  await db
    .insert(renditions)
    .values(Array.isArray(rows) ? rows : [rows])
    .onConflictDoNothing();
};

/** Inserts a rendition, or replaces the content of the one already there. */
export const upsertRendition = async (db: Db, row: NewRendition) => {
  await db
    .insert(renditions)
    .values(row)
    .onConflictDoUpdate({ target: [renditions.bulletinId, renditions.language, renditions.channel, renditions.target], set: { content: row.content } });
};

export const getRendition = async (db: Db, key: { bulletinId: string; language: Language; channel: Channel; target: string }) => {
  const [row] = await db
    .select()
    .from(renditions)
    .where(
      and(
        eq(renditions.bulletinId, key.bulletinId),
        eq(renditions.language, key.language),
        eq(renditions.channel, key.channel),
        eq(renditions.target, key.target),
      ),
    );
  return row;
};

/** Deletes renditions (a screen's that no longer fit it: another gate, size or languages). */
export const deleteRenditions = async (db: Db, ids: string[]) => {
  if (ids.length > 0) await db.delete(renditions).where(inArray(renditions.id, ids));
};

export const setRenditionContent = async (db: Db, id: string, content: Record<string, unknown>) => {
  await db.update(renditions).set({ content }).where(eq(renditions.id, id));
};

/** The voice renditions' content of these bulletins, per language. */
export const listVoiceRenditionContents = (db: Db, bulletinIds: string[]) =>
  db
    .select({ bulletinId: renditions.bulletinId, language: renditions.language, content: renditions.content })
    .from(renditions)
    .where(and(inArray(renditions.bulletinId, bulletinIds), eq(renditions.channel, "voice")));

/** The renditions among `ids` that were made for this screen (what it may report as played). */
export const listScreenRenditions = (db: Db, options: { screenId: string; ids: string[] }) =>
  db
    .select({ id: renditions.id, bulletinId: renditions.bulletinId, language: renditions.language })
    .from(renditions)
    .where(and(inArray(renditions.id, options.ids), eq(renditions.target, `screen:${options.screenId}`)));

/** Every rendition of a bulletin, by language, channel and target. */
export const listBulletinRenditions = (db: Db, bulletinId: string) =>
  db.select().from(renditions).where(eq(renditions.bulletinId, bulletinId)).orderBy(asc(renditions.language), asc(renditions.channel), asc(renditions.target));

/** A bulletin's voice renditions, by language. */
export const listVoiceRenditions = (db: Db, bulletinId: string) =>
  db
    .select()
    .from(renditions)
    .where(and(eq(renditions.bulletinId, bulletinId), eq(renditions.channel, "voice")))
    .orderBy(asc(renditions.language));
