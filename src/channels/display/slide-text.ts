// Text for slides: Pango markup escaped, and the places a line may break. Pango breaks lines at spaces and by
// UAX #14, and would break Lao and Khmer (written without spaces between words) only character by character. This
// module decides the breaks a slide needs and marks them in the text it hands Pango:
// - a zero-width space (U+200B) between two Lao or Khmer words, from ICU's dictionary word boundaries;
// - no break inside a name or term of the dictionary (src/localize/unbreakable-terms.ts: gazetteer names in every
//   language, template terms) nor inside the names the caller passes: no U+200B inside, and its spaces become
//   no-break spaces (U+00A0), which Pango honours. ICU alone splits the Lao gate name ກ່າວແຕ່ວ into ກ່າວ | ແຕ່ | ວ;
// - a number and its unit or currency stay together ("150,000 LAK", "10 tấn", "500 ກີບ");
// - no line starts with a dash or with closing punctuation (")", "។", "ໆ", "%"...), nor ends with an opening one.
import { languageFacts, type Language } from "../../domain/index.ts";
import { nameTerms, unbreakableTerms } from "../../localize/unbreakable-terms.ts";

/** Pango markup is XML: user text is always shown as text. */
export const escapePango = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[char]!);

const zeroWidthSpace = "\u200B";
const noBreakSpace = "\u00A0";
const narrowNoBreakSpace = "\u202F";
const southeastAsian = /^[\u0E80-\u0EFF\u1780-\u17FF\u19E0-\u19FF]$/u;
/** Marks that close or continue what comes before them; a line never starts with one. */
const closing = /^[)\]}»›”’.,:;!?%‰…។៕៖ៗໆຯ]$/u;
const opening = /^[([{«‹“‘]$/u;
const dash = /^[-‐‑‒–—―−]$/u;
/** Spaces a line may break at: the plain space and tab, and the narrow ones ICU puts around a range's dash. */
const breakingSpace = /^[ \t\u2000-\u2006\u2008-\u200A\u205F]$/u;
const wordChar = /^[\p{L}\p{M}\p{N}]$/u;

/** Units and currencies a number keeps on its line: after the number ("150,000 LAK", "5 km", "10 tấn", "500 ກີບ",
 *  "100 រៀល", "1 December") or, for currencies, before it ("USD 20"). The Lao and Khmer unit words are a non-native
 *  speaker's list: NEEDS REVIEW by native speakers (as locales/lo|km/_review.json marks strings). */
const unitsAfter = [
  "LAK",
  "VND",
  "KHR",
  "THB",
  "USD",
  "CNY",
  "EUR",
  "kip",
  "kíp",
  "riel",
  "đồng",
  "đ",
  "₫",
  "₭",
  "៛",
  "$",
  "%",
  "‰",
  "km/h",
  "km²",
  "m²",
  "m³",
  "km",
  "m",
  "cm",
  "mm",
  "kg",
  "g",
  "t",
  "tấn",
  "ha",
  "l",
  "°C",
  "℃",
  "°",
  "h",
  "giờ",
  "phút",
  "giây",
  "ngày",
  "tuần",
  "tháng",
  "năm",
  "người",
  "xe",
  "chiếc",
  "hours",
  "hour",
  "minutes",
  "minute",
  "min",
  "days",
  "day",
  "weeks",
  "months",
  "years",
  "people",
  "persons",
  "vehicles",
  "tonnes",
  "tons",
  "kilometres",
  "metres",
  "litres",
  "dollars",
  // a day and its month: "1 December"
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
  "ກີບ",
  "ໂດລາ",
  "ບາດ",
  "ດົ່ງ",
  "ກິໂລແມັດ",
  "ກມ",
  "ແມັດ",
  "ຊມ",
  "ມມ",
  "ກິໂລກຣາມ",
  "ກິໂລ",
  "ກກ",
  "ໂຕນ",
  "ລິດ",
  "ອົງສາ",
  "ຊົ່ວໂມງ",
  "ໂມງ",
  "ນາທີ",
  "ວັນ",
  "ມື້",
  "ອາທິດ",
  "ເດືອນ",
  "ປີ",
  "ຄົນ",
  "ຄັນ",
  "រៀល",
  "ដុល្លារ",
  "បាត",
  "ដុង",
  "គីឡូម៉ែត្រ",
  "គម",
  "ម៉ែត្រ",
  "មីលីម៉ែត្រ",
  "មម",
  "គីឡូក្រាម",
  "គក",
  "តោន",
  "លីត្រ",
  "អង្សា",
  "ម៉ោង",
  "នាទី",
  "ថ្ងៃ",
  "សប្ដាហ៍",
  "ខែ",
  "ឆ្នាំ",
  "នាក់",
  "គ្រឿង",
].sort((a, b) => b.length - a.length);
const unitsBefore = ["US$", "LAK", "VND", "KHR", "THB", "USD", "CNY", "EUR", "$", "₭", "₫", "៛"].sort((a, b) => b.length - a.length);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const number = String.raw`\p{Nd}+(?:[.,\u00A0\u202F]\p{Nd}+)*`;
const numberThenUnit = new RegExp(String.raw`(?<![\p{L}\p{M}\p{N}:/])${number}[ \u00A0]?(?:${unitsAfter.map(escapeRegExp).join("|")})`, "gu");
const unitThenNumber = new RegExp(String.raw`(?<![\p{L}\p{M}\p{N}])(?:${unitsBefore.map(escapeRegExp).join("|")})[ \u00A0]?${number}`, "gu");

type Span = { start: number; end: number };

export type BreakOptions = {
  /** names to keep whole besides the dictionary's (e.g. the gazetteer names as the database has them) */
  unbreakable?: readonly string[];
  /** whether a name fits on one line; a name that does not may break where its parts (also in the dictionary) meet */
  fits?: (term: string) => boolean;
};

// The callers pass the same few names again and again (a screen's gate and a bulletin's areas) while a slide is
// fitted: each merged dictionary is built once, a bounded number of them kept.
const merged = new Map<string, readonly string[]>();
const dictionary = (language: Language, extra: readonly string[] = []) => {
  if (extra.length === 0) return unbreakableTerms(language);
  const key = `${language}\u0001${extra.join("\u0001")}`;
  let terms = merged.get(key);
  if (!terms) {
    terms = [...new Set([...unbreakableTerms(language), ...extra.flatMap((name) => nameTerms(language, name))])].sort((a, b) => b.length - a.length);
    if (merged.size >= 256) merged.delete(merged.keys().next().value!);
    merged.set(key, terms);
  }
  return terms;
};

const segmenters = new Map<Language, Intl.Segmenter>();
const wordSegmenter = (language: Language) => {
  let segmenter = segmenters.get(language);
  if (!segmenter) segmenters.set(language, (segmenter = new Intl.Segmenter(language, { granularity: "word" })));
  return segmenter;
};

/** Every place a dictionary term occurs in `text` (case-insensitively; at word edges where words are spaced). */
const occurrences = (language: Language, text: string, extra?: readonly string[]): Span[] => {
  const folded = text.toLowerCase();
  const caseless = folded.length === text.length;
  const haystack = caseless ? folded : text;
  const spaced = languageFacts[language].spacesBetweenWords;
  const found: Span[] = [];
  for (const term of dictionary(language, extra)) {
    const needle = caseless ? term.toLowerCase() : term;
    if (needle.length !== term.length || needle.length === 0) continue;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (spaced && (wordChar.test(text[at - 1] ?? "") || wordChar.test(text[end] ?? ""))) continue;
      found.push({ start: at, end });
    }
  }
  return found;
};

/** The dictionary terms `text` contains, as written there: what a renderer measures to answer `fits`. */
export const termsIn = (language: Language, text: string, extra?: readonly string[]) => {
  const normalized = text.normalize("NFC");
  return [...new Set(occurrences(language, normalized, extra).map((span) => normalized.slice(span.start, span.end)))];
};

/** The spans no line may break inside: the longest terms that fit (a term overlapping a longer one yields to it),
 *  and numbers with their units. */
const protectedSpans = (language: Language, text: string, options: BreakOptions): Span[] => {
  const candidates = occurrences(language, text, options.unbreakable).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Span[] = [];
  for (const span of candidates) {
    if (kept.some((other) => span.start < other.end && other.start < span.end)) continue;
    if (options.fits && !options.fits(text.slice(span.start, span.end))) continue;
    kept.push(span);
  }
  for (const pattern of [numberThenUnit, unitThenNumber]) {
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      // a Latin unit ends where its word ends ("5 m" but not "5 minh")
      if (/\p{Script=Latin}$/u.test(match[0]) && wordChar.test(text[end] ?? "")) continue;
      kept.push({ start: match.index, end });
    }
  }
  return kept;
};

/** `text` with its line breaks decided: U+200B where Lao and Khmer words may break, U+00A0 where a space may not.
 *  Dates, numbers and Latin text keep their spaces' breaks unless a rule above says otherwise. */
export const breakableText = (language: Language, input: string, options: BreakOptions = {}) => {
  const text = input.normalize("NFC");
  const spans = protectedSpans(language, text, options);
  const inside = (index: number) => spans.some((span) => span.start < index && index < span.end);
  const wordStarts = new Set<number>();
  if (!languageFacts[language].spacesBetweenWords) {
    for (const { index } of wordSegmenter(language).segment(text)) wordStarts.add(index);
  }
  let out = "";
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    const before = text[index - 1] ?? "";
    if (wordStarts.has(index) && southeastAsian.test(before) && southeastAsian.test(char) && !closing.test(char) && !inside(index)) out += zeroWidthSpace;
    if (breakingSpace.test(char)) {
      let next = index;
      while (breakingSpace.test(text[next] ?? "")) next += 1;
      let previous = index - 1;
      while (breakingSpace.test(text[previous] ?? "")) previous -= 1;
      const keep = inside(index) || inside(index + 1) || closing.test(text[next] ?? "") || dash.test(text[next] ?? "") || opening.test(text[previous] ?? "");
      out += !keep ? char : char === " " || char === "\t" ? noBreakSpace : narrowNoBreakSpace;
    } else {
      out += char;
    }
  }
  return out;
};

/** The pieces of marked text between the break opportunities this module controls (U+200B and breaking spaces),
 *  with no-break spaces shown as spaces: what may share a line and what may not be split. Pango adds UAX #14's
 *  own opportunities, e.g. after a hyphen. */
export const breakOpportunities = (marked: string) =>
  marked
    .split(/[\u200B \t\n\u2000-\u2006\u2008-\u200A\u205F]+/u)
    .filter((piece) => piece.length > 0)
    .map((piece) => piece.replace(/[\u00A0\u202F]/gu, " "));
