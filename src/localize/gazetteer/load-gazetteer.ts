import type { Db } from "../../db/client.ts";
import { insertMissingPlaces } from "../../db/queries/places.ts";
import { gazetteerPlaces } from "./gazetteer.ts";

/** Loads the gazetteer (places.json) into the database; places already there (perhaps edited through the API) are
 *  left as they are. Returns how many places were added. */
export const loadGazetteer = async (db: Db) => (await insertMissingPlaces(db, gazetteerPlaces())).length;
