// The translation memory as the API lists it: one language pair, optionally filtered by a substring.
import { and, asc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { translationMemory } from "../schema/index.ts";
import type { Language } from "../../domain/index.ts";

/** Pairs from `source` to `target` whose source or target contains `text` (taken literally), by source key. */
export const searchTranslationMemory = (db: Db, options: { source: Language; target: Language; text?: string; limit: number }) => {
  const conditions: SQL[] = [eq(translationMemory.sourceLanguage, options.source), eq(translationMemory.targetLanguage, options.target)];
  if (options.text) {
    const pattern = `%${options.text.replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(or(ilike(translationMemory.source, pattern), ilike(translationMemory.target, pattern))!);
  }
  return db.select().from(translationMemory).where(and(...conditions)).orderBy(asc(translationMemory.sourceKey)).limit(options.limit);
};
