// format-bulletin: renders every (language x channel) and publishes the bulletin, in one transaction.
import { loadBulletinForUpdate } from "../src/bulletins/load-bulletin.ts";
import { transitionBulletin } from "../src/bulletins/transition-bulletin.ts";
import { getBulletin, getBulletinTexts } from "../src/db/queries/bulletins.ts";
import { cancelMessages } from "../src/delivery/cancel-messages.ts";
import { createSmsMessages, recipientPartners } from "../src/delivery/create-sms-messages.ts";
import { writeRadioScripts } from "../src/delivery/radio-scripts.ts";
import { wantsVoice, writeVoiceRenditions } from "../src/delivery/voice-renditions.ts";
import { urgencyPriority } from "../src/queue/job-queue.ts";
import { dispatchJobs, recordJob } from "../src/queue/outbox.ts";
import { prepareDisplay, writeDisplay } from "../src/delivery/display-renditions.ts";
import type { Processor } from "./run-job.ts";

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
  await deps.yieldToUrgent?.();
  const outcome = await deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, bulletinId).catch(() => undefined);
    if (!bulletin || bulletin.status !== "localized") return { result: "skipped" as const };
    const texts = (await getBulletinTexts(tx, bulletinId)).filter(
      (text) => text.state === "approved" && bulletin.targetLanguages.includes(text.language),
    );
    // a corrected SMS goes to the partners that sent the old one
    if (bulletin.channels.includes("sms")) await createSmsMessages(tx, { bulletin, texts, partners: await recipientPartners(tx, bulletin), at: now });
    // voice: SSML and estimates now, audio from the synthesize-voice job (speaking takes seconds; SMS must not wait)
    const speak = wantsVoice(bulletin)
      ? (await writeVoiceRenditions(tx, { bulletin, texts, at: now }),
        await recordJob(tx, { name: "synthesize-voice", key: `synthesize-voice:${bulletinId}`, payload: { bulletinId }, priority: urgencyPriority[bulletin.urgency] }))
      : undefined;
    if (bulletin.channels.includes("radio")) await writeRadioScripts(tx, { bulletin, texts, at: now });
    // approved texts do not change, so slides drawn from them before the transaction are still right
    if (display) await writeDisplay(tx, { bulletin, prepared: display, at: now });
    await transitionBulletin(tx, { bulletin, to: "published", actorId: null, at: now, set: { publishedAt: now } });
    if (bulletin.supersedesId) {
      const old = await getBulletin(tx, bulletin.supersedesId, { forUpdate: true });
      if (old && ["approved", "localized", "published"].includes(old.status)) {
        await transitionBulletin(tx, { bulletin: old, to: "superseded", actorId: null, at: now, detail: { by: bulletin.id } });
      }
      if (old) await cancelMessages(tx, { bulletinId: old.id, reason: "superseded", at: now });
    }
    return { result: "done" as const, speak };
  });
  if (outcome.result === "done") await dispatchJobs(deps.queue, [outcome.speak], (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return outcome.result;
};
