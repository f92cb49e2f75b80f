// A bulletin as CAP 1.2: Alert when first published, Update (referencing the version it corrects) for a
// correction, Cancel (referencing itself as published) once withdrawn. Slides are its resources, at their public
// /public/v1/media URL (a screen's slide URL needs a screen token).
import { buildCap, type CapInput } from "../channels/cap/index.ts";
import type { Db } from "../db/client.ts";
import { getBulletin, getBulletinTexts, type Bulletin } from "../db/queries/bulletins.ts";
import { listPlaceNames } from "../db/queries/places.ts";
import { listBulletinRenditions } from "../db/queries/renditions.ts";
import { languages } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import type { VoiceRenditionContent } from "./voice-renditions.ts";
import { mediaUrl } from "./media.ts";
import { publicPagePath } from "./public-page.ts";

export const capIdentifier = (bulletin: Pick<Bulletin, "id">) => `bantin-${bulletin.id}`;

export const capDocument = async (db: Db, bulletin: Bulletin, publicUrl: string) => {
  if (!bulletin.publishedAt || !["published", "expired", "superseded", "withdrawn"].includes(bulletin.status)) {
    throw new AppError("not_found", `a ${bulletin.status} bulletin has no CAP document: only published ones do`);
  }
  const sender = `bantin@${new URL(publicUrl).hostname}`;
  const texts = (await getBulletinTexts(db, bulletin.id)).filter((text) => text.state === "approved" && bulletin.targetLanguages.includes(text.language));
  const previous = bulletin.supersedesId ? await getBulletin(db, bulletin.supersedesId) : undefined;
  const withdrawn = bulletin.status === "withdrawn";
  const msgType: CapInput["msgType"] = withdrawn ? "Cancel" : previous ? "Update" : "Alert";
  const references = withdrawn
    ? [{ identifier: capIdentifier(bulletin), sent: bulletin.publishedAt }]
    : previous?.publishedAt
      ? [{ identifier: capIdentifier(previous), sent: previous.publishedAt }]
      : [];
  const rows = await listPlaceNames(db, bulletin.areas);
  const areas = Object.fromEntries(
    languages.map((language) => [language, rows.map((row) => ({ code: row.code, name: row.names[language] }))]),
  ) as CapInput["areas"];
  const rendered = await listBulletinRenditions(db, bulletin.id);
  const slideResources = rendered
    .filter((rendition) => rendition.channel === "display")
    .map((rendition) => {
      const content = rendition.content as { slide: string; width: number; height: number };
      return {
        description: `slide ${content.width}x${content.height}`,
        mimeType: "image/png",
        uri: mediaUrl(publicUrl, content.slide),
        language: rendition.language,
      };
    });
  // the voice message where it was synthesised or recorded: MP3 (compact) and 8 kHz WAV (telephony)
  const audioResources = rendered.flatMap((rendition) => {
    const voice = rendition.channel === "voice" ? (rendition.content as VoiceRenditionContent).audio : undefined;
    if (!voice) return [];
    return [
      ...(voice.mp3
        ? [
            {
              description: `voice message (${Math.round(voice.durationSec)} s)`,
              mimeType: "audio/mpeg",
              uri: mediaUrl(publicUrl, voice.mp3),
              language: rendition.language,
            },
          ]
        : []),
      {
        description: `voice message, 8 kHz WAV (${Math.round(voice.durationSec)} s)`,
        mimeType: "audio/wav",
        uri: mediaUrl(publicUrl, voice.wav),
        language: rendition.language,
      },
    ];
  });
  const resources = [...slideResources, ...audioResources].filter((resource, index, all) => all.findIndex((other) => other.uri === resource.uri) === index);
  return buildCap({
    identifier: withdrawn ? `${capIdentifier(bulletin)}-cancel` : capIdentifier(bulletin),
    sender,
    sent: withdrawn ? (bulletin.withdrawnAt ?? bulletin.updatedAt) : bulletin.publishedAt,
    msgType,
    references,
    mode: bulletin.mode,
    category: bulletin.category,
    urgency: bulletin.urgency,
    effective: bulletin.validFrom,
    expires: bulletin.validUntil,
    texts,
    areas,
    resources,
    // the bulletin's public page (HTML, every language it went out in); test and exercise bulletins have none
    ...(bulletin.mode === "actual" ? { web: `${publicUrl}${publicPagePath(bulletin.id)}` } : {}),
  });
};
