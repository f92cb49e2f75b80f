import type { Db } from "../db/client.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { feedStatuses, notifyFeedChange } from "../db/queries/feed-notify.ts";
import { updateBulletinRow, type Bulletin, type BulletinChanges } from "../db/queries/bulletins.ts";
import { touchRadioScripts } from "../db/queries/radio-scripts.ts";
import type { BulletinStatus } from "../domain/index.ts";
import { assertTransition } from "./lifecycle.ts";

/** Moves a bulletin (already locked in this transaction) to a new status and audits who, when, from, to. */
export const transitionBulletin = async (
  db: Db,
  options: {
    bulletin: Bulletin;
    to: BulletinStatus;
    actorId: string | null;
    at: Date;
    set?: BulletinChanges;
    detail?: Record<string, unknown>;
  },
) => {
  const { bulletin, to, at } = options;
  assertTransition(bulletin.status, to);
  const updated = await updateBulletinRow(db, { id: bulletin.id, set: { ...options.set, status: to, updatedAt: at } });
  await recordAudit(db, {
    at,
    actorId: options.actorId,
    entity: "bulletin",
    entityId: bulletin.id,
    action: `status:${to}`,
    fromStatus: bulletin.status,
    toStatus: to,
    detail: options.detail,
  });
  if (feedStatuses.includes(to)) await notifyFeedChange(db, { bulletinId: bulletin.id, status: to, urgency: updated!.urgency });
  // radio stations read changes after their cursor: a withdrawn or superseded script comes round again, flagged
  if (to === "withdrawn" || to === "superseded") await touchRadioScripts(db, { bulletinId: bulletin.id });
  return updated!;
};
