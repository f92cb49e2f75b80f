// Editing a station's on-air names, one per language it broadcasts in (the radio intro says them: delivery/
// spoken-strings.ts). Lao and Khmer names wait for a native speaker's check (namesReviewed), like the gazetteer's.
import type { Db } from "../db/client.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { getStation, updateStationRow } from "../db/queries/stations.ts";
import type { Language } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import type { UpdateStationInput } from "./endpoint-schemas.ts";

/** Languages whose names need a native speaker's check. */
const reviewedLanguages: readonly Language[] = ["lo", "km"];

export const hasScriptName = (names: Partial<Record<Language, string>>) => reviewedLanguages.some((language) => names[language] !== undefined);

/**
 * Changes a station's names. A name for a language the station does not broadcast in is refused; changing a Lao or
 * Khmer name without saying it was reviewed marks the names unreviewed.
 */
export const updateStation = async (db: Db, options: { id: string; input: UpdateStationInput; actorId: string; at: Date }) => {
  const { id, input, at } = options;
  return db.transaction(async (tx) => {
    const current = await getStation(tx, id);
    if (!current) throw new AppError("not_found", `no station ${id}`);
    const errors = Object.keys(input.names ?? {})
      .filter((language) => !current.languages.includes(language as Language))
      .map((language) => ({ path: `names.${language}`, message: `the station does not broadcast in ${language} (it broadcasts in ${current.languages.join(", ")})` }));
    if (errors.length) throw new AppError("validation_failed", errors[0]!.message, { errors });
    const names: Partial<Record<Language, string>> = { ...current.names };
    for (const [language, name] of Object.entries(input.names ?? {}) as [Language, string | null][]) {
      if (name === null) delete names[language];
      else names[language] = name;
    }
    const scriptNameChanged = reviewedLanguages.some((language) => input.names?.[language] !== undefined && input.names[language] !== current.names[language]);
    const namesReviewed = input.namesReviewed ?? (scriptNameChanged ? !hasScriptName(names) : current.namesReviewed);
    const updated = await updateStationRow(tx, { id, set: { names, namesReviewed } });
    await recordAudit(tx, { at, actorId: options.actorId, entity: "station", entityId: id, action: "update", detail: { fields: Object.keys(input), namesReviewed } });
    return updated!;
  });
};
