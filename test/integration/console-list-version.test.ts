// The console list's version (migrations 0014 and 0015): every statement on bulletins or bulletin_texts announces it
// at commit (NOTIFY console_list_version), a rolled-back one does not, and the demo history's manual bump does too. On
// embedded PGlite the console keeps the version from those notifications (no query per view): it must have moved
// by the time the writing call returns, and not move on a read.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bumpConsoleListVersion, listVersionChannel, pushedConsoleListVersion } from "../../src/db/queries/console-list-version.ts";
import { backends } from "../helpers/backends.ts";

describe.each(backends)("the console list's version announced on $name", (backend) => {
  it("is announced at commit by each write to the list's tables and the manual bump, never by a rollback", async () => {
    const instance = await backend.open();
    const { db, listen } = instance.database;
    try {
      let heard = 0;
      const unlisten = await listen(listVersionChannel, () => {
        heard += 1;
      });
      const heardAtLeast = async (count: number) => {
        const deadline = Date.now() + 5_000;
        while (heard < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(heard).toBe(count);
      };
      // statement-level triggers fire for statements that change no row too
      await db.execute(sql`delete from bulletins where false`);
      await heardAtLeast(1);
      await db.execute(sql`update bulletin_texts set headline = headline where false`);
      await heardAtLeast(2);
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql`delete from bulletins where false`);
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      await bumpConsoleListVersion(db);
      await heardAtLeast(3);
      // nothing more came after the bump: the rollback announced nothing
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toBe(3);
      await unlisten();

      if (instance.database.kind === "pglite") {
        const version = await pushedConsoleListVersion(listen);
        const before = version();
        await db.execute(sql`delete from bulletin_texts where false`);
        // at once: the notification came before the write's call returned
        const after = version();
        expect(after).not.toBe(before);
        await db.execute(sql`select count(*) from bulletins`);
        expect(version()).toBe(after);
      }
    } finally {
      await instance.cleanup();
    }
    // opening a migrated PGlite database takes seconds on a loaded machine
  }, 60_000);
});
