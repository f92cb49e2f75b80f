// One SMS message per (bulletin x language x partner that takes that language for the bulletin's areas).
import type { Db } from "../db/client.ts";
import type { Bulletin, BulletinText } from "../db/queries/bulletins.ts";
import { logDelivery, type DeliveryLogEntry } from "../db/queries/delivery-log.ts";
import { insertMessages, listPartnerIdsThatSent, type NewMessage } from "../db/queries/messages.ts";
import { listActivePartners, listPartnersForAreas, type Partner } from "../db/queries/partners.ts";
import { insertRenditions, type NewRendition } from "../db/queries/renditions.ts";
import { encodeSms } from "../channels/sms/index.ts";

export const urgencyRank = { urgent: 0, priority: 1, routine: 2 } as const;

/** Partners a bulletin's messages go to: those whose areas match, and for a correction those that sent the old one
 *  (they get the correction even when they would not match now). */
export const recipientPartners = async (db: Db, bulletin: Bulletin) => {
  const partners = await listPartnersForAreas(db, bulletin.areas);
  if (bulletin.supersedesId) {
    const sentOld = new Set(await listPartnerIdsThatSent(db, bulletin.supersedesId));
    for (const partner of await listActivePartners(db)) if (sentOld.has(partner.id) && !partners.some((p) => p.id === partner.id)) partners.push(partner);
  }
  return partners;
};

export type QueuedMessage = {
  partner: Partner;
  language: BulletinText["language"];
  message: Pick<NewMessage, "kind" | "text" | "encoding" | "parts" | "audio" | "audioMp3" | "durationSec">;
  detail: Record<string, unknown>;
};

/** Queues a bulletin's messages (SMS or voice), one per partner and language, and logs each, in two statements
 *  whatever their number; returns how many were new (one that already exists is left as it is). */
export const queueMessages = async (db: Db, options: { bulletin: Bulletin; at: Date; messages: QueuedMessage[] }) => {
  const { bulletin, at } = options;
  if (options.messages.length === 0) return 0;
  const inserted = await insertMessages(
    db,
    options.messages.map(({ partner, language, message }) => ({
      ...message,
      bulletinId: bulletin.id,
      partnerId: partner.id,
      language,
      urgency: bulletin.urgency,
      rank: urgencyRank[bulletin.urgency],
      mode: bulletin.mode,
      areas: bulletin.areas,
      sender: partner.smsPolicy.sender,
      validFrom: bulletin.validFrom,
      validUntil: bulletin.validUntil,
      createdAt: at,
    })),
  );
  const queued = (row: (typeof inserted)[number]) =>
    options.messages.find((entry) => entry.partner.id === row.partnerId && entry.language === row.language && (entry.message.kind ?? "sms") === row.kind)!;
  await logDelivery(
    db,
    inserted.map((row) => ({
      at,
      bulletinId: bulletin.id,
      messageId: row.id,
      partnerId: row.partnerId,
      channel: row.kind,
      language: row.language,
      event: "message.queued",
      dedupeKey: `queued:${row.id}`,
      detail: queued(row).detail,
    })),
  );
  return inserted.length;
};

export const createSmsMessages = async (db: Db, options: { bulletin: Bulletin; texts: BulletinText[]; partners: Partner[]; at: Date }) => {
  const { bulletin, at } = options;
  const skipped: DeliveryLogEntry[] = [];
  const smsRenditions: NewRendition[] = [];
  const messages: QueuedMessage[] = [];
  for (const text of options.texts) {
    for (const partner of options.partners) {
      if (!partner.kinds.includes("sms") || !partner.languages.includes(text.language)) continue;
      const encoded = encodeSms(text.summary, partner.smsPolicy);
      if (!encoded.ok) {
        skipped.push({
          at,
          bulletinId: bulletin.id,
          partnerId: partner.id,
          channel: "sms",
          language: text.language,
          event: "message.skipped",
          reason: encoded.error.code,
          dedupeKey: `skip:${bulletin.id}:${text.language}:${partner.id}:sms`,
          detail: { detail: encoded.error.detail },
        });
        continue;
      }
      const { sms } = encoded;
      smsRenditions.push({
        bulletinId: bulletin.id,
        language: text.language,
        channel: "sms",
        target: `partner:${partner.id}`,
        content: { text: sms.text, encoding: sms.encoding, parts: sms.partCount, units: sms.units, segments: sms.parts, sender: partner.smsPolicy.sender },
        createdAt: at,
      });
      messages.push({
        partner,
        language: text.language,
        message: { kind: "sms", text: sms.text, encoding: sms.encoding, parts: sms.partCount },
        detail: { encoding: sms.encoding, parts: sms.partCount },
      });
    }
  }
  await logDelivery(db, skipped);
  if (smsRenditions.length > 0) await insertRenditions(db, smsRenditions);
  return queueMessages(db, { bulletin, at, messages });
};
