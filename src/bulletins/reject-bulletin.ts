import { requireRole, type Actor } from "../access/actor.ts";
import type { CommandDeps } from "./command-deps.ts";
import { assertFourEyes, refusedInStatus } from "./lifecycle.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";
import { transitionBulletin } from "./transition-bulletin.ts";

export const rejectBulletin = async (deps: CommandDeps, actor: Actor, options: { id: string; reason: string }) => {
  const { id, reason } = options;
  requireRole(actor, "approver");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    assertFourEyes(actor.id, bulletin.contributors);
    if (bulletin.status !== "submitted") {
      throw refusedInStatus(bulletin.status, `only a submitted bulletin can be rejected; this one is ${bulletin.status}`);
    }
    return transitionBulletin(tx, { bulletin, to: "rejected", actorId: actor.id, at: now, set: { rejectionReason: reason }, detail: { reason } });
  });
};
