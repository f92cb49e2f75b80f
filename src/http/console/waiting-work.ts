// The languages waiting for the person looking, shown on every console page: for a translator, every language of an
// editable bulletin with a source text whose text no translator has approved yet; for an editor, those of their own
// bulletins. Newest bulletins first, at most 100 bulletins looked at.
import type { Actor } from "../../access/actor.ts";
import type { Db } from "../../db/client.ts";
import { listBulletins, listTextHeadlines } from "../../db/queries/bulletins.ts";
import { editableStatuses, type Language } from "../../domain/index.ts";

export type WaitingBulletin = { id: string; headline: string; sourceLanguage: Language; languages: Language[] };
/** `translate`: the reader may open each language's translation page (a translator); else the bulletin's page. */
export type WaitingWork = { count: number; bulletins: WaitingBulletin[]; translate: boolean };

export const waitingWork = async (db: Db, actor: Pick<Actor, "id" | "roles">): Promise<WaitingWork | undefined> => {
  const translator = actor.roles.includes("translator");
  const editor = actor.roles.includes("editor");
  if (!translator && !editor) return undefined;
  const candidates = (await listBulletins(db, { status: [...editableStatuses], limit: 100 })).items.filter(
    (bulletin) => translator || bulletin.createdBy === actor.id,
  );
  const texts = await listTextHeadlines(
    db,
    candidates.map((bulletin) => bulletin.id),
  );
  const bulletins: WaitingBulletin[] = [];
  for (const bulletin of candidates) {
    const own = texts.filter((text) => text.bulletinId === bulletin.id);
    const source = own.find((text) => text.language === bulletin.sourceLanguage);
    if (!source) continue;
    const waiting = bulletin.targetLanguages.filter(
      (language) => language !== bulletin.sourceLanguage && !own.some((text) => text.language === language && text.state === "approved"),
    );
    if (waiting.length > 0) bulletins.push({ id: bulletin.id, headline: source.headline, sourceLanguage: bulletin.sourceLanguage, languages: waiting });
  }
  return { count: bulletins.reduce((sum, bulletin) => sum + bulletin.languages.length, 0), bulletins, translate: translator };
};
