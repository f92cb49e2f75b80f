import { searchPlaces } from "../../db/queries/places.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const placesUnreviewed = defineCommand({
  synopsis: "bantin places unreviewed",
  about: "Lists the places whose Lao or Khmer names no native speaker has checked yet, with those names.",
  options: {},
  run: () =>
    withRuntime(async (runtime) => {
      const places = await searchPlaces(runtime.database.db, { reviewed: false });
      for (const place of places) console.log(`${place.code.padEnd(26)} ${place.kind.padEnd(8)} lo: ${place.names.lo}   km: ${place.names.km}`);
      console.log(`${places.length} places wait for a native speaker's review (PATCH /api/v1/places/{code} with reviewed: true)`);
    }),
});
