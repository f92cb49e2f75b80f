// The words a line must not break inside, per language: a dictionary on top of ICU's word segmentation, which
// splits names it does not know (the Lao gate name ກ່າວແຕ່ວ comes out as ກ່າວ | ແຕ່ | ວ). Every gazetteer name in
// every language, a gate's own name without "Cửa khẩu Quốc tế" / "ດ່ານສາກົນ" / ... (so a full name too long for a
// line breaks between the two parts and nowhere else), and the terms templates fill their fields with.
import type { Language } from "../domain/index.ts";
import { gazetteerPlaces } from "./gazetteer/gazetteer.ts";
import { i18n } from "./i18n.ts";

/** The generic part of a gate's name, per language, longest first (src/localize/gazetteer/README.md, "Gate names
 *  follow one pattern per type"): international, then main and secondary gates. */
const gateNameParts: Record<Language, readonly string[]> = {
  vi: ["Cửa khẩu Quốc tế", "Cửa khẩu"],
  en: ["International Border Gate", "Border Gate"],
  lo: ["ດ່ານສາກົນ", "ດ່ານຊາຍແດນ"],
  km: ["ច្រកទ្វារអន្តរជាតិ", "ច្រកព្រំដែន"],
};

/** The template value lists whose entries are terms (names of reasons, hazards, diseases), not sentences. */
const templateTermLists = ["gateReasons", "hazards", "hazardsLower", "diseases"] as const;

/** A place name and, for a gate name, its own part and its generic part: each to be kept on one line. */
export const nameTerms = (language: Language, name: string): string[] => {
  const whole = name.normalize("NFC").trim();
  const terms = [whole];
  const part = gateNameParts[language].find((generic) => whole.startsWith(generic) || whole.endsWith(generic));
  if (part) {
    const own = (whole.startsWith(part) ? whole.slice(part.length) : whole.slice(0, -part.length)).trim();
    terms.push(part, own);
  }
  return terms.filter((term) => [...term].length >= 2);
};

const templateTerms = (language: Language) => {
  const bundle = (i18n.getResourceBundle(language, "templates") ?? {}) as Record<string, unknown>;
  return templateTermLists
    .flatMap((list) => Object.values((bundle[list] ?? {}) as Record<string, unknown>))
    .filter((value): value is string => typeof value === "string");
};

const cached = new Map<Language, readonly string[]>();

/** The gazetteer's names (places.json) and the template terms in `language`, longest first, without repeats. */
export const unbreakableTerms = (language: Language): readonly string[] => {
  let terms = cached.get(language);
  if (!terms) {
    const all = [
      ...gazetteerPlaces().flatMap((place) => nameTerms(language, place.names[language])),
      ...templateTerms(language).map((term) => term.normalize("NFC").trim()),
    ];
    terms = [...new Set(all)].filter((term) => term.length >= 2).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    cached.set(language, terms);
  }
  return terms;
};
