// SMS batches with leases: a partner claims waiting messages (urgent first) for a while; what it does not
// acknowledge before the lease ends is offered again (at-least-once). Every step is a delivery-log row.
import type { Db } from "../db/client.ts";
import { addBatchMessages, getPartnerBatch, insertBatch, listBatchMessages, lockOfferedMessages, markBatchAcked } from "../db/queries/batches.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import { touchPartner } from "../db/queries/partners.ts";
import { finishMessage, lockCancelledToNotify, lockClaimableMessages, markCancelNotified, markMessagesClaimed, type Message } from "../db/queries/messages.ts";
import { partnerLease } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { mediaUrl } from "./media.ts";

/** the lease of a partner that chose none (partners.lease_seconds has the same default) */
export const defaultLeaseSeconds = partnerLease.defaultSeconds;

export const toPartnerMessage = (message: Message, version: number, publicUrl = "") => ({
  id: message.id,
  kind: message.kind,
  bulletinId: message.bulletinId,
  version,
  urgency: message.urgency,
  test: message.mode !== "actual",
  mode: message.mode,
  language: message.language,
  areas: message.areas,
  text: message.text,
  encoding: message.encoding,
  parts: message.parts,
  sender: message.sender,
  validUntil: message.validUntil.toISOString(),
  // voice: 8 kHz mono WAV, the same speech as MP3, and how long it lasts
  ...(message.kind === "voice" && message.audio
    ? {
        audio: mediaUrl(publicUrl, message.audio),
        audioMp3: message.audioMp3 ? mediaUrl(publicUrl, message.audioMp3) : undefined,
        durationSec: message.durationSec ?? undefined,
      }
    : {}),
});

export type PartnerBatch = {
  id: string;
  claimedAt: string;
  leaseExpiresAt: string;
  messages: ReturnType<typeof toPartnerMessage>[];
  /** ids of earlier-claimed messages not to send (the contract since v1) */
  cancelled: string[];
  /** the same messages with the reason code and, for a withdrawal, the editor's reason as detail */
  cancellations: Cancellation[];
};

export type Cancellation = { messageId: string; reason: string; detail?: string };

/** The batch as the partner sees it; the same answer every time it is read. */
export const readBatch = async (db: Db, options: { partnerId: string; batchId: string; publicUrl?: string }): Promise<PartnerBatch | undefined> => {
  const batch = await getPartnerBatch(db, { partnerId: options.partnerId, batchId: options.batchId });
  if (!batch) return undefined;
  const rows = await listBatchMessages(db, options.batchId);
  return {
    id: batch.id,
    claimedAt: batch.claimedAt.toISOString(),
    leaseExpiresAt: batch.leaseExpiresAt.toISOString(),
    messages: rows.filter((row) => row.role === "offer").map((row) => toPartnerMessage(row.message, row.version, options.publicUrl ?? "")),
    cancelled: rows.filter((row) => row.role === "cancel").map((row) => row.message.id),
    cancellations: rows
      .filter((row) => row.role === "cancel")
      .map((row): Cancellation => {
        // every cancelled message has its reason code; "cancelled" only if a row ever lacked one
        const reason = row.message.cancelReason ?? "cancelled";
        return { messageId: row.message.id, reason, ...(reason === "withdrawn" && row.withdrawalReason ? { detail: row.withdrawalReason } : {}) };
      }),
  };
};

/** Claims up to `max` waiting messages for a partner; undefined when nothing is waiting. */
export const claimBatch = async (
  db: Db,
  options: { partnerId: string; max: number; now: Date; leaseSeconds?: number; publicUrl?: string },
): Promise<PartnerBatch | undefined> => {
  const { partnerId, now } = options;
  const leaseExpiresAt = new Date(now.getTime() + (options.leaseSeconds ?? defaultLeaseSeconds) * 1_000);
  const batchId = await db.transaction(async (tx) => {
    const messages = await lockClaimableMessages(tx, { partnerId, now, max: options.max });
    const cancelled = await lockCancelledToNotify(tx, partnerId);
    if (messages.length === 0 && cancelled.length === 0) return undefined;

    const id = await insertBatch(tx, { partnerId, claimedAt: now, leaseExpiresAt });
    if (messages.length > 0) {
      const ids = messages.map((message) => message.id);
      await markMessagesClaimed(tx, { ids, batchId: id, leaseExpiresAt, at: now });
      await addBatchMessages(tx, { batchId: id, messageIds: ids, role: "offer" });
      await logDelivery(
        tx,
        messages.flatMap((message) => [
          ...(message.status === "claimed"
            ? [
                {
                  at: now,
                  bulletinId: message.bulletinId,
                  messageId: message.id,
                  partnerId,
                  batchId: message.batchId,
                  channel: message.kind,
                  language: message.language,
                  event: "message.lease_expired",
                  dedupeKey: `lease-expired:${message.batchId}:${message.id}`,
                },
              ]
            : []),
          {
            at: now,
            bulletinId: message.bulletinId,
            messageId: message.id,
            partnerId,
            batchId: id,
            channel: message.kind,
            language: message.language,
            event: "message.claimed",
            dedupeKey: `claimed:${id}:${message.id}`,
            detail: { attempt: message.claimCount + 1, leaseExpiresAt: leaseExpiresAt.toISOString() },
          },
        ]),
      );
    }
    if (cancelled.length > 0) {
      await markCancelNotified(tx, cancelled, now);
      await addBatchMessages(tx, { batchId: id, messageIds: cancelled, role: "cancel" });
    }
    return id;
  });
  return batchId ? readBatch(db, { partnerId, batchId, publicUrl: options.publicUrl }) : undefined;
};

export type AckResult = {
  messageId: string;
  status: "sent" | "rejected";
  submitted: number;
  delivered: number;
  failed: number;
  reason?: string;
};

/** Records the partner's report. A repeated or late report is logged but never counted twice,
 *  and a message's state only moves forward. */
export const acknowledgeBatch = async (db: Db, options: { partnerId: string; batchId: string; results: AckResult[]; now: Date }) => {
  const { partnerId, batchId, now } = options;
  return db.transaction(async (tx) => {
    const batch = await getPartnerBatch(tx, { partnerId, batchId, forUpdate: true });
    if (!batch) throw new AppError("not_found", `no batch ${batchId}`);
    const ids = [...new Set(options.results.map((result) => result.messageId))];
    if (ids.length !== options.results.length) throw new AppError("validation_failed", "a message appears twice in results");
    const offered = ids.length ? await lockOfferedMessages(tx, { batchId, messageIds: ids }) : [];
    const byId = new Map(offered.map((message) => [message.id, message]));
    const foreign = ids.filter((id) => !byId.has(id));
    if (foreign.length > 0) {
      throw new AppError("validation_failed", `not offered in this batch: ${foreign.join(", ")}`, {
        errors: foreign.map((id) => ({ path: "results.messageId", message: `message ${id} was not offered in batch ${batchId}` })),
      });
    }
    let counted = 0;
    let repeated = 0;
    for (const result of options.results) {
      const message = byId.get(result.messageId)!;
      const reason = result.status === "rejected" ? (result.reason ?? "partner_rejected") : result.reason;
      const logged = await logDelivery(tx, {
        at: now,
        bulletinId: message.bulletinId,
        messageId: message.id,
        partnerId,
        batchId,
        channel: message.kind,
        language: message.language,
        event: result.status === "sent" ? "message.sent" : "message.rejected",
        reason,
        submitted: result.submitted,
        delivered: result.delivered,
        failed: result.failed,
        // one report per message counts, whichever batch it comes through
        dedupeKey: `ack:${message.id}`,
      });
      if (logged === 0) {
        repeated += 1;
        await logDelivery(tx, {
          at: now,
          bulletinId: message.bulletinId,
          messageId: message.id,
          partnerId,
          batchId,
          channel: message.kind,
          language: message.language,
          event: "message.report_repeated",
          reason,
          detail: { status: result.status, submitted: result.submitted, delivered: result.delivered, failed: result.failed },
        });
        continue;
      }
      counted += 1;
      // cancelled stays cancelled (the log keeps the partner's counts); claimed moves on to sent or rejected
      if (message.status === "claimed" || message.status === "pending") {
        await finishMessage(tx, { id: message.id, status: result.status, at: now, cancelReason: result.status === "rejected" ? (reason ?? null) : null });
      }
    }
    if (!batch.ackedAt) await markBatchAcked(tx, batchId, now);
    // only an acknowledgement that counts says the partner is alive: a refused one (404, 422) changes nothing
    await touchPartner(tx, { id: partnerId, at: now });
    return { counted, repeated };
  });
};
