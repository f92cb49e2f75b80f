import type { Db } from "../db/client.ts";
import { listExpiredPublished } from "../db/queries/bulletins.ts";
import { cancelMessages } from "../delivery/cancel-messages.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";
import { transitionBulletin } from "./transition-bulletin.ts";

/** Published bulletins past their validity end become expired; their unsent messages are cancelled. */
export const expireBulletins = async (db: Db, now: Date) => {
  const due = await listExpiredPublished(db, { now, limit: 500 });
  for (const id of due) {
    await db.transaction(async (tx) => {
      const bulletin = await loadBulletinForUpdate(tx, id);
      if (bulletin.status !== "published") return;
      await transitionBulletin(tx, { bulletin, to: "expired", actorId: null, at: now });
      await cancelMessages(tx, { bulletinId: id, reason: "outside_validity", at: now });
    });
  }
  return due.length;
};
