// The display channel's rendition step: which screens show a bulletin, and their slides. Slides are drawn
// before the format transaction (drawing takes a while; no connection is held meanwhile) and only when no slide
// with that content exists yet.
import { renderSlide, slideKey, SlideTooLongError, type SlideInput } from "../channels/display/index.ts";
import type { Db } from "../db/client.ts";
import type { Bulletin, BulletinText } from "../db/queries/bulletins.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import { insertSlides, listStoredSlideFiles } from "../db/queries/slides.ts";
import { areasOverlap, listPlaceParents } from "../db/queries/places.ts";
import { listPlaceNames } from "../db/queries/places.ts";
import { deleteRenditions, upsertRendition } from "../db/queries/renditions.ts";
import { listScreenRenditionsOfPublished } from "../db/queries/feeds.ts";
import { listActiveScreens, type Screen } from "../db/queries/screens.ts";
import type { Language } from "../domain/index.ts";
import { formatDateTime } from "../localize/format-locale.ts";
import { fixedT } from "../localize/i18n.ts";

export type { Screen };

/** Active screens at a gate within the bulletin's areas. */
export const screensFor = async (db: Db, bulletin: Pick<Bulletin, "areas">) => {
  const [all, parents] = await Promise.all([listActiveScreens(db), listPlaceParents(db)]);
  const byCode = new Map(parents.map((place) => [place.code, place]));
  return all.filter((screen) => areasOverlap(byCode, [screen.gateCode], bulletin.areas));
};

/** Seconds a slide stays up: enough to read it, within bounds a rotation can live with. */
export const slideDuration = (text: Pick<BulletinText, "headline" | "body">) =>
  Math.min(30, Math.max(8, Math.round((text.headline.length + text.body.length) / 15)));

export const slideInput = (
  bulletin: Pick<Bulletin, "validUntil" | "urgency" | "mode">,
  text: Pick<BulletinText, "language" | "headline" | "body">,
  gateName: string,
): SlideInput => {
  const t = fixedT(text.language, "channels");
  return {
    language: text.language,
    headline: text.headline,
    body: text.body,
    caption: `${gateName} · ${t("display.languageCaption")}`,
    validity: t("display.validUntil", { until: formatDateTime(text.language, bulletin.validUntil) }),
    urgency: bulletin.urgency,
    urgentLabel: t("labels.urgent"),
    mode: bulletin.mode,
    modeBanner: bulletin.mode === "exercise" ? t("display.exerciseBanner") : t("display.testBanner"),
  };
};

type Planned = { screen: Screen; text: BulletinText; input: SlideInput; file: string };

const plan = async (db: Db, options: { bulletin: Bulletin; texts: BulletinText[]; targets: Screen[] }) => {
  const { bulletin, texts, targets } = options;
  if (targets.length === 0) return [];
  // the gates' names for the captions; with the bulletin's areas, the names no slide line may break inside (as the
  // database has them: an edited name is kept whole too, besides the gazetteer's own list)
  const places = await listPlaceNames(db, [...new Set([...targets.map((screen) => screen.gateCode), ...bulletin.areas])]);
  const names = new Map(places.map((place) => [place.code, place.names]));
  const planned: Planned[] = [];
  for (const screen of targets) {
    for (const text of texts) {
      if (!screen.languages.includes(text.language)) continue;
      const unbreakable = [...new Set([screen.gateCode, ...bulletin.areas].flatMap((code) => names.get(code)?.[text.language] ?? []))].sort();
      const input = { ...slideInput(bulletin, text, names.get(screen.gateCode)?.[text.language] ?? screen.gateCode), unbreakable };
      planned.push({ screen, text, input, file: `${slideKey(input, screen)}.png` });
    }
  }
  return planned;
};

export type PreparedDisplay = {
  renditions: { screen: Screen; language: Language; file: string; durationSec: number; text: BulletinText }[];
  drawn: { file: string; width: number; height: number; png: Buffer }[];
  tooLong: { screen: Screen; language: Language; message: string }[];
};

/** Slides drawn at once: about one per CPU core (libvips lays text out one at a time, but encodes and composites
 *  side by side); two slides of a long flood warning took about 25% less time than one after the other. */
export const slideConcurrency = 2;

/** Draws the slides a bulletin needs that do not exist yet, for every screen it concerns. */
export const prepareDisplay = async (db: Db, bulletin: Bulletin, texts: BulletinText[]): Promise<PreparedDisplay> =>
  prepareDisplayFor(db, { bulletin, texts, screens: await screensFor(db, bulletin) });

/** Draws the slides a bulletin needs on `screens` (the caller chose them) that do not exist yet. */
export const prepareDisplayFor = async (db: Db, options: { bulletin: Bulletin; texts: BulletinText[]; screens: Screen[] }): Promise<PreparedDisplay> => {
  const planned = await plan(db, { bulletin: options.bulletin, texts: options.texts, targets: options.screens });
  const files = [...new Set(planned.map((entry) => entry.file))];
  const existing = await listStoredSlideFiles(db, files);
  // each missing slide drawn once, `slideConcurrency` at a time (an urgent bulletin's SMS wait for its slides)
  const missing = [...new Map(planned.filter((entry) => !existing.has(entry.file)).map((entry) => [entry.file, entry])).values()];
  const slides = new Map<string, Awaited<ReturnType<typeof renderSlide>> | SlideTooLongError>();
  let next = 0;
  const lane = async () => {
    while (next < missing.length) {
      const entry = missing[next++]!;
      try {
        slides.set(entry.file, await renderSlide(entry.input, entry.screen));
      } catch (error) {
        if (!(error instanceof SlideTooLongError)) throw error;
        slides.set(entry.file, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(slideConcurrency, missing.length) }, lane));
  const prepared: PreparedDisplay = { renditions: [], drawn: [], tooLong: [] };
  for (const entry of planned) {
    if (!existing.has(entry.file)) {
      const slide = slides.get(entry.file);
      if (slide instanceof SlideTooLongError || !slide) {
        prepared.tooLong.push({ screen: entry.screen, language: entry.text.language, message: slide?.message ?? "not drawn" });
        continue;
      }
      prepared.drawn.push({ file: slide.file, width: slide.width, height: slide.height, png: slide.png });
      existing.add(entry.file);
    }
    prepared.renditions.push({
      screen: entry.screen,
      language: entry.text.language,
      file: entry.file,
      durationSec: slideDuration(entry.text),
      text: entry.text,
    });
  }
  return prepared;
};

/** Stores what prepareDisplay drew and one display rendition per (language x screen). */
export const writeDisplay = async (db: Db, options: { bulletin: Bulletin; prepared: PreparedDisplay; at: Date }) => {
  const { bulletin, prepared, at } = options;
  await insertSlides(
    db,
    prepared.drawn.map((slide) => ({ ...slide, createdAt: at })),
  );
  for (const rendition of prepared.renditions) {
    const content = {
      slide: rendition.file,
      headline: rendition.text.headline,
      body: rendition.text.body,
      durationSec: rendition.durationSec,
      width: rendition.screen.width,
      height: rendition.screen.height,
    };
    await upsertRendition(db, {
      bulletinId: bulletin.id,
      language: rendition.language,
      channel: "display",
      target: `screen:${rendition.screen.id}`,
      content,
      createdAt: at,
    });
  }
  await logDelivery(
    db,
    prepared.tooLong.map((entry) => ({
      at,
      bulletinId: bulletin.id,
      channel: "display",
      language: entry.language,
      event: "message.skipped",
      reason: "slide_too_long",
      detail: { screen: entry.screen.name, message: entry.message },
      dedupeKey: `skip:${bulletin.id}:${entry.language}:screen:${entry.screen.id}:slide_too_long`,
    })),
  );
};

/** Deletes the screen's renditions of published bulletins that no longer fit it: a bulletin that does not concern
 *  its gate, a language it does not show, a slide of another size (one too long for the new size has no
 *  replacement). Returns how many. */
export const dropStaleScreenRenditions = async (db: Db, screen: Screen) => {
  const [rows, parents] = await Promise.all([listScreenRenditionsOfPublished(db, screen.id), listPlaceParents(db)]);
  const byCode = new Map(parents.map((place) => [place.code, place]));
  const stale = rows.filter(
    (row) =>
      !screen.languages.includes(row.language) ||
      row.content.width !== screen.width ||
      row.content.height !== screen.height ||
      !areasOverlap(byCode, [screen.gateCode], row.areas),
  );
  await deleteRenditions(
    db,
    stale.map((row) => row.id),
  );
  return stale.length;
};
