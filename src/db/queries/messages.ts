// SMS and voice messages (the sms_messages table): one per (bulletin x language x partner x kind), claimed by
// partners in leased batches, acknowledged or cancelled.
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { bulletins, smsMessages } from "../schema/index.ts";
import type { Language, MessageStatus } from "../../domain/index.ts";

export type Message = typeof smsMessages.$inferSelect;
export type NewMessage = typeof smsMessages.$inferInsert;

/** Inserts messages; one that already exists (same bulletin, language, partner and kind) is left as it is.
 *  Returns the new ones. */
export const insertMessages = (db: Db, rows: NewMessage[]) =>
  db
    .insert(smsMessages)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: smsMessages.id, partnerId: smsMessages.partnerId, language: smsMessages.language, kind: smsMessages.kind });

/** The partners that sent (or hold) a bulletin's messages. */
export const listPartnerIdsThatSent = async (db: Db, bulletinId: string) => {
  const rows = await db
    .selectDistinct({ partnerId: smsMessages.partnerId })
    .from(smsMessages)
    .where(and(eq(smsMessages.bulletinId, bulletinId), inArray(smsMessages.status, ["sent", "claimed"])));
  return rows.map((row) => row.partnerId);
};

/** Locks up to `max` messages a partner may claim now (waiting, or claimed with the lease ended; the bulletin
 *  published and in its validity window), urgent first; rows another claim holds are skipped. */
export const lockClaimableMessages = async (db: Db, options: { partnerId: string; now: Date; max: number }) => {
  const { partnerId, now } = options;
  const rows = await db
    .select({ message: smsMessages })
    .from(smsMessages)
    .innerJoin(bulletins, eq(bulletins.id, smsMessages.bulletinId))
    .where(
      and(
        eq(smsMessages.partnerId, partnerId),
        or(eq(smsMessages.status, "pending"), and(eq(smsMessages.status, "claimed"), lte(smsMessages.leaseExpiresAt, now))),
        // never before publication, never outside the validity window
        eq(bulletins.status, "published"),
        lte(smsMessages.validFrom, now),
        gt(smsMessages.validUntil, now),
      ),
    )
    .orderBy(asc(smsMessages.rank), asc(smsMessages.createdAt), asc(smsMessages.id))
    .limit(options.max)
    .for("update", { of: smsMessages, skipLocked: true });
  return rows.map((row) => row.message);
};

/** Locks the ids of a partner's cancelled messages that it had claimed and has not been told about yet. */
export const lockCancelledToNotify = async (db: Db, partnerId: string) => {
  const rows = await db
    .select({ id: smsMessages.id })
    .from(smsMessages)
    .where(
      and(eq(smsMessages.partnerId, partnerId), eq(smsMessages.status, "cancelled"), isNotNull(smsMessages.claimedAt), isNull(smsMessages.cancelNotifiedAt)),
    )
    .limit(1_000)
    .for("update", { skipLocked: true });
  return rows.map((row) => row.id);
};

/** Puts messages in a batch under a lease, counting the claim. */
export const markMessagesClaimed = async (db: Db, options: { ids: string[]; batchId: string; leaseExpiresAt: Date; at: Date }) => {
  await db
    .update(smsMessages)
    .set({
      status: "claimed",
      batchId: options.batchId,
      leaseExpiresAt: options.leaseExpiresAt,
      claimedAt: options.at,
      claimCount: sql`${smsMessages.claimCount} + 1`,
    })
    .where(inArray(smsMessages.id, options.ids));
};

export const markCancelNotified = async (db: Db, ids: string[], at: Date) => {
  await db.update(smsMessages).set({ cancelNotifiedAt: at }).where(inArray(smsMessages.id, ids));
};

/** A message's final state as the partner reported it. */
export const finishMessage = async (db: Db, options: { id: string; status: MessageStatus; at: Date; cancelReason: string | null }) => {
  await db
    .update(smsMessages)
    .set({ status: options.status, finishedAt: options.at, cancelReason: options.cancelReason })
    .where(eq(smsMessages.id, options.id));
};

/** Cancels a bulletin's messages that were not sent yet (waiting or claimed); returns them as they now are. */
export const cancelUnsentMessages = (db: Db, options: { bulletinId: string; reason: string; at: Date }) =>
  db
    .update(smsMessages)
    .set({ status: "cancelled", cancelReason: options.reason, finishedAt: options.at })
    .where(and(eq(smsMessages.bulletinId, options.bulletinId), inArray(smsMessages.status, ["pending", "claimed"])))
    .returning();

/** Voice messages of one language not yet claimed carry new audio (an admin's recording replaces what was there). */
export const setPendingVoiceAudio = async (
  db: Db,
  options: { bulletinId: string; language: Language; audio: { wav: string; mp3?: string; durationSec: number } },
) => {
  await db
    .update(smsMessages)
    .set({ audio: options.audio.wav, audioMp3: options.audio.mp3 ?? null, durationSec: options.audio.durationSec })
    .where(
      and(
        eq(smsMessages.bulletinId, options.bulletinId),
        eq(smsMessages.language, options.language),
        eq(smsMessages.kind, "voice"),
        eq(smsMessages.status, "pending"),
      ),
    );
};

/** The MP3 of a language's speech, for the voice messages that carry its WAV (whatever their status). */
export const setVoiceMessagesMp3 = async (db: Db, options: { bulletinId: string; language: Language; wav: string; mp3: string }) => {
  await db
    .update(smsMessages)
    .set({ audioMp3: options.mp3 })
    .where(
      and(
        eq(smsMessages.bulletinId, options.bulletinId),
        eq(smsMessages.language, options.language),
        eq(smsMessages.kind, "voice"),
        eq(smsMessages.audio, options.wav),
      ),
    );
};

/** How many messages (SMS and voice) the bulletins `bulletinIds` have. */
export const countMessages = async (db: Db, bulletinIds: string[]) => {
  if (bulletinIds.length === 0) return 0;
  const [row] = await db.select({ value: count() }).from(smsMessages).where(inArray(smsMessages.bulletinId, bulletinIds));
  return row?.value ?? 0;
};

/** A bulletin's messages (every partner, language and kind) with their state, for the console's delivery view. */
export const listBulletinMessages = (db: Db, bulletinId: string) =>
  db
    .select({
      id: smsMessages.id,
      partnerId: smsMessages.partnerId,
      kind: smsMessages.kind,
      language: smsMessages.language,
      status: smsMessages.status,
      claimCount: smsMessages.claimCount,
      cancelReason: smsMessages.cancelReason,
      createdAt: smsMessages.createdAt,
      claimedAt: smsMessages.claimedAt,
      finishedAt: smsMessages.finishedAt,
    })
    .from(smsMessages)
    .where(eq(smsMessages.bulletinId, bulletinId))
    .orderBy(asc(smsMessages.createdAt));
