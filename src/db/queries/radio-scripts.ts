// Taking a radio script's cursor position again: stations reading "after" their last cursor see it once more
// (its audio arrived, or the bulletin was withdrawn or superseded).
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { radioScripts } from "../schema/index.ts";
import { type Language } from "../../domain/index.ts";

export const touchRadioScripts = async (db: Db, options: { bulletinId: string; language?: Language }) => {
  await db
    .update(radioScripts)
    .set({ seq: sql`nextval(pg_get_serial_sequence('radio_scripts', 'seq'))`, tx: sql`pg_current_xact_id()` })
    .where(and(eq(radioScripts.bulletinId, options.bulletinId), options.language ? eq(radioScripts.language, options.language) : undefined));
};
