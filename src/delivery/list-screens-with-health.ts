import type { Db } from "../db/client.ts";
import { listScreens } from "../db/queries/screens.ts";
import { screenHealth } from "./screen-reports.ts";

/** Every screen with its health: last contact, whether it shows the current feed, last fault, silent too long. */
export const listScreensWithHealth = async (db: Db, now: Date) =>
  Promise.all((await listScreens(db)).map(async (screen) => ({ ...screen, health: await screenHealth(db, screen, now) })));
