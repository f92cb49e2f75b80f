// Finding a place by name in any of its languages: Vietnamese with or without diacritics ("cau treo" finds
// "Cầu Treo"), Lao, Khmer, English, or its code. Pure: the caller passes the places.
import type { Language } from "../../domain/index.ts";

export type NamedPlace = { code: string; kind: string; names: Partial<Record<Language, string>> };

/** Lower case, Latin diacritics and đ folded; Lao and Khmer marks are kept (they are letters there). */
export const foldPlaceName = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/gu, "")
    .replace(/[đĐ]/gu, "d")
    .toLocaleLowerCase("en")
    .normalize("NFC")
    .replace(/\s+/gu, " ")
    .trim();

const kindOrder = ["gate", "commune", "district", "province", "country"];

/** Places whose code or a name in any language holds every word of the query, best first. */
export const searchPlaceNames = <P extends NamedPlace>(places: Iterable<P>, query: string, limit = 12): P[] => {
  const words = foldPlaceName(query).split(" ").filter(Boolean);
  if (words.length === 0) return [];
  const whole = words.join(" ");
  const found: { place: P; score: number }[] = [];
  for (const place of places) {
    const names = [place.code, ...Object.values(place.names)].filter((name): name is string => Boolean(name)).map(foldPlaceName);
    if (!names.some((name) => words.every((word) => name.includes(word)))) continue;
    const exact = names.some((name) => name === whole || name.endsWith(` ${whole}`)) ? 0 : names.some((name) => name.includes(whole)) ? 1 : 2;
    const kind = kindOrder.indexOf(place.kind);
    found.push({ place, score: exact * 10 + (kind === -1 ? kindOrder.length : kind) });
  }
  return found
    .sort((a, b) => a.score - b.score || a.place.code.localeCompare(b.place.code))
    .slice(0, limit)
    .map((entry) => entry.place);
};
