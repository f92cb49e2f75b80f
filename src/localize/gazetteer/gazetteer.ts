// The gazetteer as data in the repo (places.json): provinces, border districts and gates along the Lao and
// Cambodian borders, names in vi/lo/en/km, counterparts across the border, display languages.
// Seed loads it; the API edits the database copy.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { gateTypes, languages, placeKinds, type Language } from "../../domain/index.ts";

const name = z.string().trim().min(1).max(200);
export const PlaceNamesSchema = z.strictObject(Object.fromEntries(languages.map((language) => [language, name])) as Record<Language, typeof name>);
export const GazetteerPlaceSchema = z.strictObject({
  code: z
    .string()
    .max(40)
    .regex(/^[A-Z]{2}(-[A-Z0-9]+)*$/, "a place code such as VN-HT or VN-HT-CAUTREO"),
  kind: z.enum(placeKinds),
  parentCode: z.string().nullable(),
  country: z.enum(["VN", "LA", "KH"]),
  names: PlaceNamesSchema,
  languages: z.array(z.enum(languages)).min(1),
  reviewed: z.boolean(),
  counterpartCode: z.string().nullable(),
  gateType: z.enum(gateTypes).nullable(),
  note: z.string().optional(),
});
export type GazetteerPlace = z.infer<typeof GazetteerPlaceSchema>;

let cached: GazetteerPlace[] | undefined;

/** The places in src/localize/gazetteer/places.json, validated. */
export const gazetteerPlaces = (): GazetteerPlace[] =>
  (cached ??= z.array(GazetteerPlaceSchema).parse(JSON.parse(readFileSync(new URL("./places.json", import.meta.url), "utf8"))));
