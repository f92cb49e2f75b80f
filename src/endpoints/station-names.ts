// Editing a station's on-air names, one per language it broadcasts in (the radio intro says them: delivery/
// spoken-strings.ts). Lao and Khmer names wait for a native speaker's check (namesReviewed), like the gazetteer's.
import type { Language } from "../domain/index.ts";
import { AppError, refusalIssue } from "../errors.ts";

/** Languages whose names need a native speaker's check. */
const reviewedLanguages: readonly Language[] = ["lo", "km"];

export const hasScriptName = (names: Partial<Record<Language, string>>) => reviewedLanguages.some((language) => names[language] !== undefined);

/**
 * A station's on-air names after a change: a name replaces that language's, null removes it. A name for a language
 * the station does not broadcast in is refused; changing a Lao or Khmer name without saying it was reviewed marks
 * the names unreviewed.
 */
export const nextStationNames = (
  current: { names: Partial<Record<Language, string>>; namesReviewed: boolean },
  change: { languages: readonly Language[]; names?: Partial<Record<Language, string | null>>; namesReviewed?: boolean },
) => {
  const errors = Object.keys(change.names ?? {})
    .filter((language) => !change.languages.includes(language as Language))
    .map((language) => ({
      path: `names.${language}`,
      message: `the station does not broadcast in ${language} (it broadcasts in ${change.languages.join(", ")})`,
    }));
  if (errors.length)
    throw new AppError(
      "validation_failed",
      errors[0]!.message,
      { errors },
      {
        issues: errors.map((error) =>
          refusalIssue(error.path, error.message, "not_broadcast", { language: error.path.slice("names.".length), languages: [...change.languages] }),
        ),
      },
    );
  const names: Partial<Record<Language, string>> = { ...current.names };
  for (const [language, name] of Object.entries(change.names ?? {}) as [Language, string | null][]) {
    if (name === null) delete names[language];
    else names[language] = name;
  }
  const scriptNameChanged = reviewedLanguages.some((language) => change.names?.[language] !== undefined && change.names[language] !== current.names[language]);
  const namesReviewed = change.namesReviewed ?? (scriptNameChanged ? !hasScriptName(names) : current.namesReviewed);
  return { names, namesReviewed };
};
