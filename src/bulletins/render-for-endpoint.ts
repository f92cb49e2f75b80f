// The backfill step (job render-for-endpoint): a screen or radio station that was added, or whose size, gate, area
// or languages changed, gets its renditions of every bulletin already in force that concerns it, urgent first,
// without waiting for a new bulletin. Slides are drawn before the transaction; the transaction re-checks that the
// endpoint is still as they were drawn for and that each bulletin is still in force (locked FOR SHARE, so none is
// withdrawn, superseded or expired meanwhile). Idempotent: renditions are upserted, scripts inserted once.
import type { Db } from "../db/client.ts";
import { getBulletinTexts, type Bulletin, type BulletinText } from "../db/queries/bulletins.ts";
import { notifyFeedChange } from "../db/queries/feed-notify.ts";
import { listBulletinsInForceOn, lockBulletinsInForce } from "../db/queries/feeds.ts";
import { setLockTimeout } from "../db/queries/locks.ts";
import { areasOverlap, listPlaceParents } from "../db/queries/places.ts";
import { getScreen, type Screen } from "../db/queries/screens.ts";
import { getStation, type Station } from "../db/queries/stations.ts";
import { dropStaleScreenRenditions, prepareDisplayFor, writeDisplay, type PreparedDisplay } from "../delivery/display-renditions.ts";
import { writeRadioScripts } from "../delivery/radio-scripts.ts";
import type { Channel } from "../domain/index.ts";
import type { StepOutcome } from "../queue/outbox.ts";
import { defaultStepLockTimeoutMs } from "./lock-bulletin.ts";
import type { PublishDeps } from "./publish-bulletin.ts";

export type EndpointRef = { kind: "screen" | "station"; id: string };

const skipped: StepOutcome = { result: "skipped", next: [] };
const urgencyOrder = { urgent: 0, priority: 1, routine: 2 } as const;

/** The bulletins in force on `channel` that concern an endpoint serving `area`: urgent first, then the latest
 *  published first (the order a screen's feed shows them in). */
const inForceFor = async (db: Db, options: { channel: Channel; area: string; now: Date }) => {
  const [all, parents] = await Promise.all([listBulletinsInForceOn(db, { now: options.now, channel: options.channel }), listPlaceParents(db)]);
  const byCode = new Map(parents.map((place) => [place.code, place]));
  return all
    .filter((bulletin) => areasOverlap(byCode, [options.area], bulletin.areas))
    .sort((a, b) => urgencyOrder[a.urgency] - urgencyOrder[b.urgency] || (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0));
};

/** The texts a bulletin went out with: approved, in its target languages. */
const publishedTexts = async (db: Db, bulletin: Bulletin): Promise<BulletinText[]> =>
  (await getBulletinTexts(db, bulletin.id)).filter((text) => text.state === "approved" && bulletin.targetLanguages.includes(text.language));

/** Whether what the renditions depend on (and what a change records this job for) is unchanged. */
const sameScreen = (a: Screen, b: Screen) =>
  a.gateCode === b.gateCode && a.width === b.width && a.height === b.height && a.languages.join() === b.languages.join();
const sameStation = (a: Station, b: Station) => a.areaCode === b.areaCode && a.languages.join() === b.languages.join();

const renderForScreen = async (deps: PublishDeps, screenId: string): Promise<StepOutcome> => {
  const now = deps.clock();
  const screen = await getScreen(deps.db, screenId);
  if (!screen || screen.disabled) return skipped;
  const prepared: { bulletin: Bulletin; display: PreparedDisplay }[] = [];
  for (const bulletin of await inForceFor(deps.db, { channel: "display", area: screen.gateCode, now })) {
    // drawing takes a while: urgent work goes first
    await deps.yieldToUrgent?.();
    prepared.push({ bulletin, display: await prepareDisplayFor(deps.db, { bulletin, texts: await publishedTexts(deps.db, bulletin), screens: [screen] }) });
  }
  await deps.yieldToUrgent?.();
  return deps.db.transaction(async (tx): Promise<StepOutcome> => {
    await setLockTimeout(tx, deps.lockTimeoutMs ?? defaultStepLockTimeoutMs);
    const current = await getScreen(tx, screenId, { forUpdate: true });
    // changed again meanwhile: that change recorded its own job, which draws for the screen as it is now
    if (!current || current.disabled || !sameScreen(current, screen)) return skipped;
    const still = new Set((await lockBulletinsInForce(tx, { ids: prepared.map((entry) => entry.bulletin.id), now })).map((bulletin) => bulletin.id));
    for (const { bulletin, display } of prepared) {
      if (still.has(bulletin.id)) await writeDisplay(tx, { bulletin, prepared: display, at: now });
    }
    // what it showed for another gate, size or languages leaves its feed
    await dropStaleScreenRenditions(tx, current);
    await notifyFeedChange(tx, { screenId });
    return { result: "done", next: [] };
  });
};

const renderForStation = async (deps: PublishDeps, stationId: string): Promise<StepOutcome> => {
  const now = deps.clock();
  const station = await getStation(deps.db, stationId);
  if (!station || station.disabled) return skipped;
  const concerned = await inForceFor(deps.db, { channel: "radio", area: station.areaCode, now });
  const texts = new Map<string, BulletinText[]>();
  for (const bulletin of concerned) texts.set(bulletin.id, await publishedTexts(deps.db, bulletin));
  await deps.yieldToUrgent?.();
  return deps.db.transaction(async (tx): Promise<StepOutcome> => {
    await setLockTimeout(tx, deps.lockTimeoutMs ?? defaultStepLockTimeoutMs);
    const current = await getStation(tx, stationId, { forUpdate: true });
    if (!current || current.disabled || !sameStation(current, station)) return skipped;
    const still = new Set((await lockBulletinsInForce(tx, { ids: concerned.map((bulletin) => bulletin.id), now })).map((bulletin) => bulletin.id));
    // written urgent first: the station reads them in that order after its cursor (a script it has is left as it is)
    for (const bulletin of concerned) {
      if (still.has(bulletin.id)) await writeRadioScripts(tx, { bulletin, texts: texts.get(bulletin.id) ?? [], at: now, stations: [current] });
    }
    return { result: "done", next: [] };
  });
};

/** Skipped when the endpoint is gone or disabled, or changed again since the step began (the change's own job does
 *  the work); any other failure is thrown, so that the step is retried. */
export const renderForEndpoint = async (deps: PublishDeps, endpoint: EndpointRef): Promise<StepOutcome> =>
  endpoint.kind === "screen" ? renderForScreen(deps, endpoint.id) : renderForStation(deps, endpoint.id);
