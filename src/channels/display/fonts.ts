// The fonts slides are drawn with: shipped as npm packages (Noto Sans, Noto Sans Lao, Noto Sans Khmer; OFL-1.1)
// and registered explicitly with libvips/Pango, so a slide never depends on what fonts the machine happens to have.
import { createRequire } from "node:module";
import sharp from "sharp";
import type { Language } from "../../domain/index.ts";

const require = createRequire(import.meta.url);
const file = (pkg: string, weight: "400Regular" | "700Bold", name: string) => require.resolve(`${pkg}/${weight}/${name}_${weight}.ttf`);

export const fontFiles = [
  file("@expo-google-fonts/noto-sans", "400Regular", "NotoSans"),
  file("@expo-google-fonts/noto-sans", "700Bold", "NotoSans"),
  file("@expo-google-fonts/noto-sans-lao", "400Regular", "NotoSansLao"),
  file("@expo-google-fonts/noto-sans-lao", "700Bold", "NotoSansLao"),
  file("@expo-google-fonts/noto-sans-khmer", "400Regular", "NotoSansKhmer"),
  file("@expo-google-fonts/noto-sans-khmer", "700Bold", "NotoSansKhmer"),
];

/** Pango font families per language: the script's own font first, Noto Sans for Latin letters and digits. */
export const fontFamilies: Record<Language, string> = {
  vi: "Noto Sans",
  en: "Noto Sans",
  lo: "Noto Sans Lao, Noto Sans",
  km: "Noto Sans Khmer, Noto Sans",
};

let registered: Promise<void> | undefined;

/** libvips adds a text call's fontfile to Pango's font map for the life of the process: one call per file. */
export const registerFonts = () =>
  (registered ??= (async () => {
    for (const fontfile of fontFiles) await sharp({ text: { text: ".", fontfile } }).png().toBuffer();
  })());
