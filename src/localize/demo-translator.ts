// The demo translator: NOT machine translation. It lets `npm start` (offline, no MT_URL) show machine-style
// proposals so the compose screen and the translators' queue can be tried: a sentence comes from the translation
// memory (exact, then the best similar one), else it is glossed phrase by phrase from a small phrasebook
// (locales/<language>/phrasebook.json; the Lao and Khmer entries await a native speaker like every lo/km draft) with
// place names from the gazetteer in the target language; words it does not know stay in the source language between
// [brackets] for the translator. Its name says what it is, and its proposals are drafts like any other.
import { readFileSync } from "node:fs";
import type { Db } from "../db/client.ts";
import { listPlaces } from "../db/queries/places.ts";
import { languages, type Language } from "../domain/index.ts";
import { MachineTranslationError, type MachineTranslator } from "./machine-translation.ts";
import { exactMatches, fuzzyMatches } from "./translation-memory/memory.ts";
import { normalizeSegment } from "./translation-memory/segment-sentences.ts";

/** The provider name every proposal carries (bulletin texts' origin detail, the console, the API). */
export const demoTranslatorName = "bantin-demo-phrasebook (offline demo, not machine translation)";

type Phrasebook = Record<Language, Record<string, string>>;

const loadPhrasebook = (): Phrasebook =>
  Object.fromEntries(
    languages.map((language) => [
      language,
      (JSON.parse(readFileSync(new URL(`../../locales/${language}/phrasebook.json`, import.meta.url), "utf8")) as { phrases: Record<string, string> }).phrases,
    ]),
  ) as Phrasebook;

// How gates are named around their short name ("Cửa khẩu Quốc tế Cầu Treo" is "Cầu Treo" in running text).
const gatePrefixes: Record<Language, string[]> = {
  vi: ["Cửa khẩu Quốc tế ", "Cửa khẩu chính ", "Cửa khẩu phụ ", "Cửa khẩu "],
  lo: ["ດ່ານສາກົນ ", "ດ່ານຊາຍແດນ ", "ດ່ານທ້ອງຖິ່ນ ", "ດ່ານ "],
  km: ["ច្រកទ្វារអន្តរជាតិ", "ច្រកព្រំដែន", "ច្រក"],
  en: [],
};
const gateSuffixes: Record<Language, string[]> = { vi: [], lo: [], km: [], en: [" International Border Gate", " Main Border Gate", " Border Gate"] };

const shortName = (language: Language, name: string) => {
  for (const prefix of gatePrefixes[language]) if (name.startsWith(prefix) && name.length > prefix.length) return name.slice(prefix.length);
  for (const suffix of gateSuffixes[language]) if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  return name;
};

type PlaceName = { names: Partial<Record<Language, string>>; short: Partial<Record<Language, string>> };

const fold = (text: string) => normalizeSegment(text).toLocaleLowerCase("vi");

// one word: letters and marks (Lao and Khmer vowels are marks), digits, and the joiners inside names
const leading = /^[^\p{L}\p{M}\p{N}]+/u;
const trailing = /[^\p{L}\p{M}\p{N}]+$/u;
const numberLike = /^[\p{N}][\p{N}:/.,-]*[\p{N}]?$|^\p{N}+(h|km|m|kg|%)?$/u;

type Entry = { target: string; kind: "phrase" | "place" };

type GlossOptions = { source: Language; target: Language; phrasebook: Phrasebook; places: PlaceName[] };
type Dictionary = { entries: Map<string, Entry>; longest: number };

/** The phrases and place names of one language pair, folded for lookup. Pure. */
const glossDictionary = (options: GlossOptions): Dictionary => {
  const { source, target } = options;
  const dictionary = new Map<string, Entry>();
  for (const [key, phrase] of Object.entries(options.phrasebook[source])) {
    const translated = options.phrasebook[target][key];
    if (translated) dictionary.set(fold(phrase), { target: translated, kind: "phrase" });
  }
  // place names win over phrases ("Cửa khẩu Quốc tế Cầu Treo" is one name, not "border gate" + two words)
  for (const place of options.places) {
    const full = place.names[source];
    const to = place.names[target];
    if (!full || !to) continue;
    dictionary.set(fold(full), { target: to, kind: "place" });
    const short = place.short[source];
    if (short && short !== full && !dictionary.has(fold(short))) dictionary.set(fold(short), { target: place.short[target] ?? to, kind: "place" });
  }
  return { entries: dictionary, longest: Math.max(1, ...[...dictionary.keys()].map((key) => key.split(" ").length)) };
};

/** Gloss one sentence with the phrasebook and the place names; unknown words kept in [brackets]. Pure; `dictionary`
 *  is glossDictionary's for the same options, when the caller keeps one. */
export const glossSentence = (options: GlossOptions & { sentence: string; dictionary?: Dictionary }) => {
  const { target } = options;
  const { entries: dictionary, longest } = options.dictionary ?? glossDictionary(options);
  const words = normalizeSegment(options.sentence).split(" ").filter(Boolean);
  const out: string[] = [];
  let unknown: string[] = [];
  const flushUnknown = () => {
    if (unknown.length > 0) {
      const joined = unknown.join(" ");
      const after = joined.match(trailing)?.[0] ?? "";
      out.push(`[${joined.slice(0, joined.length - after.length)}]${target === "km" ? after.replace(/\./gu, "។") : after}`);
    }
    unknown = [];
  };
  let known = 0;
  for (let index = 0; index < words.length; ) {
    let matched = false;
    for (let size = Math.min(longest, words.length - index); size >= 1 && !matched; size -= 1) {
      const span = words.slice(index, index + size);
      const before = span[0]!.match(leading)?.[0] ?? "";
      const after = span[span.length - 1]!.match(trailing)?.[0] ?? "";
      // punctuation inside a span of several words ends it
      const core = span.join(" ").slice(before.length, span.join(" ").length - after.length);
      if (size > 1 && /[,;:.!?]/u.test(core)) continue;
      const entry = dictionary.get(fold(core));
      if (!entry) continue;
      flushUnknown();
      out.push(`${before}${entry.target}${target === "km" ? after.replace(/\./gu, "។") : after}`);
      known += size;
      index += size;
      matched = true;
    }
    if (matched) continue;
    const word = words[index]!;
    const bare = word.replace(leading, "").replace(trailing, "");
    if (bare === "" || numberLike.test(bare)) {
      flushUnknown();
      out.push(target === "km" ? word.replace(/\.$/u, "។") : word);
      known += 1;
    } else unknown.push(word);
    index += 1;
  }
  flushUnknown();
  let text = out.join(" ");
  if (target === "en") text = text.charAt(0).toUpperCase() + text.slice(1);
  return { text, known, words: words.length };
};

export type DemoTranslatorOptions = { db: Db; clock?: () => number; placesTtlMs?: number };

/** The offline demo translator (MT_URL=demo, or MT_URL unset with the demo data loaded by `bantin start`). */
export const createDemoTranslator = (options: DemoTranslatorOptions): MachineTranslator => {
  const phrasebook = loadPhrasebook();
  const now = options.clock ?? Date.now;
  const ttl = options.placesTtlMs ?? 60_000;
  let places: { at: number; list: Promise<PlaceName[]> } | undefined;
  const dictionaries = new WeakMap<PlaceName[], Map<string, Dictionary>>();
  const placeNames = () => {
    if (!places || now() - places.at > ttl) {
      const list = listPlaces(options.db).then((rows) =>
        rows.map((row) => {
          const names = row.names as Partial<Record<Language, string>>;
          return { names, short: Object.fromEntries(Object.entries(names).map(([language, name]) => [language, shortName(language as Language, name!)])) };
        }),
      );
      places = { at: now(), list };
      list.catch(() => (places = undefined));
    }
    return places.list;
  };
  return {
    name: demoTranslatorName,
    async translate({ text, source, target }) {
      const sentence = normalizeSegment(text);
      const exact = await exactMatches(options.db, { sourceLanguage: source, targetLanguage: target, sentences: [sentence] });
      const hit = exact.get(sentence);
      if (hit) return hit;
      const [similar] = await fuzzyMatches(options.db, { sourceLanguage: source, targetLanguage: target, sentence, limit: 1 });
      if (similar) return similar.target;
      if (Object.keys(phrasebook[source]).length === 0 || source === target)
        throw new MachineTranslationError("mt_refused", `the demo translator has no phrasebook for ${source}→${target}`);
      const places = await placeNames();
      // the dictionary of a pair, built once per read of the place names (folding every phrase and name was most of
      // a gloss)
      const known = dictionaries.get(places);
      let dictionary = known?.get(`${source}:${target}`);
      if (!dictionary) {
        dictionary = glossDictionary({ source, target, phrasebook, places });
        if (known) known.set(`${source}:${target}`, dictionary);
        else dictionaries.set(places, new Map([[`${source}:${target}`, dictionary]]));
      }
      const glossed = glossSentence({ sentence, source, target, phrasebook, places, dictionary });
      if (glossed.text.trim() === "") throw new MachineTranslationError("mt_bad_response", "the demo translator produced nothing");
      return glossed.text;
    },
  };
};

export const demoPhrasebook = loadPhrasebook;
