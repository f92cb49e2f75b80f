// The public Atom feed for national alert hubs: every bulletin in force now (published, validFrom <= now <
// validUntil), urgent first, then the latest published; each entry links the bulletin's public CAP 1.2 document.
import { buildAtom, type AtomEntry } from "../channels/cap/index.ts";
import type { Db } from "../db/client.ts";
import { lastFeedExitAt, lastLapsedAt, listBulletinsInForce } from "../db/queries/feeds.ts";
import { publicPagePath } from "./public-page.ts";

const urgencyOrder = { urgent: 0, priority: 1, routine: 2 } as const;

export const publicFeedPath = "/public/v1/alerts.atom";
export const publicCapUrl = (publicUrl: string, bulletinId: string) => `${publicUrl}/public/v1/alerts/${bulletinId}.xml`;

/** Bulletins in force at `now`, with their source-language text, in feed order. */
export const bulletinsInForce = async (db: Db, now: Date) => {
  const rows = await listBulletinsInForce(db, now);
  return rows.sort(
    (a, b) =>
      urgencyOrder[a.bulletin.urgency] - urgencyOrder[b.bulletin.urgency] ||
      (b.bulletin.publishedAt?.getTime() ?? 0) - (a.bulletin.publishedAt?.getTime() ?? 0) ||
      a.bulletin.id.localeCompare(b.bulletin.id),
  );
};

/** When the feed last changed: an entry came in (published, or its validity began) or one left it (withdrawn,
 *  superseded, expired). The same feed gives the same document, so its ETag holds between changes. */
const lastChange = async (db: Db, entries: Awaited<ReturnType<typeof bulletinsInForce>>, now: Date) => {
  const left = await lastFeedExitAt(db);
  const lapsed = await lastLapsedAt(db, now);
  const times = [...entries.flatMap(({ bulletin }) => [bulletin.publishedAt, bulletin.validFrom]), left, lapsed].filter(
    (time): time is Date => time instanceof Date,
  );
  return times.length > 0 ? new Date(Math.max(...times.map((time) => time.getTime()))) : now;
};

export const capFeed = async (db: Db, publicUrl: string, now: Date) => {
  const rows = await bulletinsInForce(db, now);
  const selfUrl = `${publicUrl}${publicFeedPath}`;
  const entries: AtomEntry[] = rows.map(({ bulletin, text }) => ({
    id: `urn:uuid:${bulletin.id}`,
    title: text.headline,
    summary: text.summary,
    language: text.language,
    published: bulletin.publishedAt ?? bulletin.validFrom,
    updated: bulletin.publishedAt ?? bulletin.validFrom,
    categories: [
      { scheme: `${selfUrl}#category`, term: bulletin.category },
      { scheme: `${selfUrl}#urgency`, term: bulletin.urgency },
      { scheme: `${selfUrl}#mode`, term: bulletin.mode },
    ],
    capUrl: publicCapUrl(publicUrl, bulletin.id),
    ...(bulletin.mode === "actual" ? { pageUrl: `${publicUrl}${publicPagePath(bulletin.id, text.language)}` } : {}),
  }));
  return buildAtom({
    id: selfUrl,
    title: "bantin: bulletins in force",
    selfUrl,
    author: `bantin (${new URL(publicUrl).hostname})`,
    updated: await lastChange(db, rows, now),
    entries,
  });
};
