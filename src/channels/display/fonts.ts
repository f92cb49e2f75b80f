// The fonts slides are drawn with: shipped as npm packages (Noto Sans, Noto Sans Lao, Noto Sans Khmer; OFL-1.1)
// and registered explicitly with libvips/Pango, so a slide never depends on what fonts the machine happens to have.
import { createRequire } from "node:module";
import { languageFacts, languages, type Language, type Script } from "../../domain/index.ts";

const require = createRequire(import.meta.url);

type Font = { family: string; pkg: string; name: string };
const notoSans: Font = { family: "Noto Sans", pkg: "@expo-google-fonts/noto-sans", name: "NotoSans" };
const notoSansLao: Font = { family: "Noto Sans Lao", pkg: "@expo-google-fonts/noto-sans-lao", name: "NotoSansLao" };
const notoSansKhmer: Font = { family: "Noto Sans Khmer", pkg: "@expo-google-fonts/noto-sans-khmer", name: "NotoSansKhmer" };

/** The fonts of each script, in the order Pango tries them: the script's own font first, Noto Sans for Latin
 *  letters and digits. A language in a new script needs its font here (and its npm package). */
const scriptFonts: Record<Script, Font[]> = {
  Latn: [notoSans],
  Laoo: [notoSansLao, notoSans],
  Khmr: [notoSansKhmer, notoSans],
};

const weights = ["400Regular", "700Bold"] as const;

export const fontFiles = [...new Set(Object.values(scriptFonts).flat())].flatMap((font) =>
  weights.map((weight) => require.resolve(`${font.pkg}/${weight}/${font.name}_${weight}.ttf`)),
);

/** Pango font families per language, from its script. */
export const fontFamilies = Object.fromEntries(
  languages.map((language) => [language, scriptFonts[languageFacts[language].script].map((font) => font.family).join(", ")]),
) as Record<Language, string>;

let sharpModule: Promise<typeof import("sharp").default> | undefined;
/** sharp (libvips, about 10 MB once loaded) is loaded at the first slide drawn, not when the process starts: an API
 *  process that only serves stored slides never needs it. libvips' operation cache is turned off: every slide's text
 *  is drawn once, so the cache (up to 50 MB and 100 operations by default) only held memory the worker's RSS kept. */
export const loadSharp = () =>
  (sharpModule ??= import("sharp").then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  }));

let registered: Promise<void> | undefined;

/** libvips adds a text call's fontfile to Pango's font map for the life of the process: one call per file. */
export const registerFonts = () =>
  (registered ??= (async () => {
    const sharp = await loadSharp();
    for (const fontfile of fontFiles)
      await sharp({ text: { text: ".", fontfile } })
        .png()
        .toBuffer();
  })());
