// A slide for a screen: a screen gets the slides of its own feed, nobody else's.
import type { Db } from "../db/client.ts";
import { getSlideByFile } from "../db/queries/slides.ts";
import type { Screen } from "./display-renditions.ts";
import { screenFeedItems } from "./screen-feed.ts";

/** The slide named `file` when it is in the screen's feed at `now`; undefined otherwise. */
export const screenSlide = async (db: Db, options: { screen: Screen; file: string; now: Date }) => {
  const visible = (await screenFeedItems(db, options.screen, options.now)).some((item) => item.slide.endsWith(`/${options.file}`));
  return visible ? getSlideByFile(db, options.file) : undefined;
};
