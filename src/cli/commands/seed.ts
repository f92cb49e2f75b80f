import { isFreshDatabase } from "../../db/queries/users.ts";
import { loadGazetteer } from "../../localize/gazetteer/load-gazetteer.ts";
import { printCredentials } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const seed = defineCommand({
  synopsis: "bantin seed",
  about: [
    "Loads the gazetteer (places missing from the database are added, edited ones are left alone). Into a database",
    "without users it also seeds the demo (users, partners, screens, a station, bulletins, months of history) and prints its",
    "credentials once, with the URL the server will answer at: PUBLIC_URL, else http://HOST:PORT.",
  ].join("\n"),
  options: {},
  run: () =>
    withRuntime(async (runtime) => {
      const db = runtime.database.db;
      // the gazetteer always: places missing from the database are added, edited ones are left alone
      console.log(`gazetteer: ${await loadGazetteer(db)} places added`);
      if (!(await isFreshDatabase(db))) return console.log("the database has users already: no demo users, endpoints or bulletins seeded");
      // loaded when it runs (the bulletin commands behind the demo are many modules), so that --help answers at once
      const [{ seedDemo }, { seedDemoBulletins }, { seedDemoHistory, describeDemoHistory }] = await Promise.all([
        import("../../demo/seed-demo.ts"),
        import("../../demo/demo-bulletins.ts"),
        import("../../demo/demo-history.ts"),
      ]);
      const now = new Date();
      const credentials = await seedDemo(db, now);
      console.log(describeDemoHistory(await seedDemoHistory(db, credentials, now)));
      await seedDemoBulletins({ db, queue: runtime.queue, clock: () => new Date(), logger: runtime.logger }, credentials);
      printCredentials(credentials, runtime.config.publicUrl, { running: false });
    }),
});
