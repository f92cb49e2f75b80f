// What a screen shows now, as near as the server can tell: its player goes round the items of its current feed in
// order, each for its durationSec (at least 3 s), and reports each play. From the last play it reported (of an
// item still in its feed) the rotation is followed to now; with no recent play, the feed's first item (where a
// player starts). The console's screen thumbnails show this item's slide.
import type { Db } from "../db/client.ts";
import { lastScreenPlay } from "../db/queries/delivery-log.ts";
import { getSlideByFile } from "../db/queries/slides.ts";
import type { Screen } from "./display-renditions.ts";
import { screenFeedItems, type FeedItem } from "./screen-feed.ts";

/** Plays older than this are not followed: the screen has been restarted or cut off since, most likely. */
const followPlaysFor = 60 * 60_000;

/** How long the player shows an item (player.js: at least 3 seconds). */
const shownFor = (item: Pick<FeedItem, "durationSec">) => Math.max(3, item.durationSec) * 1_000;

/** The item the rotation reaches at `now`, the rotation having reached `from.index` at `from.startedAt`. */
export const rotationAt = <Item extends Pick<FeedItem, "id" | "durationSec">>(items: Item[], from: { index: number; startedAt: Date }, now: Date): Item => {
  const cycle = items.reduce((sum, item) => sum + shownFor(item), 0);
  let left = Math.max(0, now.getTime() - from.startedAt.getTime()) % cycle;
  for (let step = 0; ; step += 1) {
    const item = items[(from.index + step) % items.length]!;
    if (left < shownFor(item)) return item;
    left -= shownFor(item);
  }
};

export type NowShowing = { item: FeedItem; file: string } | undefined;

/** The feed item the screen most likely shows at `now` and its slide's file name; undefined for an empty feed. */
export const screenNowShowing = async (db: Db, screen: Screen, now: Date): Promise<NowShowing> => {
  const items = await screenFeedItems(db, screen, now);
  if (items.length === 0) return undefined;
  const played = await lastScreenPlay(db, { screenId: screen.id, since: new Date(now.getTime() - followPlaysFor) });
  const index = played ? items.findIndex((item) => item.id === played.itemId) : -1;
  const item = index >= 0 ? rotationAt(items, { index, startedAt: played!.startedAt }, now) : items[0]!;
  return { item, file: item.slide.slice(item.slide.lastIndexOf("/") + 1) };
};

/** The slide the screen most likely shows now (its PNG), with its item; undefined when it shows nothing. */
export const screenNowShowingSlide = async (db: Db, screen: Screen, now: Date) => {
  const showing = await screenNowShowing(db, screen, now);
  const slide = showing ? await getSlideByFile(db, showing.file) : undefined;
  return showing && slide ? { ...showing, slide } : undefined;
};
