import { requireRole, type Actor } from "../access/actor.ts";
import { cancelMessages } from "../delivery/cancel-messages.ts";
import type { CommandDeps } from "./command-deps.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";
import { transitionBulletin } from "./transition-bulletin.ts";

/** Takes a bulletin off every channel at once; its unsent messages are cancelled, with the reason as the detail
 *  partners and the delivery log see. */
export const withdrawBulletin = async (deps: CommandDeps, actor: Actor, options: { id: string; reason: string }) => {
  const { id, reason } = options;
  requireRole(actor, "editor", "approver");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, id);
    const withdrawn = await transitionBulletin(tx, {
      bulletin,
      to: "withdrawn",
      actorId: actor.id,
      at: now,
      set: { withdrawnAt: now, withdrawalReason: reason },
      detail: { reason },
    });
    const cancelled = await cancelMessages(tx, { bulletinId: id, reason: "withdrawn", detail: reason, at: now });
    return { ...withdrawn, cancelledMessages: cancelled };
  });
};
