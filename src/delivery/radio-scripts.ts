// The radio channel: a script per (bulletin x station x language) for the stations whose area the bulletin
// concerns and whose languages it has; stations read them after a cursor (seq), see withdrawn and superseded ones
// flagged, fetch the audio where it was synthesised or recorded, and report airings, each logged once.
import { buildRadioScript } from "../channels/radio/index.ts";
import type { Db } from "../db/client.ts";
import type { Bulletin, BulletinText } from "../db/queries/bulletins.ts";
import { logDelivery } from "../db/queries/delivery-log.ts";
import { listSupersedingBulletins } from "../db/queries/feeds.ts";
import { areasOverlap, placeLookup } from "../db/queries/places.ts";
import { getStationScript, insertRadioScript, listStationScripts } from "../db/queries/radio-scripts.ts";
import { listActiveStations, touchStation, type Station } from "../db/queries/stations.ts";
import { listVoiceRenditionContents } from "../db/queries/renditions.ts";
import { AppError } from "../errors.ts";
import { mediaUrl } from "./media.ts";
import { radioStrings, stationNameIn } from "./spoken-strings.ts";
import type { VoiceRenditionContent } from "./voice-renditions.ts";

export type { Station };

/** In the format transaction: the scripts of every station concerned (or of `stations` only, those the caller
 *  chose); a script a station already has is left as it is. How many were written. */
export const writeRadioScripts = async (db: Db, options: { bulletin: Bulletin; texts: BulletinText[]; at: Date; stations?: Station[] }) => {
  const { bulletin, texts, at } = options;
  const [all, places] = await Promise.all([options.stations ?? listActiveStations(db), placeLookup(db)]);
  let written = 0;
  for (const station of all) {
    if (!areasOverlap(places, [station.areaCode], bulletin.areas)) continue;
    for (const text of texts) {
      if (!station.languages.includes(text.language)) continue;
      const content = buildRadioScript({
        language: text.language,
        headline: text.headline,
        body: text.body,
        urgency: bulletin.urgency,
        mode: bulletin.mode,
        strings: radioStrings(bulletin, places, { language: text.language, stationName: stationNameIn(station, text.language) }),
      });
      written += await insertRadioScript(db, { bulletinId: bulletin.id, stationId: station.id, language: text.language, content, createdAt: at });
    }
  }
  return written;
};

export const scriptState = (bulletin: Pick<Bulletin, "status" | "validUntil">, now: Date) =>
  bulletin.status === "withdrawn"
    ? "withdrawn"
    : bulletin.status === "superseded"
      ? "superseded"
      : bulletin.status === "expired" || bulletin.validUntil <= now
        ? "expired"
        : "in_force";

/** A station's scripts after a cursor, oldest change first. Only rows written by transactions older than every
 *  transaction still running are passed, so a cursor never jumps over a row that commits later with a lower seq. */
export const stationScripts = async (db: Db, options: { station: Station; after: number; limit: number; now: Date; publicUrl: string }) => {
  const rows = await listStationScripts(db, { stationId: options.station.id, after: options.after, limit: options.limit });
  const voices = rows.length ? await listVoiceRenditionContents(db, [...new Set(rows.map((row) => row.bulletin.id))]) : [];
  const audioOf = new Map(voices.map((voice) => [`${voice.bulletinId}:${voice.language}`, (voice.content as VoiceRenditionContent).audio]));
  const supersededBy = rows.some((row) => row.bulletin.status === "superseded")
    ? new Map(
        (
          await listSupersedingBulletins(
            db,
            rows.filter((row) => row.bulletin.status === "superseded").map((row) => row.bulletin.id),
          )
        ).map((row) => [row.supersedesId, row.id]),
      )
    : new Map<string, string>();
  const scripts = rows.map(({ script, bulletin }) => {
    const voice = audioOf.get(`${bulletin.id}:${script.language}`);
    const state = scriptState(bulletin, options.now);
    return {
      id: script.id,
      bulletinId: bulletin.id,
      version: bulletin.version,
      urgency: bulletin.urgency,
      test: bulletin.mode !== "actual",
      mode: bulletin.mode,
      language: script.language,
      headline: script.content.headline,
      script: script.content.script,
      sections: script.content.sections,
      readingSec: script.content.readingSec,
      rate: script.content.rate,
      // the WAV as soon as there is speech; the MP3 (audio) once encoded, a moment later: the script comes round again
      ...(voice
        ? {
            ...(voice.mp3 ? { audio: mediaUrl(options.publicUrl, voice.mp3) } : {}),
            audioWav: mediaUrl(options.publicUrl, voice.wav),
            durationSec: voice.durationSec,
          }
        : {}),
      validFrom: bulletin.validFrom.toISOString(),
      validUntil: bulletin.validUntil.toISOString(),
      state,
      withdrawn: state === "withdrawn",
      superseded: state === "superseded",
      ...(supersededBy.has(bulletin.id) ? { supersededBy: supersededBy.get(bulletin.id) } : {}),
    };
  });
  return { scripts, cursor: String(rows.at(-1)?.script.seq ?? options.after) };
};

/** Logs that a station fetched scripts: once per script (a re-read after the cursor moved back is not counted). */
export const logScriptsFetched = async (db: Db, options: { station: Station; scripts: { id: string; bulletinId: string; language: string }[]; at: Date }) => {
  const { station, at } = options;
  await touchStation(db, { id: station.id, at });
  await logDelivery(
    db,
    options.scripts.map((script) => ({
      at,
      bulletinId: script.bulletinId,
      stationId: station.id,
      channel: "radio",
      language: script.language,
      event: "radio.fetched",
      dedupeKey: `radio-fetched:${script.id}`,
      detail: { scriptId: script.id },
    })),
  );
};

/** A station reports a script aired. Logged once: a repeated report answers `counted: false` and adds nothing. */
export const recordAired = async (db: Db, options: { station: Station; scriptId: string; airedAt: Date; now: Date }) => {
  const { station, now } = options;
  if (options.airedAt.getTime() > now.getTime() + 5 * 60_000)
    throw new AppError("validation_failed", "airedAt is in the future", { errors: [{ path: "airedAt", message: "must not be in the future" }] });
  const script = await getStationScript(db, { stationId: station.id, scriptId: options.scriptId });
  if (!script) throw new AppError("not_found", `no script ${options.scriptId} for this station`);
  await touchStation(db, { id: station.id, at: now });
  const logged = await logDelivery(db, {
    at: now,
    bulletinId: script.bulletinId,
    stationId: station.id,
    channel: "radio",
    language: script.language,
    event: "radio.aired",
    occurredAt: options.airedAt,
    dedupeKey: `radio-aired:${script.id}`,
    detail: { scriptId: script.id, airedAt: options.airedAt.toISOString() },
  });
  return { scriptId: script.id, counted: logged === 1 };
};
