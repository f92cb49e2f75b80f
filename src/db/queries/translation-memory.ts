// The translation memory's reads and writes: approved source/target sentence pairs per language pair.
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { translationMemory } from "../schema/index.ts";
import type { Language } from "../../domain/index.ts";

export type MemoryEntry = typeof translationMemory.$inferSelect;
export type NewMemoryEntry = typeof translationMemory.$inferInsert;

/** A language pair: what every memory lookup is scoped to. */
export type LanguagePair = { source: Language; target: Language };

/** Stores pairs; a source key already in the memory takes the newer target (a corrected translation corrects it). */
export const upsertMemoryEntries = async (db: Db, entries: NewMemoryEntry[]) => {
  if (entries.length === 0) return;
  await db
    .insert(translationMemory)
    .values(entries)
    .onConflictDoUpdate({
      target: [translationMemory.sourceLanguage, translationMemory.targetLanguage, translationMemory.sourceKey],
      set: {
        target: sql`excluded.target`,
        source: sql`excluded.source`,
        bulletinId: sql`excluded.bulletin_id`,
        approvedBy: sql`excluded.approved_by`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
};

/** The targets stored for the given normalised source keys. */
export const listTargetsByKey = async (db: Db, pair: LanguagePair & { sourceKeys: string[] }) => {
  if (pair.sourceKeys.length === 0) return [];
  return db
    .select({ sourceKey: translationMemory.sourceKey, target: translationMemory.target })
    .from(translationMemory)
    .where(
      and(
        eq(translationMemory.sourceLanguage, pair.source),
        eq(translationMemory.targetLanguage, pair.target),
        inArray(translationMemory.sourceKey, pair.sourceKeys),
      ),
    );
};

/** Entries whose source key is between `minLength` and `maxLength` characters long: the candidates of a fuzzy match. */
export const listEntriesByKeyLength = (db: Db, options: LanguagePair & { minLength: number; maxLength: number; limit: number }) =>
  db
    .select({ sourceKey: translationMemory.sourceKey, source: translationMemory.source, target: translationMemory.target })
    .from(translationMemory)
    .where(
      and(
        eq(translationMemory.sourceLanguage, options.source),
        eq(translationMemory.targetLanguage, options.target),
        sql`char_length(${translationMemory.sourceKey}) between ${options.minLength} and ${options.maxLength}`,
      ),
    )
    .limit(options.limit);

/** Every entry of a language pair, by source key (the export). */
export const listMemoryPairs = (db: Db, pair: LanguagePair) =>
  db
    .select()
    .from(translationMemory)
    .where(and(eq(translationMemory.sourceLanguage, pair.source), eq(translationMemory.targetLanguage, pair.target)))
    .orderBy(asc(translationMemory.sourceKey));

/** Entries of a language pair whose source or target contains `text` (case-insensitive), by source key. */
export const searchMemoryPairs = (db: Db, options: LanguagePair & { text?: string; limit: number }) => {
  const conditions: SQL[] = [eq(translationMemory.sourceLanguage, options.source), eq(translationMemory.targetLanguage, options.target)];
  if (options.text) {
    const pattern = `%${options.text.replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(or(ilike(translationMemory.source, pattern), ilike(translationMemory.target, pattern))!);
  }
  return db
    .select()
    .from(translationMemory)
    .where(and(...conditions))
    .orderBy(asc(translationMemory.sourceKey))
    .limit(options.limit);
};
