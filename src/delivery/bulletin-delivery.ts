// Where a bulletin stands on every channel x endpoint x language: one row per SMS or voice message (partner x
// language), per screen and language it has a slide for, per station and language it has a script for, and per
// language skipped before any endpoint, each with its state, the partners' counts, plays and airings, the reason
// codes logged for it and when it first and last moved. Built from the delivery log (append-only, the truth of what
// happened) and the rows that say what is expected (messages, screen renditions, radio scripts).
import type { Db } from "../db/client.ts";
import { getBulletin } from "../db/queries/bulletins.ts";
import { summarizeDeliveries } from "../db/queries/delivery-log.ts";
import { listBulletinMessages } from "../db/queries/messages.ts";
import { listPartners } from "../db/queries/partners.ts";
import { listBulletinRadioScripts } from "../db/queries/radio-scripts.ts";
import { listBulletinRenditions } from "../db/queries/renditions.ts";
import { listScreens } from "../db/queries/screens.ts";
import { channels, languages, type Channel, type Language } from "../domain/index.ts";

/** The states a row goes through, in the order they move forward:
 *  SMS and voice: waiting (queued, or offered again after a lease ran out) -> claimed (in a partner's batch) -> sent
 *  or rejected (the partner's report), or cancelled (withdrawn, superseded, outside validity) before it was sent;
 *  display: waiting (slide drawn, not yet fetched by the screen) -> served -> played;
 *  radio: waiting (script written) -> fetched -> aired;
 *  skipped: never made (a language not approved or dropped, an SMS or slide too long);
 *  needs_recording: a voice message no speech engine could speak, waiting for a recording. */
export const deliveryStates = [
  "waiting",
  "claimed",
  "sent",
  "rejected",
  "cancelled",
  "skipped",
  "needs_recording",
  "served",
  "played",
  "fetched",
  "aired",
] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export type EndpointKind = "partner" | "screen" | "station";

export type DeliveryRow = {
  /** stable across updates: channel, endpoint and language */
  key: string;
  channel: Channel;
  endpointKind: EndpointKind | null;
  endpointId: string | null;
  /** the endpoint's name ("" for a row of no endpoint: a language skipped for every partner) */
  endpoint: string;
  language: Language | null;
  state: DeliveryState;
  counts: { submitted: number; delivered: number; failed: number; offers: number; plays: number; aired: number; repeats: number };
  /** reason codes logged for the row, each once */
  reasons: string[];
  /** ISO instants of its first and latest event (a play's or airing's own time where the log has one) */
  firstAt: string | null;
  lastAt: string | null;
};

/** `events`: how many rows the bulletin's delivery log holds */
export type BulletinDelivery = { bulletinId: string; status: string; rows: DeliveryRow[]; events: number };

const rank: Partial<Record<DeliveryState, number>> = { waiting: 0, served: 1, played: 2, fetched: 1, aired: 2 };
/** Display and radio states only move forward (a play logged late after an outage does not make a row "served"). */
const forward = (from: DeliveryState, to: DeliveryState) => ((rank[to] ?? 0) >= (rank[from] ?? 0) ? to : from);

const messageStates: Record<string, DeliveryState> = { pending: "waiting", claimed: "claimed", sent: "sent", rejected: "rejected", cancelled: "cancelled" };

/** What a bulletin no longer in force says to what still waits for it. */
const endedReasons: Record<string, string> = { withdrawn: "withdrawn", superseded: "superseded", expired: "outside_validity" };

const isChannel = (value: string): value is Channel => (channels as readonly string[]).includes(value);
const isLanguage = (value: string | null): value is Language => value !== null && (languages as readonly string[]).includes(value);

export const readBulletinDelivery = async (db: Db, bulletinId: string): Promise<BulletinDelivery | undefined> => {
  const bulletin = await getBulletin(db, bulletinId);
  if (!bulletin) return undefined;
  const [log, messages, renditions, scripts, partners, screens] = await Promise.all([
    summarizeDeliveries(db, bulletinId),
    listBulletinMessages(db, bulletinId),
    listBulletinRenditions(db, bulletinId),
    listBulletinRadioScripts(db, bulletinId),
    listPartners(db),
    listScreens(db),
  ]);
  const names = new Map<string, string>([...partners, ...screens].map((endpoint) => [endpoint.id, endpoint.name]));
  for (const script of scripts) names.set(script.script.stationId, script.station);

  const rows = new Map<string, DeliveryRow>();
  const rowFor = (channel: Channel, endpointKind: EndpointKind | null, endpointId: string | null, language: Language | null) => {
    const key = `${channel}:${endpointId ?? "-"}:${language ?? "-"}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        channel,
        endpointKind,
        endpointId,
        endpoint: endpointId ? (names.get(endpointId) ?? endpointId) : "",
        language,
        state: "waiting",
        counts: { submitted: 0, delivered: 0, failed: 0, offers: 0, plays: 0, aired: 0, repeats: 0 },
        reasons: [],
        firstAt: null,
        lastAt: null,
      };
      rows.set(key, row);
    }
    return row;
  };
  const seen = (row: DeliveryRow, at: Date | null | undefined) => {
    if (!at) return;
    const iso = at.toISOString();
    if (!row.firstAt || iso < row.firstAt) row.firstAt = iso;
    if (!row.lastAt || iso > row.lastAt) row.lastAt = iso;
  };
  const addReason = (row: DeliveryRow, reason: string | null) => {
    if (reason && !row.reasons.includes(reason)) row.reasons.push(reason);
  };

  // what is expected: the messages (their state is the truth for SMS and voice), slides per screen, scripts per station
  const messageRows = new Set<string>();
  for (const message of messages) {
    const row = rowFor(message.kind, "partner", message.partnerId, message.language);
    row.state = messageStates[message.status] ?? "waiting";
    row.counts.offers = message.claimCount;
    addReason(row, message.cancelReason);
    seen(row, message.createdAt);
    messageRows.add(row.key);
  }
  for (const rendition of renditions) {
    if (rendition.channel !== "display" || !rendition.target.startsWith("screen:")) continue;
    seen(rowFor("display", "screen", rendition.target.slice("screen:".length), rendition.language), rendition.createdAt);
  }
  for (const { script } of scripts) seen(rowFor("radio", "station", script.stationId, script.language), script.createdAt);

  // what happened, folded per kind of event in the order each kind was first logged (states only move forward, so
  // the order within a kind does not matter)
  for (const entry of log) {
    if (!isChannel(entry.channel)) continue;
    const language = isLanguage(entry.language) ? entry.language : null;
    const [endpointKind, endpointId] = entry.partnerId
      ? (["partner", entry.partnerId] as const)
      : entry.screenId
        ? (["screen", entry.screenId] as const)
        : entry.stationId
          ? (["station", entry.stationId] as const)
          : [null, null];
    const row = rowFor(entry.channel, endpointKind, endpointId, language);
    seen(row, entry.firstAt);
    seen(row, entry.lastAt);
    for (const reason of entry.reasons ?? []) addReason(row, reason);
    const fromMessage = messageRows.has(row.key);
    switch (entry.event) {
      case "message.sent":
      case "message.rejected":
        row.counts.submitted += entry.submitted;
        row.counts.delivered += entry.delivered;
        row.counts.failed += entry.failed;
        if (!fromMessage) row.state = entry.event === "message.sent" ? "sent" : "rejected";
        break;
      case "message.report_repeated":
        row.counts.repeats += entry.rows;
        break;
      case "message.cancelled":
        if (!fromMessage) row.state = "cancelled";
        break;
      case "message.skipped":
        if (!fromMessage) row.state = "skipped";
        break;
      case "voice.needs_recording":
        if (!fromMessage) row.state = "needs_recording";
        break;
      case "display.served":
        row.state = forward(row.state, "served");
        break;
      case "display.played":
        row.counts.plays += entry.rows;
        row.state = forward(row.state, "played");
        break;
      case "radio.fetched":
        row.state = forward(row.state, "fetched");
        break;
      case "radio.aired":
        row.counts.aired += entry.rows;
        row.state = forward(row.state, "aired");
        break;
      default:
        break;
    }
  }

  // a slide or script no endpoint took before the bulletin left force will not be taken any more
  const ended = endedReasons[bulletin.status];
  if (ended) {
    for (const row of rows.values()) {
      if (row.state === "waiting" && (row.channel === "display" || row.channel === "radio")) {
        row.state = "cancelled";
        addReason(row, ended);
      }
    }
  }

  const order = (row: DeliveryRow) => [channels.indexOf(row.channel), row.endpoint, row.language ? languages.indexOf(row.language) : -1] as const;
  const sorted = [...rows.values()].sort((a, b) => {
    const [ca, ea, la] = order(a);
    const [cb, eb, lb] = order(b);
    return ca - cb || ea.localeCompare(eb) || la - lb;
  });
  return { bulletinId, status: bulletin.status, rows: sorted, events: log.reduce((total, entry) => total + entry.rows, 0) };
};
