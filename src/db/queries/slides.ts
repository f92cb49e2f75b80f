import { eq, inArray } from "drizzle-orm";
import type { Db } from "../client.ts";
import { slides } from "../schema/index.ts";

export type NewSlide = typeof slides.$inferInsert;

/** The files among `files` that are already stored (slides are content-addressed: never drawn twice). */
export const listStoredSlideFiles = async (db: Db, files: string[]) =>
  new Set(files.length ? (await db.select({ file: slides.file }).from(slides).where(inArray(slides.file, files))).map((row) => row.file) : []);

/** Stores drawn slides; one already there (same content, same name) is left as it is. */
export const insertSlides = async (db: Db, rows: NewSlide[]) => {
  if (rows.length > 0) await db.insert(slides).values(rows).onConflictDoNothing();
};

export const getSlideByFile = async (db: Db, file: string) => {
  const [row] = await db.select().from(slides).where(eq(slides.file, file));
  return row;
};
