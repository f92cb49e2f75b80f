// What the public page of a bulletin shows (/b/{id}?lang=lo): for the department's websites and social pages, without
// a login. Only actual bulletins that were published: test and exercise bulletins, drafts and unknown ids are not
// there at all; a bulletin no longer in force (expired, withdrawn, superseded) says so instead of its text.
import type { Db } from "../db/client.ts";
import { getBulletin, getBulletinTexts, listSeriesVersions, type Bulletin } from "../db/queries/bulletins.ts";
import { listPlaceNames } from "../db/queries/places.ts";
import { listBulletinRenditions } from "../db/queries/renditions.ts";
import type { Language } from "../domain/index.ts";
import { mediaUrl } from "./media.ts";

export const publicPagePath = (bulletinId: string, language?: Language) => `/b/${bulletinId}${language ? `?lang=${language}` : ""}`;

export type PublicBulletin = {
  bulletin: Bulletin;
  /** in force now, or no longer (and why) */
  state: "in_force" | "expired" | "withdrawn" | "superseded" | "not_yet_valid";
  /** the approved texts of the languages it went out in, source language first */
  texts: { language: Language; headline: string; summary: string; body: string }[];
  /** the largest landscape slide per language (the Open Graph image), as a public media URL */
  slides: Partial<Record<Language, { url: string; width: number; height: number }>>;
  /** the areas' names per language (the code where a name is missing) */
  areas: { code: string; names: Partial<Record<Language, string>> }[];
  /** for a superseded bulletin: the published version that replaced it */
  latestId?: string;
};

const stateOf = (bulletin: Bulletin, now: Date): PublicBulletin["state"] => {
  if (bulletin.status === "withdrawn" || (bulletin.withdrawnAt && bulletin.withdrawnAt <= now)) return "withdrawn";
  if (bulletin.status === "superseded") return "superseded";
  if (bulletin.status === "expired" || bulletin.validUntil <= now) return "expired";
  if (bulletin.validFrom > now) return "not_yet_valid";
  return "in_force";
};

/** The public page of a published, actual bulletin; undefined for anything that must not be public. */
export const readPublicBulletin = async (db: Db, options: { id: string; now: Date; publicUrl: string }): Promise<PublicBulletin | undefined> => {
  const bulletin = await getBulletin(db, options.id);
  if (!bulletin?.publishedAt || bulletin.mode !== "actual") return undefined;
  const dropped = new Set(bulletin.droppedLanguages.map((entry) => entry.language));
  const texts = (await getBulletinTexts(db, bulletin.id))
    .filter((text) => text.state === "approved" && bulletin.targetLanguages.includes(text.language) && !dropped.has(text.language))
    .sort(
      (a, b) =>
        Number(b.language === bulletin.sourceLanguage) - Number(a.language === bulletin.sourceLanguage) ||
        bulletin.targetLanguages.indexOf(a.language) - bulletin.targetLanguages.indexOf(b.language),
    )
    .map(({ language, headline, summary, body }) => ({ language, headline, summary, body }));
  const slides: PublicBulletin["slides"] = {};
  for (const rendition of await listBulletinRenditions(db, bulletin.id)) {
    if (rendition.channel !== "display") continue;
    const content = rendition.content as { slide: string; width: number; height: number };
    const current = slides[rendition.language];
    const landscape = content.width >= content.height;
    const better = !current || (landscape && (current.width < current.height || content.width > current.width));
    if (better) slides[rendition.language] = { url: mediaUrl(options.publicUrl, content.slide), width: content.width, height: content.height };
  }
  const names = await listPlaceNames(db, bulletin.areas);
  const areas = bulletin.areas.map((code) => ({ code, names: names.find((row) => row.code === code)?.names ?? {} }));
  const state = stateOf(bulletin, options.now);
  const latestId =
    state === "superseded"
      ? (await listSeriesVersions(db, bulletin.seriesId)).find((version) => version.publishedAt && version.mode === "actual")?.id
      : undefined;
  return { bulletin, state, texts, slides, areas, ...(latestId && latestId !== bulletin.id ? { latestId } : {}) };
};
