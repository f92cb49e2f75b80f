import type { Db } from "../../db/client.ts";
import { unknownPlaceCodes } from "../../db/queries/places.ts";
import { AppError, refusalIssue } from "../../errors.ts";

/** Throws a 422 naming every code that is not in the gazetteer. */
export const assertKnownPlaces = async (db: Db, areas: string[]) => {
  const unknown = await unknownPlaceCodes(db, areas);
  if (unknown.length > 0) {
    throw new AppError(
      "validation_failed",
      `unknown place: ${unknown.join(", ")}`,
      { errors: unknown.map((code) => ({ path: "areas", message: `unknown place ${code}` })) },
      { issues: unknown.map((code) => refusalIssue("areas", `unknown place ${code}`, "unknown_place", { code })) },
    );
  }
};
