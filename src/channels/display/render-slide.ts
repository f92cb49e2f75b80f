// Slides for border-gate screens, drawn with sharp (libvips + Pango + HarfBuzz, so Lao and Khmer are shaped).
// With fonts.ts, the only module that uses sharp. Text is fitted: the largest size at which headline and body fit the slide;
// text that does not fit at the smallest readable size is an error for the editor, never a cut or overflowing
// slide. Same input, same bytes: a slide is named by the hash of what it shows.
import { createHash } from "node:crypto";
import type { OverlayOptions } from "sharp";
import type { BulletinMode, Language, Urgency } from "../../domain/index.ts";
import { fontFamilies, loadSharp, registerFonts } from "./fonts.ts";
import { breakableText, escapePango, termsIn } from "./slide-text.ts";

/** Bump when the drawing changes, so content-addressed names change with it. 2: names, numbers with their units and
 *  punctuation kept whole across line breaks; the headline's own line height and a gap before the body. */
export const slideRendererVersion = 2;

export type SlideProfile = { width: number; height: number };
export type SlideInput = {
  language: Language;
  headline: string;
  body: string;
  /** where and in which language, e.g. "Cửa khẩu Quốc tế Cầu Treo · Tiếng Việt" */
  caption: string;
  /** e.g. "Có hiệu lực đến 03/12/2026, 06:00" */
  validity: string;
  urgency: Urgency;
  /** the urgent label in the slide's language ("KHẨN"), shown on urgent slides */
  urgentLabel: string;
  mode: BulletinMode;
  /** "TEST - NOT A REAL ALERT" in the slide's language, shown on test and exercise slides */
  modeBanner: string;
  /** names no line may break inside besides the gazetteer's and the templates' (src/localize/unbreakable-terms.ts),
   *  e.g. the place names as the database has them */
  unbreakable?: string[];
};

export type Box = { top: number; left: number; width: number; height: number };
export type RenderedSlide = {
  file: string;
  png: Buffer;
  width: number;
  height: number;
  headlineSize: number;
  bodySize: number;
  /** where headline and body were drawn: inside the slide by construction, and checked by the tests */
  layout: { headline: Box; body: Box; margin: number };
};

export class SlideTooLongError extends Error {
  constructor(
    readonly language: Language,
    readonly profile: SlideProfile,
    readonly neededPx: number,
    readonly availablePx: number,
  ) {
    super(
      `the ${language} text does not fit a ${profile.width}x${profile.height} slide even at the smallest readable size ` +
        `(needs ${neededPx} px of height, ${availablePx} px available); shorten the headline or body`,
    );
  }
}

/** Extra space between lines, as a share of the font size: the headline's lines closer than the body's. */
const headlineLineSpacing = 0.05;
const bodyLineSpacing = 0.25;

const colours = { routine: "#0b3d91", priority: "#9a5b00", urgent: "#b00020", text: "#111111", band: "#ffffff", banner: "#ffd400" };

/** The hash that names a slide: what it shows, at which size, drawn by which version. */
export const slideKey = (input: SlideInput, profile: SlideProfile) =>
  createHash("sha256")
    .update(JSON.stringify({ v: slideRendererVersion, profile, input }))
    .digest("hex")
    .slice(0, 32);

/** A block of text as raw RGBA pixels: the fitting loop draws the headline and body at several sizes, and only the
 *  slide is encoded to PNG (each block encoded too took about half of a long slide's time). */
type TextBlock = { data: Buffer; width: number; height: number };
type TextOptions = { language: Language; size: number; bold?: boolean; width: number; colour: string; unbreakable?: string[]; lineSpacing?: number };

const font = (options: Pick<TextOptions, "language" | "bold" | "size">) =>
  `${fontFamilies[options.language]}${options.bold ? " Bold" : ""} ${Math.round(options.size)}`;

/** Widths of names on one line at 100 px, per language and weight: a name's width scales with the font size. */
const measureSize = 100;
const measured = new Map<string, number>();
const nameWidth = async (term: string, options: Pick<TextOptions, "language" | "bold">) => {
  const key = `${options.language}|${options.bold ? 1 : 0}|${term}`;
  let width = measured.get(key);
  if (width === undefined) {
    const sharp = await loadSharp();
    const { info } = await sharp({ text: { text: escapePango(term.replace(/[ \t]/g, "\u00A0")), font: font({ ...options, size: measureSize }), dpi: 72 } })
      .png()
      .toBuffer({ resolveWithObject: true });
    if (measured.size > 10_000) measured.clear();
    measured.set(key, (width = info.width));
  }
  return width;
};

/** `text` as Pango markup with its line breaks decided (slide-text.ts): a name that fits on a line is kept whole;
 *  one wider than the line may break only where its parts meet. */
export const slideMarkup = async (text: string, options: Omit<TextOptions, "colour">) => {
  const widths = new Map<string, number>();
  for (const term of termsIn(options.language, text, options.unbreakable)) widths.set(term, await nameWidth(term, options));
  const fits = (term: string) => ((widths.get(term) ?? 0) * options.size) / measureSize <= options.width * 0.97;
  return escapePango(breakableText(options.language, text, { unbreakable: options.unbreakable, fits }));
};

/** Draws `text` wrapped at `width`: exported for the tests that measure where lines broke. */
export const drawText = async (text: string, options: TextOptions): Promise<TextBlock> => {
  const markup = `<span foreground="${options.colour}">${await slideMarkup(text, options)}</span>`;
  const sharp = await loadSharp();
  const { data, info } = await sharp({
    text: {
      text: markup,
      font: font(options),
      width: Math.floor(options.width),
      wrap: "word-char",
      rgba: true,
      dpi: 72,
      spacing: Math.round(options.size * (options.lineSpacing ?? 0.25)),
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

const layer = (block: TextBlock, top: number, left: number): OverlayOptions => ({
  input: block.data,
  raw: { width: block.width, height: block.height, channels: 4 },
  top,
  left,
});

const box = async (width: number, height: number, colour: string) =>
  (await loadSharp())({ create: { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height)), channels: 4, background: colour } })
    .png()
    .toBuffer();

export const renderSlide = async (input: SlideInput, profile: SlideProfile): Promise<RenderedSlide> => {
  await registerFonts();
  const { width, height } = profile;
  const unit = Math.min(width, height);
  const pad = Math.round(unit * 0.05);
  const small = Math.max(14, Math.round(unit * 0.045));
  const contentWidth = width - 2 * pad;
  const urgent = input.urgency === "urgent";
  const marked = input.mode !== "actual";

  // top band: urgent label (urgent only) and the caption
  const bandText = urgent ? `${input.urgentLabel} · ${input.caption}` : input.caption;
  const { language, unbreakable } = input;
  const band = await drawText(bandText, { language, unbreakable, size: small, bold: urgent, width: contentWidth, colour: colours.band });
  const bandHeight = band.height + pad;
  // bottom: validity, and the test/exercise banner
  const validity = await drawText(input.validity, { language, unbreakable, size: small, width: contentWidth, colour: colours.text });
  const banner = marked
    ? await drawText(input.modeBanner, { language, unbreakable, size: small, bold: true, width: contentWidth, colour: colours.text })
    : undefined;
  const bannerHeight = banner ? banner.height + Math.round(pad / 2) : 0;
  const footerHeight = validity.height + pad + bannerHeight;
  const available = height - bandHeight - footerHeight - 2 * pad;

  // the largest sizes at which headline and body fit; the smallest readable body is `small`
  const headlineMax = unit * 0.085;
  const bodyMax = unit * 0.06;
  let scale = 1;
  let fitted: { headline: TextBlock; body: TextBlock; headlineSize: number; bodySize: number; gap: number } | undefined;
  let needed = 0;
  for (;;) {
    const headlineSize = Math.max(small * 1.15, headlineMax * scale);
    const bodySize = Math.max(small, bodyMax * scale);
    // the headline is a block of its own: lines closer together than the body's, and a gap of a body line
    // before the body, so its last line never reads as the body's first
    const headline = await drawText(input.headline, {
      language,
      unbreakable,
      size: headlineSize,
      bold: true,
      width: contentWidth,
      colour: colours.text,
      lineSpacing: headlineLineSpacing,
    });
    const body = await drawText(input.body, { language, unbreakable, size: bodySize, width: contentWidth, colour: colours.text, lineSpacing: bodyLineSpacing });
    const gap = Math.max(Math.round(pad / 2), Math.round(bodySize));
    needed = headline.height + gap + body.height;
    if (needed <= available && headline.width <= contentWidth && body.width <= contentWidth) {
      fitted = { headline, body, headlineSize, bodySize, gap };
      break;
    }
    if (bodySize <= small && headlineSize <= small * 1.15) break;
    scale *= 0.9;
  }
  if (!fitted) throw new SlideTooLongError(input.language, profile, needed, available);

  const layers: OverlayOptions[] = [
    { input: await box(width, bandHeight, colours[input.urgency]), top: 0, left: 0 },
    layer(band, Math.round(pad / 2), pad),
    layer(fitted.headline, bandHeight + pad, pad),
    layer(fitted.body, bandHeight + pad + fitted.headline.height + fitted.gap, pad),
    layer(validity, height - pad - bannerHeight - validity.height, pad),
  ];
  if (urgent) layers.push({ input: await box(Math.round(pad / 3), height - bandHeight, colours.urgent), top: bandHeight, left: 0 });
  if (banner) {
    layers.push({ input: await box(width, bannerHeight, colours.banner), top: height - bannerHeight, left: 0 });
    layers.push(layer(banner, height - bannerHeight + Math.round((bannerHeight - banner.height) / 2), pad));
  }
  const png = await (await loadSharp())({ create: { width, height, channels: 4, background: "#ffffff" } })
    .composite(layers)
    .png()
    .toBuffer();
  const headlineTop = bandHeight + pad;
  const bodyTop = headlineTop + fitted.headline.height + fitted.gap;
  return {
    file: `${slideKey(input, profile)}.png`,
    png,
    width,
    height,
    headlineSize: Math.round(fitted.headlineSize),
    bodySize: Math.round(fitted.bodySize),
    layout: {
      headline: { top: headlineTop, left: pad, width: fitted.headline.width, height: fitted.headline.height },
      body: { top: bodyTop, left: pad, width: fitted.body.width, height: fitted.body.height },
      margin: pad,
    },
  };
};
