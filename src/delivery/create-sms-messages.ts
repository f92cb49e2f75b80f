// One SMS message per (bulletin x language x partner that takes that language for the bulletin's areas).
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { Bulletin, BulletinText } from "../db/queries/bulletins.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import { listActivePartners, type Partner } from "../db/queries/partners.ts";
import { partnersFor } from "../bulletins/check-sms-fits.ts";
import { renditions, smsMessages } from "../db/schema/index.ts";
import { encodeSms } from "../channels/sms/index.ts";

export const urgencyRank = { urgent: 0, priority: 1, routine: 2 } as const;

/** Partners that sent the superseded version get the correction even when they would not match now. */
export const partnersThatSent = async (db: Db, bulletinId: string) => {
  const rows = await db
    .selectDistinct({ partnerId: smsMessages.partnerId })
    .from(smsMessages)
    .where(and(eq(smsMessages.bulletinId, bulletinId), inArray(smsMessages.status, ["sent", "claimed"])));
  return rows.map((row) => row.partnerId);
};

/** Partners a bulletin's messages go to: those whose areas match, and for a correction those that sent the old one. */
export const recipientPartners = async (db: Db, bulletin: Bulletin) => {
  const partners = await partnersFor(db, bulletin);
  if (bulletin.supersedesId) {
    const sentOld = new Set(await partnersThatSent(db, bulletin.supersedesId));
    for (const partner of await listActivePartners(db)) if (sentOld.has(partner.id) && !partners.some((p) => p.id === partner.id)) partners.push(partner);
  }
  return partners;
};

/** Queues one message (SMS or voice) of a bulletin to a partner and logs it; false when it already exists. */
export const queueMessage = async (
  db: Db,
  options: {
    bulletin: Bulletin;
    partner: Partner;
    language: BulletinText["language"];
    at: Date;
    message: Pick<typeof smsMessages.$inferInsert, "kind" | "text" | "encoding" | "parts" | "audio" | "audioMp3" | "durationSec">;
    detail: Record<string, unknown>;
  },
) => {
  const { bulletin, partner, language, at } = options;
  const [message] = await db
    .insert(smsMessages)
    .values({
      ...options.message,
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
    })
    .onConflictDoNothing()
    .returning({ id: smsMessages.id });
  if (!message) return false;
  await logDelivery(db, {
    at,
    bulletinId: bulletin.id,
    messageId: message.id,
    partnerId: partner.id,
    channel: options.message.kind ?? "sms",
    language,
    event: "message.queued",
    dedupeKey: `queued:${message.id}`,
    detail: options.detail,
  });
  return true;
};

export const createSmsMessages = async (
  db: Db,
  options: { bulletin: Bulletin; texts: BulletinText[]; partners: Partner[]; at: Date },
) => {
  const { bulletin, at } = options;
  let created = 0;
  for (const text of options.texts) {
    for (const partner of options.partners) {
      if (!partner.kinds.includes("sms") || !partner.languages.includes(text.language)) continue;
      const encoded = encodeSms(text.summary, partner.smsPolicy);
      if (!encoded.ok) {
        await logDelivery(db, {
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
      await db
        .insert(renditions)
        .values({
          bulletinId: bulletin.id,
          language: text.language,
          channel: "sms",
          target: `partner:${partner.id}`,
          content: { text: sms.text, encoding: sms.encoding, parts: sms.partCount, units: sms.units, segments: sms.parts, sender: partner.smsPolicy.sender },
          createdAt: at,
        })
        .onConflictDoNothing();
      const queued = await queueMessage(db, {
        bulletin,
        partner,
        language: text.language,
        at,
        message: { kind: "sms", text: sms.text, encoding: sms.encoding, parts: sms.partCount },
        detail: { encoding: sms.encoding, parts: sms.partCount },
      });
      if (queued) created += 1;
    }
  }
  return created;
};
