// Feed changes travel as PostgreSQL notifications: sent inside the transaction that changes a bulletin's
// status (or a screen's renditions), delivered to every API process after it commits (embedded PGlite does the same in-process).
import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import type { BulletinStatus, Urgency } from "../../domain/index.ts";

export const feedChannel = "bantin_feed";
/** A bulletin's status changed: it entered or left every feed concerned. */
export type FeedChange = { bulletinId: string; status: BulletinStatus; urgency: Urgency };
/** One screen's feed was made anew: the screen was added or changed and got its renditions of what is in force. */
export type ScreenFeedChange = { screenId: string };

export const notifyFeedChange = async (db: Db, change: FeedChange | ScreenFeedChange) => {
  await db.execute(sql`select pg_notify(${feedChannel}, ${JSON.stringify(change)})`);
};

/** Statuses whose change adds a bulletin to feeds or takes it off. */
export const feedStatuses: readonly BulletinStatus[] = ["published", "withdrawn", "superseded", "expired"];

/** Token revocations: API processes drop what they cached about tokens. */
export const tokensChannel = "bantin_tokens";
export const notifyTokensChanged = async (db: Db) => {
  await db.execute(sql`select pg_notify(${tokensChannel}, '')`);
};
