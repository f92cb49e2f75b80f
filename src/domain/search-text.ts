// Search that ignores case and Latin diacritics: "cau treo" finds "Cầu Treo", "CẦU TREO" and "Cau Treo". Lao and
// Khmer are left as they are (their vowel signs and tone marks are letters of the word, not accents).
// One table drives both sides: the database folds a stored headline with translate(text, from, to) and the query
// folds the search words with foldForSearch, so PostgreSQL and PGlite (no extension needed) give the same answer.

const folded: [string, string][] = [];
for (let code = 0x41; code <= 0x5a; code++) folded.push([String.fromCodePoint(code), String.fromCodePoint(code + 32)]);
for (const [first, last] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
]) {
  for (let code = first!; code <= last!; code++) {
    const letter = String.fromCodePoint(code);
    const base = letter.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    if (/^[A-Za-z]$/.test(base)) folded.push([letter, base.toLowerCase()]);
  }
}
// đ and Đ have no decomposition
folded.push(["Đ", "d"], ["đ", "d"]);
// combining marks (text typed in decomposed form) go: translate drops what has no counterpart, so they come last
const combiningMarks = Array.from({ length: 0x370 - 0x300 }, (_, index) => String.fromCodePoint(0x300 + index));

/** The `from` and `to` of translate(): each character of `from` becomes the one at its place in `to`, or goes. */
export const searchFold = { from: folded.map(([letter]) => letter).join("") + combiningMarks.join(""), to: folded.map(([, base]) => base).join("") };

const foldMap = new Map<string, string>([...folded, ...combiningMarks.map((mark): [string, string] => [mark, ""])]);

/** A text as the search compares it: what translate(text, searchFold.from, searchFold.to) gives in SQL. */
export const foldForSearch = (text: string) => Array.from(text, (char) => foldMap.get(char) ?? char).join("");

/** The words of a search (each must occur in the same headline), folded. */
export const searchTerms = (query: string) =>
  foldForSearch(query.normalize("NFC"))
    .split(/\s+/u)
    .filter((term) => term !== "");
