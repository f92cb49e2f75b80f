// Messages of a withdrawn, superseded or expired bulletin that were not sent yet are cancelled, with a reason.
import type { Db } from "../db/client.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import { cancelUnsentMessages } from "../db/queries/messages.ts";

export type CancelReason = "withdrawn" | "superseded" | "outside_validity";

/** Cancels a bulletin's unsent messages and logs each; `detail` says more than the reason code (why it was withdrawn). */
export const cancelMessages = async (db: Db, options: { bulletinId: string; reason: CancelReason; detail?: string; at: Date }) => {
  const cancelled = await cancelUnsentMessages(db, options);
  await logDelivery(
    db,
    cancelled.map((message) => ({
      at: options.at,
      bulletinId: message.bulletinId,
      messageId: message.id,
      partnerId: message.partnerId,
      batchId: message.batchId,
      channel: message.kind,
      language: message.language,
      event: "message.cancelled",
      reason: options.reason,
      dedupeKey: `cancel:${message.id}`,
      // a partner that had claimed it hears of it in its next batch's `cancelled` and `cancellations`
      detail: { wasClaimed: message.claimedAt !== null, ...(options.detail ? { reasonDetail: options.detail } : {}) },
    })),
  );
  return cancelled.length;
};
