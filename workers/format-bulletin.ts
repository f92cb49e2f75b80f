// format-bulletin: renders every (language x channel) and publishes the bulletin, in one transaction.
import { partnersFor } from "../src/bulletins/check-sms-fits.ts";
import { loadBulletinForUpdate } from "../src/bulletins/load-bulletin.ts";
import { transitionBulletin } from "../src/bulletins/transition-bulletin.ts";
import { getBulletin, getBulletinTexts } from "../src/db/queries/bulletins.ts";
import { listActivePartners } from "../src/db/queries/partners.ts";
import { cancelMessages } from "../src/delivery/cancel-messages.ts";
import { createSmsMessages, partnersThatSent } from "../src/delivery/create-sms-messages.ts";
import { prepareDisplay, writeDisplay } from "../src/delivery/display-renditions.ts";
import type { Processor } from "../src/queue/run-job.ts";

export const formatBulletin: Processor<"format-bulletin"> = async (deps, { bulletinId }) => {
  const now = deps.clock();
  // slides are drawn before the transaction; it re-checks the bulletin and stores them
  const before = await getBulletin(deps.db, bulletinId);
  const display =
    before && before.status === "localized" && before.channels.includes("display")
      ? await prepareDisplay(
          deps.db,
          before,
          (await getBulletinTexts(deps.db, bulletinId)).filter((text) => text.state === "approved" && before.targetLanguages.includes(text.language)),
        )
      : undefined;
  return deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, bulletinId).catch(() => undefined);
    if (!bulletin || bulletin.status !== "localized") return "skipped";
    const texts = (await getBulletinTexts(tx, bulletinId)).filter(
      (text) => text.state === "approved" && bulletin.targetLanguages.includes(text.language),
    );
    if (bulletin.channels.includes("sms")) {
      const partners = await partnersFor(tx, bulletin);
      if (bulletin.supersedesId) {
        // a corrected SMS goes to the partners that sent the old one
        const sentOld = new Set(await partnersThatSent(tx, bulletin.supersedesId));
        const all = await listActivePartners(tx);
        for (const partner of all) if (sentOld.has(partner.id) && !partners.some((p) => p.id === partner.id)) partners.push(partner);
      }
      await createSmsMessages(tx, { bulletin, texts, partners, at: now });
    }
    // approved texts do not change, so slides drawn from them before the transaction are still right
    if (display) await writeDisplay(tx, bulletin, display, now);
    await transitionBulletin(tx, { bulletin, to: "published", actorId: null, at: now, set: { publishedAt: now } });
    if (bulletin.supersedesId) {
      const old = await getBulletin(tx, bulletin.supersedesId, { forUpdate: true });
      if (old && ["approved", "localized", "published"].includes(old.status)) {
        await transitionBulletin(tx, { bulletin: old, to: "superseded", actorId: null, at: now, detail: { by: bulletin.id } });
      }
      if (old) await cancelMessages(tx, { bulletinId: old.id, reason: "superseded", at: now });
    }
    return "done";
  });
};
