// What the feeds read across bulletins, their texts and renditions: a screen's slides, the public CAP feed, and
// the radio feed's "superseded by". Reads of the bulletins table here are candidates for db/queries/bulletins.ts.
import { and, arrayContains, asc, eq, gt, inArray, isNotNull, lte, max } from "drizzle-orm";
import type { Db } from "../client.ts";
import { bulletins, bulletinTexts, renditions } from "../schema/index.ts";
import type { Channel } from "../../domain/index.ts";

/** The display renditions made for a screen, with their bulletin, of bulletins published and in force at `now`. */
export const listScreenFeedRows = (db: Db, options: { screenId: string; now: Date }) => {
  const { now } = options;
  return db
    .select({ rendition: renditions, bulletin: bulletins })
    .from(renditions)
    .innerJoin(bulletins, eq(bulletins.id, renditions.bulletinId))
    .where(
      and(
        eq(renditions.channel, "display"),
        eq(renditions.target, `screen:${options.screenId}`),
        eq(bulletins.status, "published"),
        lte(bulletins.validFrom, now),
        gt(bulletins.validUntil, now),
      ),
    );
};

/** Bulletins published and in force at `now` (validFrom <= now < validUntil), each with its source-language text. */
export const listBulletinsInForce = (db: Db, now: Date) =>
  db
    .select({ bulletin: bulletins, text: bulletinTexts })
    .from(bulletins)
    .innerJoin(bulletinTexts, and(eq(bulletinTexts.bulletinId, bulletins.id), eq(bulletinTexts.language, bulletins.sourceLanguage)))
    .where(and(eq(bulletins.status, "published"), lte(bulletins.validFrom, now), gt(bulletins.validUntil, now)));

/** Bulletins published, in force at `now` and going out on `channel`, oldest published first. */
export const listBulletinsInForceOn = (db: Db, options: { now: Date; channel: Channel }) =>
  db
    .select()
    .from(bulletins)
    .where(
      and(
        eq(bulletins.status, "published"),
        lte(bulletins.validFrom, options.now),
        gt(bulletins.validUntil, options.now),
        arrayContains(bulletins.channels, [options.channel]),
      ),
    )
    .orderBy(asc(bulletins.publishedAt), asc(bulletins.id));

/** Of `ids`, the bulletins still published and in force at `now`, locked FOR SHARE for this transaction: none of them
 *  is withdrawn, superseded or expired before it commits (those commands wait for it). */
export const lockBulletinsInForce = async (db: Db, options: { ids: string[]; now: Date }) =>
  options.ids.length === 0
    ? []
    : db
        .select()
        .from(bulletins)
        .where(
          and(
            inArray(bulletins.id, options.ids),
            eq(bulletins.status, "published"),
            lte(bulletins.validFrom, options.now),
            gt(bulletins.validUntil, options.now),
          ),
        )
        .orderBy(asc(bulletins.id))
        .for("share");

/** Every display rendition made for a screen of a bulletin still published, with the bulletin's areas: what its
 *  feed may show, to be checked against the screen's gate, languages and size after they changed. */
export const listScreenRenditionsOfPublished = (db: Db, screenId: string) =>
  db
    .select({ id: renditions.id, bulletinId: renditions.bulletinId, language: renditions.language, content: renditions.content, areas: bulletins.areas })
    .from(renditions)
    .innerJoin(bulletins, eq(bulletins.id, renditions.bulletinId))
    .where(and(eq(renditions.channel, "display"), eq(renditions.target, `screen:${screenId}`), eq(bulletins.status, "published")));

/** When a published bulletin last left the feeds by a status change (withdrawn, superseded, expired). */
export const lastFeedExitAt = async (db: Db) => {
  const [row] = await db
    .select({ at: max(bulletins.updatedAt) })
    .from(bulletins)
    .where(and(inArray(bulletins.status, ["withdrawn", "superseded", "expired"]), isNotNull(bulletins.publishedAt)));
  return row?.at ?? undefined;
};

/** The latest end of validity among bulletins still published whose validity has ended by `now`. */
export const lastLapsedAt = async (db: Db, now: Date) => {
  const [row] = await db
    .select({ at: max(bulletins.validUntil) })
    .from(bulletins)
    .where(and(eq(bulletins.status, "published"), lte(bulletins.validUntil, now)));
  return row?.at ?? undefined;
};

/** The bulletins that supersede any of `bulletinIds`: new id and the id it supersedes. */
export const listSupersedingBulletins = async (db: Db, bulletinIds: string[]) => {
  const rows = await db.select({ id: bulletins.id, supersedesId: bulletins.supersedesId }).from(bulletins).where(inArray(bulletins.supersedesId, bulletinIds));
  return rows.map((row) => ({ id: row.id, supersedesId: row.supersedesId! }));
};
