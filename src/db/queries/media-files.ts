// Content-addressed media (slides, audio) by file name, as the screen and public audiences serve them.
import { eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { audio, slides } from "../schema/index.ts";

export const getSlideByFile = async (db: Db, file: string) => {
  const [row] = await db.select().from(slides).where(eq(slides.file, file));
  return row;
};

export const getAudioByFile = async (db: Db, file: string) => {
  const [row] = await db.select().from(audio).where(eq(audio.file, file));
  return row;
};
