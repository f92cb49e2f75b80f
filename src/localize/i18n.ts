// One i18next instance per process, loaded once from locales/. Callers take getFixedT(language, namespace);
// nothing calls changeLanguage, so concurrent requests and jobs never see each other's language.
// i18next does no escaping here: every output (HTML, SSML, SVG, CAP XML, SMS) escapes for its own format.
import { readdirSync, readFileSync } from "node:fs";
import { createInstance, type Resource, type TFunction } from "i18next";
import { languages, type Language } from "../domain/index.ts";

export const namespaces = ["console", "channels", "templates", "reports", "validation"] as const;
export type Namespace = (typeof namespaces)[number];

const localesDir = new URL("../../locales/", import.meta.url);

/** Reads locales/<language>/<namespace>.json; files starting with "_" (review lists) are not resources. */
export const loadResources = (dir: URL = localesDir): Resource => {
  const resources: Resource = {};
  for (const language of languages) {
    const folder = new URL(`${language}/`, dir);
    resources[language] = {};
    for (const file of readdirSync(folder)) {
      if (!file.endsWith(".json") || file.startsWith("_")) continue;
      resources[language]![file.slice(0, -".json".length)] = JSON.parse(readFileSync(new URL(file, folder), "utf8"));
    }
  }
  return resources;
};

const instance = createInstance();
void instance.init({
  resources: loadResources(),
  ns: [...namespaces],
  defaultNS: "templates",
  supportedLngs: [...languages],
  fallbackLng: false,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  // a missing key is a bug the locales test catches; at run time show the key rather than another language
  saveMissing: false,
  showSupportNotice: false,
});

export const i18n = instance;

const fixed = new Map<string, TFunction>();
const maxRemembered = 5_000;

/** Options made only of strings, numbers and booleans (no objects, no functions, nothing i18next treats specially
 *  beyond them), so JSON names them exactly. */
const plainValues = (options: unknown) =>
  options !== null &&
  typeof options === "object" &&
  !Array.isArray(options) &&
  Object.values(options).every((value) => typeof value === "string" || typeof value === "number" || typeof value === "boolean");

/** A t function bound to one language and namespace. The resources never change while the process runs, so a key
 *  asked without options is looked up once (a console page asks for the same labels hundreds of times). */
export const fixedT = (language: Language, namespace: Namespace = "templates"): TFunction => {
  const name = `${language}:${namespace}`;
  const known = fixed.get(name);
  if (known) return known;
  const t = instance.getFixedT(language, namespace);
  const plain = new Map<string, string>();
  // a key asked with plain values ({ count: 2, max: 6 }): the answer is the same for the same values, so the last few
  // thousand are kept (i18next interpolates in ~30 µs, a tenth of a small console answer)
  const withValues = new Map<string, string>();
  const memo = ((key: unknown, ...rest: unknown[]) => {
    if (typeof key !== "string" || rest.length > 1 || (rest.length === 1 && !plainValues(rest[0]))) {
      return (t as unknown as (...args: unknown[]) => string)(key, ...rest);
    }
    const cache = rest.length === 0 ? plain : withValues;
    const name = rest.length === 0 ? key : `${key}\u0000${JSON.stringify(rest[0])}`;
    let value = cache.get(name);
    if (value === undefined) {
      value = (t as unknown as (...args: unknown[]) => string)(key, ...rest);
      if (typeof value === "string") {
        if (cache === withValues && withValues.size >= maxRemembered) withValues.clear();
        cache.set(name, value);
      }
    }
    return value;
  }) as unknown as TFunction;
  fixed.set(name, memo);
  return memo;
};
