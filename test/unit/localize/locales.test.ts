// Checks the i18next resources in locales/ against each other: every language has every key (plural keys in the
// forms its plural rules need), the same {{variables}} as English, no empty or non-NFC strings and no markup, Lao and
// Khmer strings in their own script, Khmer sentences ending in "។", and a _review.json whose keys all exist.
//
// Languages and namespaces are discovered from the folders, so a new language or namespace is checked without
// touching this file. Each check collects every problem and compares the list with [], so a failure names each
// key and language at once instead of stopping at the first.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { languages as servedLanguages } from "../../../src/domain/index.ts";

const root = new URL("../../../locales/", import.meta.url);

/** The language every other is compared with for variables and sentence punctuation. */
const reference = "en";

const pluralSuffixes = ["zero", "one", "two", "few", "many", "other"] as const;
type PluralForm = (typeof pluralSuffixes)[number];
const pluralKey = new RegExp(`^(.+)_(${pluralSuffixes.join("|")})$`);

type Strings = Map<string, string>; // "namespace:dotted.key" -> value
type Review = { reviewed: boolean; note?: string; keys: string[] };

const readJson = (url: URL): unknown => {
  const text = readFileSync(url, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${url.pathname} is not valid JSON: ${(error as Error).message}`);
  }
};

const languages = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const namespacesOf = (lng: string) =>
  readdirSync(new URL(`${lng}/`, root))
    .filter((file) => file.endsWith(".json") && !file.startsWith("_"))
    .map((file) => file.slice(0, -".json".length))
    .sort();

const namespaces = [...new Set(languages.flatMap(namespacesOf))].sort();

/** Leaves that are not strings (numbers, arrays, null), reported by the shape test. */
const shapeProblems: string[] = [];

const flatten = (lng: string, ns: string, value: unknown, path: string[], into: Strings) => {
  if (typeof value === "string") {
    into.set(`${ns}:${path.join(".")}`, value);
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(lng, ns, child, [...path, key], into);
  } else {
    shapeProblems.push(`${lng}/${ns}.json: ${path.join(".") || "(root)"} is ${JSON.stringify(value)}, not a string or an object`);
  }
};

const strings = new Map<string, Strings>(
  languages.map((lng) => {
    const into: Strings = new Map();
    for (const ns of namespacesOf(lng)) flatten(lng, ns, readJson(new URL(`${lng}/${ns}.json`, root)), [], into);
    return [lng, into];
  }),
);

const reviewUrl = (lng: string) => new URL(`${lng}/_review.json`, root);

/** "console:messages.smsParts_one" -> { base: "console:messages.smsParts", form: "one" }; plain keys -> form undefined. */
const splitPlural = (key: string): { base: string; form?: PluralForm } => {
  const match = pluralKey.exec(key);
  return match ? { base: match[1]!, form: match[2] as PluralForm } : { base: key };
};

/** Plural forms a language needs: those its plural rules use, and always `other` (i18next's fallback). */
const requiredForms = (lng: string) => new Set<string>([...new Intl.PluralRules(lng).resolvedOptions().pluralCategories, "other"]);

// Every base key over all languages, and whether it is plural anywhere.
const pluralBases = new Map<string, string[]>(); // base -> languages that have it as plural
const plainKeys = new Map<string, string[]>(); // key -> languages that have it as a plain key
for (const [lng, map] of strings) {
  for (const key of map.keys()) {
    const { base, form } = splitPlural(key);
    const index = form ? pluralBases : plainKeys;
    const seen = index.get(base) ?? [];
    if (!seen.includes(lng)) seen.push(lng);
    index.set(base, seen);
  }
}

// Interpolation: {{name}}, {{name, format}}, {{- name}} (unescaped). Only names are compared, not formats.
const variablePattern = /\{\{\s*-?\s*([A-Za-z_$][\w$.]*)\s*(?:,[^{}]*)?\}\}/g;
const variablesOf = (value: string) => new Set([...value.matchAll(variablePattern)].map((match) => match[1]!));
const withoutVariables = (value: string) => value.replace(variablePattern, "");

/**
 * Variables that carry the same value in two forms, of which a language uses the one its grammar needs:
 * `hazard` ("Typhoon", "Bão") starts a headline, `hazardLower` ("a typhoon", "bão") runs inside a sentence.
 * English writes "Typhoon warning" with {{hazard}}, Vietnamese "Cảnh báo bão" with {{hazardLower}}; both are
 * passed to every template, so either may stand for the other.
 */
const sameValueVariants: Record<string, string> = { hazardLower: "hazard" };
const canonical = (names: Set<string>) => new Set([...names].map((name) => sameValueVariants[name] ?? name));

const list = (names: Iterable<string>) => [...names].map((name) => `{{${name}}}`).join(", ") || "none";

// Characters no resource string may hold: C0/C1 controls (line breaks and tabs too: each string is one run of text),
// bidi embeddings, overrides and isolates, and the BOM.
const forbiddenCharacters = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uFEFF]/u;

// i18next runs with escaping off (see locales/README.md), so a string holds plain text: no tags, no entities.
const markupPattern = /<\/?[A-Za-z][^>]*>|&(?:#\d+|#x[\da-fA-F]+|[A-Za-z]+);/;

/** The script each language's strings must be written in, where that is checkable from the code points. */
const scripts: Record<string, { name: string; pattern: RegExp }> = {
  lo: { name: "Lao script (U+0E80-U+0EFF)", pattern: /[\u0E80-\u0EFF]/u },
  km: { name: "Khmer script (U+1780-U+17FF)", pattern: /[\u1780-\u17FF]/u },
};

/**
 * Strings allowed to have letters outside the language's script: the product name. A string with no letters once
 * its variables are removed ("{{title}}", "{{title}}: {{date}}, {{place}}.") needs no script and is not listed.
 */
const latinByDesign = new Set(["console:app.title"]);

const forEachString = (lng: string, check: (key: string, value: string) => void) => {
  for (const [key, value] of strings.get(lng)!) check(key, value);
};

describe("locales/", () => {
  it("has a folder for every language bantin serves, and none for a language it does not", () => {
    expect(languages).toEqual([...servedLanguages].sort());
  });

  it("has the reference language and every language has every namespace file", () => {
    expect(languages, `locales/ has no ${reference}/ folder to compare with`).toContain(reference);
    const problems = languages.flatMap((lng) => {
      const own = namespacesOf(lng);
      return namespaces.filter((ns) => !own.includes(ns)).map((ns) => `${lng}/${ns}.json is missing (other languages have it)`);
    });
    expect(problems).toEqual([]);
  });

  it("holds only strings and nested objects", () => {
    expect(shapeProblems).toEqual([]);
  });

  it("uses each key either as a plain key or as a plural key, not both", () => {
    const problems = [...pluralBases].flatMap(([base, pluralIn]) => {
      const plainIn = plainKeys.get(base);
      return plainIn ? [`${base} is plural in ${pluralIn.join(", ")} but a plain key in ${plainIn.join(", ")}`] : [];
    });
    expect(problems).toEqual([]);
  });

  describe.each(languages)("%s", (lng) => {
    const own = strings.get(lng)!;

    it("has every key that any language has, and the plural forms its plural rules need", () => {
      const problems: string[] = [];
      for (const [key, presentIn] of plainKeys) {
        if (!pluralBases.has(key) && !own.has(key)) problems.push(`${lng}: ${key} is missing (present in ${presentIn.join(", ")})`);
      }
      const needed = requiredForms(lng);
      for (const [base, presentIn] of pluralBases) {
        if (plainKeys.has(base)) continue; // reported by the plain-or-plural test
        for (const form of needed) {
          if (!own.has(`${base}_${form}`)) {
            problems.push(`${lng}: ${base}_${form} is missing (${lng} plural forms: ${[...needed].join(", ")}; ${base} is plural in ${presentIn.join(", ")})`);
          }
        }
        for (const form of pluralSuffixes) {
          // `_zero` is optional in every language: i18next uses it for count 0 when it exists
          if (form !== "zero" && !needed.has(form) && own.has(`${base}_${form}`)) {
            problems.push(`${lng}: ${base}_${form} is never used (${lng} plural forms: ${[...needed].join(", ")})`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it(`has the same {{variables}} as ${reference} in every string, and well-formed braces`, () => {
      const ref = strings.get(reference)!;
      const problems: string[] = [];
      forEachString(lng, (key, value) => {
        const stray = withoutVariables(value).match(/\{\{|\}\}/);
        if (stray) problems.push(`${lng}: ${key} has a stray "${stray[0]}" (a malformed variable?): ${JSON.stringify(value)}`);
        if (lng === reference) return;
        const { base, form } = splitPlural(key);
        const refValue = ref.get(key) ?? (form ? ref.get(`${base}_other`) : undefined);
        if (refValue === undefined) return; // a missing key is reported by the key test
        const mine = canonical(variablesOf(value));
        const theirs = canonical(variablesOf(refValue));
        // a plural form other than `other` may leave out {{count}} ("one SMS part")
        if (form && form !== "other") {
          theirs.delete("count");
          mine.delete("count");
        }
        const missing = [...theirs].filter((name) => !mine.has(name));
        const extra = [...mine].filter((name) => !theirs.has(name));
        if (missing.length > 0 || extra.length > 0) {
          problems.push(
            `${lng}: ${key} has ${list(variablesOf(value))}, ${reference} has ${list(variablesOf(refValue))}` +
              (missing.length > 0 ? `; missing ${list(missing)}` : "") +
              (extra.length > 0 ? `; unknown ${list(extra)}` : ""),
          );
        }
      });
      expect(problems).toEqual([]);
    });

    it("has no empty strings, only NFC, no control or bidi-override characters and no markup", () => {
      const problems: string[] = [];
      forEachString(lng, (key, value) => {
        if (value.trim() === "") problems.push(`${lng}: ${key} is empty`);
        if (value !== value.normalize("NFC")) problems.push(`${lng}: ${key} is not in NFC: ${JSON.stringify(value)}`);
        const bad = forbiddenCharacters.exec(value);
        if (bad) problems.push(`${lng}: ${key} contains U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
        const markup = markupPattern.exec(value);
        if (markup) problems.push(`${lng}: ${key} contains "${markup[0]}": strings are plain text, each output format escapes for itself`);
      });
      expect(problems).toEqual([]);
    });

    it(`keeps the leading and trailing spaces of ${reference} (SMS prefixes end in a space)`, () => {
      const ref = strings.get(reference)!;
      const problems: string[] = [];
      forEachString(lng, (key, value) => {
        const refValue = ref.get(key) ?? ref.get(`${splitPlural(key).base}_other`);
        if (refValue === undefined) return;
        for (const [edge, space] of [
          ["end", /\s$/u],
          ["start", /^\s/u],
        ] as const) {
          const mine = space.test(value);
          if (space.test(refValue) !== mine) {
            problems.push(
              `${lng}: ${key} ${mine ? `${edge}s` : `does not ${edge}`} with a space, ${reference} ${mine ? "does not" : "does"}: ${JSON.stringify(value)}`,
            );
          }
        }
      });
      expect(problems).toEqual([]);
    });

    if (lng in scripts) {
      it("is written in its own script", () => {
        const { name, pattern } = scripts[lng]!;
        const problems: string[] = [];
        forEachString(lng, (key, value) => {
          const text = withoutVariables(value);
          if (!/\p{L}/u.test(text) || latinByDesign.has(key)) return;
          if (!pattern.test(text)) problems.push(`${lng}: ${key} has no ${name}: ${JSON.stringify(value)}`);
          for (const [other, script] of Object.entries(scripts)) {
            if (other !== lng && script.pattern.test(text)) problems.push(`${lng}: ${key} contains ${script.name}: ${JSON.stringify(value)}`);
          }
        });
        expect(problems).toEqual([]);
      });
    }

    if (lng === "km") {
      it("ends Khmer sentences with ។, never with an ASCII full stop", () => {
        const ref = strings.get(reference)!;
        const problems: string[] = [];
        forEachString(lng, (key, value) => {
          const text = withoutVariables(value);
          if (/\.(\s|$)/u.test(text)) problems.push(`${lng}: ${key} ends a sentence with "." instead of "។": ${JSON.stringify(value)}`);
          const refValue = ref.get(key) ?? ref.get(`${splitPlural(key).base}_other`);
          if (refValue?.endsWith(".") && !value.endsWith("។"))
            problems.push(`${lng}: ${key} does not end with "។" (${reference} ends with "."): ${JSON.stringify(value)}`);
        });
        expect(problems).toEqual([]);
      });
    }

    it("has a _review.json whose keys all exist", () => {
      expect(existsSync(reviewUrl(lng)), `${lng}/_review.json is missing; write { "reviewed": true, "keys": [] } for a reviewed language`).toBe(true);
      const review = readJson(reviewUrl(lng)) as Review;
      expect(typeof review.reviewed, `${lng}/_review.json: "reviewed" must be true or false`).toBe("boolean");
      expect(Array.isArray(review.keys) && review.keys.every((key) => typeof key === "string"), `${lng}/_review.json: "keys" must be a list of strings`).toBe(
        true,
      );
      const problems: string[] = [];
      const seen = new Set<string>();
      for (const key of review.keys) {
        if (seen.has(key)) problems.push(`${lng}/_review.json lists ${key} twice`);
        seen.add(key);
        if (!/^[^:]+:.+$/.test(key)) problems.push(`${lng}/_review.json: ${key} is not "namespace:dotted.key"`);
        else if (!own.has(key)) problems.push(`${lng}/_review.json lists ${key}, which ${lng}/ does not have`);
      }
      if (review.reviewed && review.keys.length > 0) problems.push(`${lng}/_review.json says "reviewed": true but still lists ${review.keys.length} keys`);
      if (!review.reviewed && review.keys.length === 0) problems.push(`${lng}/_review.json lists no keys but says "reviewed": false; set it to true`);
      expect(problems).toEqual([]);
    });
  });
});
