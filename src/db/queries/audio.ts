import { eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { audio } from "../schema/index.ts";

export type NewAudio = typeof audio.$inferInsert;

/** Stores audio files; one already stored (content-addressed: same bytes, same name) is left as it is. */
export const insertAudio = async (db: Db, rows: NewAudio[]) => {
  await db.insert(audio).values(rows).onConflictDoNothing();
};

export const getAudioByFile = async (db: Db, file: string) => {
  const [row] = await db.select().from(audio).where(eq(audio.file, file));
  return row;
};
