// One i18next instance per process, loaded once from locales/. Callers take getFixedT(language, namespace);
// nothing calls changeLanguage, so concurrent requests and jobs never see each other's language.
// i18next does no escaping here: every output (HTML, SSML, SVG, CAP XML, SMS) escapes for its own format.
import { readdirSync, readFileSync } from "node:fs";
import { createInstance, type Resource, type TFunction } from "i18next";
import { languages, type Language } from "../domain/index.ts";

export const namespaces = ["console", "channels", "templates", "reports"] as const;
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

/** A t function bound to one language and namespace. The resources never change while the process runs, so a key
 *  asked without options is looked up once (a console page asks for the same labels hundreds of times). */
export const fixedT = (language: Language, namespace: Namespace = "templates"): TFunction => {
  const name = `${language}:${namespace}`;
  const known = fixed.get(name);
  if (known) return known;
  const t = instance.getFixedT(language, namespace);
  const plain = new Map<string, string>();
  const memo = ((key: unknown, ...rest: unknown[]) => {
    if (rest.length > 0 || typeof key !== "string") return (t as unknown as (...args: unknown[]) => string)(key, ...rest);
    let value = plain.get(key);
    if (value === undefined) plain.set(key, (value = t(key)));
    return value;
  }) as unknown as TFunction;
  fixed.set(name, memo);
  return memo;
};
