// A screen's feed: the display renditions made for it, of bulletins published and in force right now (validity
// is checked at read time, not when the feed was built), urgent first, then the latest published first.
import { createHash } from "node:crypto";
import type { Db } from "../db/client.ts";
import { listScreenFeedRows } from "../db/queries/feeds.ts";
import type { Screen } from "../db/queries/screens.ts";

const urgencyOrder = { urgent: 0, priority: 1, routine: 2 } as const;

export type FeedItem = {
  id: string;
  bulletinId: string;
  version: number;
  urgency: "routine" | "priority" | "urgent";
  language: string;
  headline: string;
  body: string;
  slide: string;
  durationSec: number;
  validFrom: string;
  expiresAt: string;
  test: boolean;
  mode: string;
};

export const screenFeedItems = async (db: Db, screen: Screen, now: Date): Promise<FeedItem[]> => {
  const rows = await listScreenFeedRows(db, { screenId: screen.id, now });
  return rows
    .filter(({ rendition }) => screen.languages.includes(rendition.language))
    .sort(
      (a, b) =>
        urgencyOrder[a.bulletin.urgency] - urgencyOrder[b.bulletin.urgency] ||
        (b.bulletin.publishedAt?.getTime() ?? 0) - (a.bulletin.publishedAt?.getTime() ?? 0) ||
        screen.languages.indexOf(a.rendition.language) - screen.languages.indexOf(b.rendition.language),
    )
    .map(({ rendition, bulletin }) => {
      const content = rendition.content as { slide: string; headline: string; body: string; durationSec: number };
      return {
        id: rendition.id,
        bulletinId: bulletin.id,
        version: bulletin.version,
        urgency: bulletin.urgency,
        language: rendition.language,
        headline: content.headline,
        body: content.body,
        slide: `/screen/v1/slides/${content.slide}`,
        durationSec: content.durationSec,
        validFrom: bulletin.validFrom.toISOString(),
        expiresAt: bulletin.validUntil.toISOString(),
        test: bulletin.mode !== "actual",
        mode: bulletin.mode,
      };
    });
};

/** The screen's feed now, with its ETag. */
export const currentFeed = async (db: Db, screen: Screen, now: Date) => {
  const items = await screenFeedItems(db, screen, now);
  return { items, etag: feedEtag(screen, items) };
};

/** A strong ETag over what the screen would show: the same items give the same tag, whenever asked. */
export const feedEtag = (screen: Screen, items: FeedItem[]) =>
  `"${createHash("sha256")
    .update(JSON.stringify({ screen: [screen.id, screen.gateCode, screen.languages, screen.width, screen.height], items }))
    .digest("base64url")
    .slice(0, 32)}"`;
