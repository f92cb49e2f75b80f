import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const migrate = defineCommand({
  synopsis: "bantin migrate",
  about: "Applies the database migrations not applied yet (DATABASE_URL, else the embedded database in BANTIN_DATA_DIR).",
  options: {},
  run: () => withRuntime(async (runtime) => console.log(`migrated ${runtime.database.description}`)),
});
