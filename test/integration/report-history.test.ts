// Every figure of the report against a count made here. A seeded random history is made through the real code
// paths (the API, the partners', screens' and station's contracts, the workers) with a clock the test moves:
// bulletins in both provinces (some test and exercise), corrections, withdrawals, SMS claimed and acknowledged with
// counts (some rejected with a reason, some acknowledged twice), messages cancelled by a withdrawal or a correction,
// feeds served, plays (some reported late, some sent twice), heartbeats, radio fetches and airings (late, twice).
// The test keeps its own account of what it did and saw, and checks the report of the first half-year of 2026
// (15/12/2025-14/6/2026) against it, grouped every way.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/delivery/reports/build-report.ts";
import { resolveReportPeriod } from "../../src/delivery/reports/periods.ts";
import { reportGroupings, type Report, type ReportFigures, type ReportGrouping } from "../../src/domain/reports.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

/** mulberry32: a small seeded generator, so the history is the same on every run */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const places = JSON.parse(readFileSync(new URL("../../src/localize/gazetteer/places.json", import.meta.url), "utf8")) as {
  code: string;
  kind: string;
  parentCode: string | null;
  names: { vi: string };
}[];
const placeByCode = new Map(places.map((place) => [place.code, place]));
/** the place of that kind the code lies in (or is) */
const placeOfKind = (code: string, kind: string): string | undefined => {
  for (let place = placeByCode.get(code); place; place = place.parentCode ? placeByCode.get(place.parentCode) : undefined)
    if (place.kind === kind) return place.code;
  return undefined;
};

const minute = 60_000;
/** the demo's screens and their gates */
const gates = new Map<string, string>([
  ["Cầu Treo gate screen", "VN-HT-CAUTREO"],
  ["Mộc Bài gate screen", "VN-TN-MOCBAI"],
  ["Xa Mát gate LED panel", "VN-TN-XAMAT"],
]);
/** the demo's radio station serves this district */
const stationArea = "VN-HT-HUONGSON";
const slotMs = 5 * minute;
const period = resolveReportPeriod({ preset: "half-year", year: 2026, index: 1 });
const periodFrom = new Date(period.from).getTime();
const periodTo = new Date(period.to).getTime();
const inPeriod = (ms: number | undefined) => ms !== undefined && ms >= periodFrom && ms < periodTo;

type BulletinModel = {
  id: string;
  drill: boolean;
  areas: string[];
  targetLanguages: string[];
  sourceLanguage: string;
  channels: string[];
  urgency: string;
  category: string;
  correction: boolean;
  approvedAt: number;
  publishedAt: number;
  withdrawnAt?: number;
};
type MessageModel = {
  id: string;
  bulletinId: string;
  partnerId: string;
  kind: string;
  language: string;
  areas: string[];
  parts: number;
  claims: number[];
  report?: { at: number; status: string; submitted: number; delivered: number; failed: number; reason?: string };
};
type Cancellation = { bulletinId: string; at: number; reason: string; count: number };

const percentile = (values: number[], fraction: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
};

/** numbers rounded, so that sums of seconds compare whatever the database's float arithmetic */
const rounded = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_key, item) => (typeof item === "number" ? Math.round(item * 1e6) / 1e6 : item)));

describe.each(backends)("the report of a seeded history on $name", (backend) => {
  let pipeline: TestPipeline;
  let clock = Date.parse("2025-12-01T02:00:00Z");
  const screensCreatedAt = clock;
  const random = seeded(13_2026);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

  const bulletins = new Map<string, BulletinModel>();
  const messages = new Map<string, MessageModel>();
  const cancellations: Cancellation[] = [];
  /** screen id -> item id -> first served; plays logged (screen, item, start) -> play */
  const served = new Map<string, Map<string, { at: number; bulletinId: string; language: string }>>();
  const plays = new Map<string, { screenId: string; bulletinId: string; language: string; startedAt: number; durationSec: number }>();
  const pendingPlays = new Map<string, { itemId: string; startedAt: string; durationSec: number }[]>();
  /** every time a screen called (heartbeat, feed, plays): its uptime */
  const contacts = new Map<string, number[]>();
  const fetched = new Map<string, { at: number; bulletinId: string; language: string; readingSec: number }>();
  const aired = new Map<string, number>();
  const pendingAirings: { scriptId: string; airedAt: string }[] = [];
  let radioCursor: string | undefined;
  const headlines = new Map<string, string>();
  let users: Record<string, string> = {};

  const login = async () => {
    users = {};
    for (const user of pipeline.credentials.users) {
      users[user.username] = (await pipeline.request("POST", "/api/v1/auth/login", { body: { username: user.username, password: user.password } })).json.token;
    }
  };
  const call = async (method: string, path: string, options: { token?: string; body?: unknown } = {}, expected = [200, 201]) => {
    const response = await pipeline.request(method, path, options);
    if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.json;
  };

  const screenCall = async (screen: { id: string; token: string }, method: string, path: string, body?: unknown) => {
    contacts.set(screen.id, [...(contacts.get(screen.id) ?? []), clock]);
    return pipeline.request(method, path, { token: screen.token, body });
  };

  const heartbeat = async (screen: { id: string; token: string }) => {
    const response = await screenCall(screen, "POST", "/screen/v1/heartbeat", { playerVersion: "report-test/1" });
    expect(response.status).toBe(200);
  };

  /** a feed fetch, with a heartbeat at the same moment (the feed alone touches a screen at most every 30 s) */
  const fetchFeed = async (screen: { id: string; token: string }, wanted?: string) => {
    for (let attempt = 0; ; attempt++) {
      await heartbeat(screen);
      const response = await screenCall(screen, "GET", "/screen/v1/feed");
      expect(response.status).toBe(200);
      const seen = served.get(screen.id) ?? new Map();
      served.set(screen.id, seen);
      for (const item of response.json.items as { id: string; bulletinId: string; language: string; headline: string }[]) {
        if (!seen.has(item.id)) seen.set(item.id, { at: clock, bulletinId: item.bulletinId, language: item.language });
      }
      if (!wanted || response.json.items.some((item: { bulletinId: string }) => item.bulletinId === wanted) || attempt > 10)
        return response.json.items as { id: string; bulletinId: string }[];
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  };

  const postPlays = async (screen: { id: string; token: string }, batch: { itemId: string; startedAt: string; durationSec: number }[]) => {
    const response = await screenCall(screen, "POST", "/screen/v1/plays", { plays: batch });
    expect(response.status).toBe(200);
    for (const play of batch) {
      const item = served.get(screen.id)!.get(play.itemId)!;
      const key = `${screen.id}:${play.itemId}:${play.startedAt}`;
      if (!plays.has(key))
        plays.set(key, {
          screenId: screen.id,
          bulletinId: item.bulletinId,
          language: item.language,
          startedAt: Date.parse(play.startedAt),
          durationSec: play.durationSec,
        });
    }
  };

  const fetchScripts = async (wanted?: string) => {
    const station = pipeline.credentials.stations[0]!;
    for (let attempt = 0; ; attempt++) {
      const response = await call("GET", `/radio/v1/scripts${radioCursor ? `?after=${radioCursor}` : ""}`, { token: station.token });
      radioCursor = response.cursor;
      for (const script of response.scripts as { id: string; bulletinId: string; language: string; readingSec: number }[]) {
        if (!fetched.has(script.id))
          fetched.set(script.id, { at: clock, bulletinId: script.bulletinId, language: script.language, readingSec: script.readingSec });
      }
      if (!wanted || [...fetched.values()].some((script) => script.bulletinId === wanted) || attempt > 10) return;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  };

  const postAiring = async (airing: { scriptId: string; airedAt: string }) => {
    const station = pipeline.credentials.stations[0]!;
    const result = await call("POST", `/radio/v1/scripts/${airing.scriptId}/aired`, { token: station.token, body: { airedAt: airing.airedAt } });
    if (!aired.has(airing.scriptId)) {
      expect(result.counted).toBe(true);
      aired.set(airing.scriptId, Date.parse(airing.airedAt));
    } else expect(result.counted).toBe(false);
  };

  /** Each partner claims what is waiting; a message is acknowledged (sent or rejected, sometimes twice) unless it is
   *  kept for a cancellation. */
  const claimAndAcknowledge = async (options: { keepUnacknowledged: boolean }) => {
    for (const partner of pipeline.credentials.partners) {
      const claim = await call("POST", "/partner/v1/batches/claim", { token: partner.token, body: { max: 100 } });
      if (!claim.batch) continue;
      const results = [];
      for (const message of claim.batch.messages as { id: string; bulletinId: string; kind: string; language: string; areas: string[]; parts: number }[]) {
        const model = messages.get(message.id) ?? {
          id: message.id,
          bulletinId: message.bulletinId,
          partnerId: partner.id,
          kind: message.kind,
          language: message.language,
          areas: message.areas,
          parts: message.parts,
          claims: [],
        };
        model.claims.push(clock);
        messages.set(message.id, model);
        if (options.keepUnacknowledged) continue;
        const submitted = between(50, 5_000);
        const delivered = between(0, submitted);
        results.push(
          chance(0.8)
            ? { messageId: message.id, status: "sent" as const, submitted, delivered, failed: submitted - delivered }
            : { messageId: message.id, status: "rejected" as const, submitted: 0, delivered: 0, failed: 0, reason: pick(["no_coverage", "sender_blocked"]) },
        );
      }
      if (results.length === 0) continue;
      clock += between(1, 20) * minute;
      await call("POST", `/partner/v1/batches/${claim.batch.id}/ack`, { token: partner.token, body: { results } });
      for (const result of results) messages.get(result.messageId)!.report ??= { at: clock, ...result };
      // a repeated report, with other counts: logged, never counted
      const repeated = results.filter(() => chance(0.25)).map((result) => ({ ...result, submitted: result.submitted + 7, delivered: result.delivered + 7 }));
      if (repeated.length) await call("POST", `/partner/v1/batches/${claim.batch.id}/ack`, { token: partner.token, body: { results: repeated } });
    }
  };

  /** What the endpoints do after a publication: partners claim, screens fetch, play and report (now or later),
   *  the station fetches and airs (reports now or later). */
  const deliver = async (bulletin: BulletinModel, options: { keepUnacknowledged: boolean }) => {
    if (bulletin.channels.includes("sms")) {
      clock += between(1, 30) * minute;
      await claimAndAcknowledge(options);
    }
    if (bulletin.channels.includes("display")) {
      clock += between(1, 30) * minute;
      for (const screen of pipeline.credentials.screens) {
        const gate = gates.get(screen.name)!;
        const reaches = bulletin.areas.some((area) => placeOfKind(gate, placeByCode.get(area)!.kind) === area);
        const items = await fetchFeed(screen, reaches ? bulletin.id : undefined);
        const mine = items.filter((item) => item.bulletinId === bulletin.id);
        const batch = mine.flatMap((item) =>
          Array.from({ length: between(0, 3) }, (_, index) => ({
            itemId: item.id,
            startedAt: new Date(clock + (index + 1) * 2 * minute).toISOString(),
            durationSec: between(8, 30),
          })),
        );
        if (batch.length === 0) continue;
        if (chance(0.4)) pendingPlays.set(screen.id, [...(pendingPlays.get(screen.id) ?? []), ...batch]);
        else {
          clock += 10 * minute;
          await postPlays(screen, batch);
          if (chance(0.3)) await postPlays(screen, batch);
        }
      }
    }
    if (bulletin.channels.includes("radio")) {
      clock += between(1, 30) * minute;
      const reaches = bulletin.areas.some(
        (area) => placeOfKind(stationArea, placeByCode.get(area)!.kind) === area || placeOfKind(area, "district") === stationArea,
      );
      await fetchScripts(reaches ? bulletin.id : undefined);
      for (const [scriptId, script] of fetched) {
        if (script.bulletinId !== bulletin.id || !chance(0.75)) continue;
        const airing = { scriptId, airedAt: new Date(clock + between(5, 60) * minute).toISOString() };
        if (chance(0.4)) pendingAirings.push(airing);
        else {
          clock += 61 * minute;
          await postAiring(airing);
          if (chance(0.3)) await postAiring(airing);
        }
      }
    }
  };

  /** Late reports: the plays and airings held back are sent now, some twice. */
  const sendLateReports = async () => {
    // reported late: after the plays and airings happened (never "in the future")
    const latest = Math.max(
      0,
      ...[...pendingPlays.values()].flat().map((play) => Date.parse(play.startedAt)),
      ...pendingAirings.map((airing) => Date.parse(airing.airedAt)),
    );
    clock = Math.max(clock, latest + between(2, 60) * minute);
    for (const screen of pipeline.credentials.screens) {
      const batch = pendingPlays.get(screen.id) ?? [];
      pendingPlays.delete(screen.id);
      if (batch.length) {
        await postPlays(screen, batch);
        if (chance(0.5)) await postPlays(screen, batch);
      }
    }
    for (const airing of pendingAirings.splice(0)) {
      await postAiring(airing);
      if (chance(0.5)) await postAiring(airing);
    }
  };

  const waitPublished = async (id: string, editor: string) => {
    for (let attempt = 0; attempt < 1_000; attempt++) {
      const view = await call("GET", `/api/v1/bulletins/${id}`, { token: editor });
      if (view.status === "published") return view;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`bulletin ${id} was not published`);
  };

  const record = (
    view: {
      id: string;
      areas: string[];
      targetLanguages: string[];
      sourceLanguage: string;
      channels: string[];
      urgency: string;
      category: string;
      mode: string;
      texts: { language: string; headline: string }[];
    },
    correction: boolean,
  ): BulletinModel => {
    for (const text of view.texts) headlines.set(`${view.id}:${text.language}`, text.headline);
    const model: BulletinModel = {
      id: view.id,
      drill: view.mode !== "actual",
      areas: view.areas,
      targetLanguages: view.targetLanguages,
      sourceLanguage: view.sourceLanguage,
      channels: view.channels,
      urgency: view.urgency,
      category: view.category,
      correction,
      approvedAt: clock,
      publishedAt: clock,
    };
    bulletins.set(model.id, model);
    return model;
  };

  const areaChoices = [["VN-HT-CAUTREO"], ["VN-TN-MOCBAI"], ["VN-TN-XAMAT", "VN-TN-MOCBAI"], ["VN-HT"], ["VN-HT-HUONGSON", "VN-TN-XAMAT"], ["VN-TN"]];

  /** One bulletin's life at `at`: written, approved, published, delivered; then perhaps corrected or withdrawn. */
  const publishOne = async (at: number, step: number) => {
    // every third bulletin a drill on every channel, and corrections and withdrawals at fixed steps
    const drill = step % 3 === 1;
    clock = at;
    await login();
    const areas = pick(areaChoices);
    const gate =
      areas.map((area) => (placeByCode.get(area)!.kind === "gate" ? area : undefined)).find(Boolean) ??
      (areas[0]!.startsWith("VN-HT") ? "VN-HT-CAUTREO" : "VN-TN-MOCBAI");
    const channels = ["sms", "display", "radio"].filter(() => drill || chance(0.7));
    if (channels.length === 0) channels.push("sms");
    const created = await call("POST", "/api/v1/bulletins", {
      token: users.editor,
      body: {
        sourceLanguage: "vi",
        channels,
        urgency: pick(["routine", "routine", "urgent", "priority"]),
        mode: drill ? pick(["test", "exercise"]) : "actual",
        category: pick(["gate_closure", "weather", "health", "correction", "notice"]),
        areas,
        validUntil: new Date(clock + 400 * 86_400_000).toISOString(),
        template: { name: "gate-closure", fields: { gate, from: new Date(clock + 86_400_000).toISOString(), reason: "flooding" } },
      },
    });
    await call("POST", `/api/v1/bulletins/${created.id}/submit`, { token: users.editor });
    await call("POST", `/api/v1/bulletins/${created.id}/approve`, { token: users.approver });
    const bulletin = record(await waitPublished(created.id, users.editor!), false);
    const fate = step % 4 === 3 ? "corrected" : step % 5 === 4 ? "withdrawn" : "kept";
    await deliver(bulletin, { keepUnacknowledged: fate !== "kept" });
    if (fate === "withdrawn") {
      clock += between(1, 4) * minute;
      const withdrawn = await call("POST", `/api/v1/bulletins/${bulletin.id}/withdraw`, { token: users.approver, body: { reason: "the gate opened again" } });
      bulletin.withdrawnAt = clock;
      cancellations.push({ bulletinId: bulletin.id, at: clock, reason: "withdrawn", count: withdrawn.cancelledMessages });
    }
    if (fate === "corrected") {
      clock += between(1, 4) * minute;
      const correction = await call("POST", `/api/v1/bulletins/${bulletin.id}/correct`, { token: users.editor });
      await call("POST", `/api/v1/bulletins/${correction.id}/submit`, { token: users.editor });
      await call("POST", `/api/v1/bulletins/${correction.id}/approve`, { token: users.approver });
      const corrected = record(await waitPublished(correction.id, users.editor!), true);
      const waiting = [...messages.values()].filter((message) => message.bulletinId === bulletin.id && !message.report).length;
      cancellations.push({ bulletinId: bulletin.id, at: clock, reason: "superseded", count: waiting });
      await deliver(corrected, { keepUnacknowledged: false });
    }
    // screens call in between, some more than others
    for (const screen of pipeline.credentials.screens) {
      if (!chance(0.5)) continue;
      clock += between(1, 60) * minute;
      await heartbeat(screen);
    }
  };

  const reports: Partial<Record<ReportGrouping | "none", Report>> = {};
  let reportNow = 0;

  beforeAll(async () => {
    pipeline = await startPipeline(backend, { clock: () => new Date(clock) });
    // the history: 2025-12-05 (before the period) to 2026-06-25 (after it), with a bulletin just before each edge
    const times = [Date.parse("2025-12-05T03:00:00Z"), Date.parse("2025-12-14T15:00:00Z")];
    for (let day = Date.parse("2025-12-20T01:00:00Z"); day < Date.parse("2026-06-10T00:00:00Z"); day += between(28, 40) * 86_400_000)
      times.push(day + between(0, 600) * minute);
    times.push(Date.parse("2026-06-14T14:30:00Z"), Date.parse("2026-06-20T03:00:00Z"));
    for (const [step, at] of times.entries()) {
      await publishOne(Math.max(at, clock + minute), step);
      if (chance(0.5)) await sendLateReports();
    }
    // one screen called a minute before the period's end; the late reports come in after it
    clock = Math.max(clock, periodTo - 3 * minute);
    if (clock < periodTo) await heartbeat(pipeline.credentials.screens[0]!);
    clock = Math.max(clock, periodTo) + 2 * 86_400_000;
    await sendLateReports();
    reportNow = clock + 86_400_000;
    clock = reportNow;
    for (const grouping of [null, ...reportGroupings])
      reports[grouping ?? "none"] = await buildReport(pipeline.db, { period, groupBy: grouping, now: new Date(reportNow) });
  }, 600_000);
  afterAll(() => pipeline?.close());

  /** What the report must say, counted here from what the test did and saw. */
  const expected = (drill: boolean, grouping: ReportGrouping | null): ReportFigures => {
    const ours = [...bulletins.values()].filter((bulletin) => bulletin.drill === drill);
    const bulletinById = new Map(ours.map((bulletin) => [bulletin.id, bulletin]));
    const areaGroups = (areas: string[], kind: string) => {
      const keys = [...new Set(areas.map((area) => placeOfKind(area, kind)).filter((code): code is string => Boolean(code)))];
      return keys.length ? keys.map((key) => ({ key, label: placeByCode.get(key)!.names.vi })) : [{ key: "none", label: "none" }];
    };
    const screenNames = new Map(pipeline.credentials.screens.map((screen) => [screen.id, screen.name]));
    const partnerNames = new Map(pipeline.credentials.partners.map((partner) => [partner.id, partner.name]));
    const station = pipeline.credentials.stations[0]!;
    const bulletinGroups = (bulletin: BulletinModel): { key: string; label: string }[] => {
      switch (grouping) {
        case null:
          return [{ key: "all", label: "all" }];
        case "province":
        case "district":
        case "gate":
          return areaGroups(bulletin.areas, grouping);
        case "channel":
          return bulletin.channels.map((key) => ({ key, label: key }));
        case "language":
          return bulletin.targetLanguages.map((key) => ({ key, label: key }));
        case "category":
          return [{ key: bulletin.category, label: bulletin.category }];
        case "urgency":
          return [{ key: bulletin.urgency, label: bulletin.urgency }];
        case "endpoint": {
          const keys = new Map<string, string>();
          for (const message of messages.values()) if (message.bulletinId === bulletin.id) keys.set(message.partnerId, partnerNames.get(message.partnerId)!);
          for (const script of fetched.values()) if (script.bulletinId === bulletin.id) keys.set(station.id, station.name);
          for (const [screenId, items] of served)
            for (const item of items.values()) if (item.bulletinId === bulletin.id) keys.set(screenId, screenNames.get(screenId)!);
          return keys.size ? [...keys].map(([key, label]) => ({ key, label })) : [{ key: "none", label: "none" }];
        }
      }
    };
    const messageGroups = (message: MessageModel): { key: string; label: string }[] => {
      const bulletin = bulletinById.get(message.bulletinId)!;
      switch (grouping) {
        case "province":
        case "district":
        case "gate":
          return areaGroups(message.areas, grouping);
        case "channel":
          return [{ key: message.kind, label: message.kind }];
        case "language":
          return [{ key: message.language, label: message.language }];
        case "endpoint":
          return [{ key: message.partnerId, label: partnerNames.get(message.partnerId)! }];
        default:
          return bulletinGroups(bulletin);
      }
    };
    const add = <T extends Record<string, number>>(
      table: Map<string, { group: { key: string; label: string } } & T>,
      groups: { key: string; label: string }[],
      counts: T,
      zero: T,
    ) => {
      for (const group of groups) {
        const row = table.get(group.key) ?? { group, ...zero };
        for (const [name, value] of Object.entries(counts)) (row as Record<string, number>)[name]! += value;
        table.set(group.key, row);
      }
    };
    const sortedRows = <T extends { group: { key: string } }>(table: Map<string, T>) =>
      [...table.values()].sort((a, b) => (a.group.key < b.group.key ? -1 : 1));

    // bulletins
    const zeroBulletins = { published: 0, corrected: 0, withdrawn: 0 };
    const bulletinTable = new Map<string, { group: { key: string; label: string } } & typeof zeroBulletins>();
    const bulletinTotals = { ...zeroBulletins };
    for (const bulletin of ours) {
      const counts = {
        published: Number(!bulletin.correction && inPeriod(bulletin.publishedAt)),
        corrected: Number(bulletin.correction && inPeriod(bulletin.publishedAt)),
        withdrawn: Number(inPeriod(bulletin.withdrawnAt)),
      };
      if (!counts.published && !counts.corrected && !counts.withdrawn) continue;
      for (const name of Object.keys(counts) as (keyof typeof counts)[]) bulletinTotals[name] += counts[name];
      add(bulletinTable, bulletinGroups(bulletin), counts, zeroBulletins);
    }
    const firstPublished = ours.filter((bulletin) => !bulletin.correction && inPeriod(bulletin.publishedAt));
    const byLanguage = (languagesOf: (bulletin: BulletinModel) => string[]) => {
      const counts = new Map<string, number>();
      for (const bulletin of firstPublished) for (const language of languagesOf(bulletin)) counts.set(language, (counts.get(language) ?? 0) + 1);
      return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([language, published]) => ({ language, published }));
    };

    // messages
    const zeroMessages = { handedOver: 0, submitted: 0, delivered: 0, failed: 0, billedParts: 0, rejected: 0, cancelled: 0 };
    const messageTable = new Map<string, { group: { key: string; label: string } } & typeof zeroMessages>();
    const messageTotals = { ...zeroMessages };
    const cancelledIn = new Set(cancellations.filter((cancellation) => inPeriod(cancellation.at)).map((cancellation) => cancellation.bulletinId));
    const reasons = new Map<string, { reason: string; rejected: number; cancelled: number }>();
    for (const message of messages.values()) {
      if (!bulletinById.has(message.bulletinId)) continue;
      const report = message.report && inPeriod(message.report.at) ? message.report : undefined;
      const cancellation =
        !message.report && cancelledIn.has(message.bulletinId) ? cancellations.find((item) => item.bulletinId === message.bulletinId)! : undefined;
      const counts = {
        handedOver: Number(message.claims.some((claim) => inPeriod(claim))),
        submitted: report?.submitted ?? 0,
        delivered: report?.delivered ?? 0,
        failed: report?.failed ?? 0,
        billedParts: message.kind === "sms" ? (report?.delivered ?? 0) * message.parts : 0,
        rejected: Number(report?.status === "rejected"),
        cancelled: Number(Boolean(cancellation)),
      };
      if (!message.claims.some((claim) => inPeriod(claim)) && !report && !cancellation) continue;
      for (const name of Object.keys(counts) as (keyof typeof counts)[]) messageTotals[name] += counts[name];
      add(messageTable, messageGroups(message), counts, zeroMessages);
      for (const [reason, kind] of [
        [report?.status === "rejected" ? report.reason : undefined, "rejected"],
        [cancellation?.reason, "cancelled"],
      ] as const) {
        if (!reason) continue;
        const row = reasons.get(reason) ?? { reason, rejected: 0, cancelled: 0 };
        row[kind] += 1;
        reasons.set(reason, row);
      }
    }
    // every cancellation the API announced is a message the test saw claimed (none is cancelled before its claim)
    for (const cancellation of cancellations) {
      if (bulletinById.has(cancellation.bulletinId))
        expect(cancellation.count).toBe([...messages.values()].filter((message) => message.bulletinId === cancellation.bulletinId && !message.report).length);
    }

    // screens
    const playRows = new Map<string, ReportFigures["screens"]["plays"][number]>();
    for (const play of plays.values()) {
      if (!bulletinById.has(play.bulletinId) || !inPeriod(play.startedAt)) continue;
      const key = `${play.screenId}:${play.bulletinId}:${play.language}`;
      const name = screenNames.get(play.screenId)!;
      const row = playRows.get(key) ?? {
        screenId: play.screenId,
        screen: name,
        gate: placeByCode.get(gates.get(name)!)!.names.vi,
        gateCode: gates.get(name)!,
        bulletinId: play.bulletinId,
        headline: headlines.get(`${play.bulletinId}:${play.language}`)!,
        language: play.language as never,
        plays: 0,
        playedSec: 0,
      };
      row.plays += 1;
      row.playedSec += play.durationSec;
      playRows.set(key, row);
    }
    const stop = Math.min(periodTo, reportNow);
    const uptime = drill
      ? []
      : pipeline.credentials.screens
          .map((screen) => {
            const times = contacts.get(screen.id) ?? [];
            const start = Math.max(periodFrom, Math.floor(screensCreatedAt / slotMs) * slotMs);
            const slots = new Set(times.filter((time) => time >= start && time < stop).map((time) => Math.floor(time / slotMs)));
            const lastSeen = Math.max(...times);
            const before = times.filter((time) => time < periodTo);
            const lastContact =
              times.length === 0 ? null : lastSeen < periodTo ? lastSeen : before.length ? Math.floor(Math.max(...before) / slotMs) * slotMs : null;
            return {
              screenId: screen.id,
              screen: screen.name,
              gate: placeByCode.get(gates.get(screen.name)!)!.names.vi,
              gateCode: gates.get(screen.name)!,
              heardShare: slots.size / Math.ceil((stop - start) / slotMs),
              lastContact: lastContact === null ? null : new Date(lastContact).toISOString(),
              silentTooLong: lastContact === null || stop - lastContact > 5 * minute,
            };
          })
          .sort((a, b) => (a.screen < b.screen ? -1 : 1));

    // radio
    const radioRows = new Map<string, ReportFigures["radio"][number]>();
    const radioRow = (language: string) =>
      radioRows.get(language) ?? {
        stationId: station.id,
        station: station.name,
        area: placeByCode.get(stationArea)!.names.vi,
        areaCode: stationArea,
        language: language as never,
        fetched: 0,
        aired: 0,
        airedMinutes: 0,
      };
    for (const [scriptId, script] of fetched) {
      if (!bulletinById.has(script.bulletinId)) continue;
      if (inPeriod(script.at)) radioRows.set(script.language, { ...radioRow(script.language), fetched: radioRow(script.language).fetched + 1 });
      const airedAt = aired.get(scriptId);
      if (inPeriod(airedAt)) {
        const row = radioRow(script.language);
        radioRows.set(script.language, { ...row, aired: row.aired + 1, airedMinutes: row.airedMinutes + script.readingSec / 60 });
      }
    }

    // speed: approval to the first hand-over of each channel
    const firstHandOver = (bulletin: BulletinModel, channel: string) => {
      const times: number[] = [];
      if (channel === "sms")
        for (const message of messages.values()) if (message.bulletinId === bulletin.id && message.kind === "sms") times.push(...message.claims);
      if (channel === "display") {
        for (const items of served.values()) for (const item of items.values()) if (item.bulletinId === bulletin.id) times.push(item.at);
        for (const play of plays.values()) if (play.bulletinId === bulletin.id) times.push(play.startedAt);
      }
      if (channel === "radio") for (const script of fetched.values()) if (script.bulletinId === bulletin.id) times.push(script.at);
      return times.length ? Math.min(...times) : undefined;
    };
    const approved = ours.filter((bulletin) => inPeriod(bulletin.approvedAt));
    const speedRows = new Map<string, { channel: string; urgency: string; seconds: number[] }>();
    for (const bulletin of approved) {
      for (const channel of bulletin.channels) {
        const row = speedRows.get(`${channel}:${bulletin.urgency}`) ?? { channel, urgency: bulletin.urgency, seconds: [] };
        const first = firstHandOver(bulletin, channel);
        if (first !== undefined) row.seconds.push(Math.max(0, (first - bulletin.approvedAt) / 1000));
        speedRows.set(`${channel}:${bulletin.urgency}`, row);
      }
    }
    const correctionSeconds = approved
      .filter((bulletin) => bulletin.correction || bulletin.category === "correction")
      .flatMap((bulletin) => {
        const firsts = bulletin.channels.map((channel) => firstHandOver(bulletin, channel)).filter((time): time is number => time !== undefined);
        return firsts.length ? [Math.max(0, (Math.min(...firsts) - bulletin.approvedAt) / 1000)] : [];
      });
    const speedOf = (seconds: number[]) => ({ count: seconds.length, medianSec: percentile(seconds, 0.5), p95Sec: percentile(seconds, 0.95) });

    return {
      bulletins: {
        totals: bulletinTotals,
        bySourceLanguage: byLanguage((bulletin) => [bulletin.sourceLanguage]) as never,
        byTargetLanguage: byLanguage((bulletin) => bulletin.targetLanguages) as never,
        groups: grouping ? sortedRows(bulletinTable) : [{ group: { key: "all", label: "all" }, ...bulletinTotals }],
      },
      messages: {
        totals: messageTotals,
        groups: grouping ? sortedRows(messageTable) : [{ group: { key: "all", label: "all" }, ...messageTotals }],
        reasons: [...reasons.values()].sort((a, b) => (a.reason < b.reason ? -1 : 1)),
      },
      screens: {
        plays: [...playRows.values()].sort((a, b) =>
          a.screen !== b.screen
            ? a.screen < b.screen
              ? -1
              : 1
            : a.bulletinId !== b.bulletinId
              ? a.bulletinId < b.bulletinId
                ? -1
                : 1
              : a.language < b.language
                ? -1
                : 1,
        ),
        uptime,
      },
      radio: [...radioRows.values()].sort((a, b) => (a.language < b.language ? -1 : 1)),
      speed: {
        byChannel: [...speedRows.values()]
          .sort((a, b) => (a.channel !== b.channel ? (a.channel < b.channel ? -1 : 1) : a.urgency < b.urgency ? -1 : 1))
          .map((row) => ({ channel: row.channel as never, urgency: row.urgency as never, ...speedOf(row.seconds) })),
        corrections: speedOf(correctionSeconds),
      },
    };
  };

  it("made a history with something in every section, actual and drill", () => {
    const report = reports.none!;
    for (const figures of [report.figures, report.drills]) {
      expect(figures.bulletins.totals.published).toBeGreaterThan(0);
      expect(figures.messages.totals.handedOver).toBeGreaterThan(0);
      expect(figures.screens.plays.length).toBeGreaterThan(0);
      expect(figures.speed.byChannel.length).toBeGreaterThan(0);
    }
    expect(report.figures.bulletins.totals.corrected + report.drills.bulletins.totals.corrected).toBeGreaterThan(0);
    expect(report.figures.bulletins.totals.withdrawn + report.drills.bulletins.totals.withdrawn).toBeGreaterThan(0);
    expect(report.figures.messages.reasons.length).toBeGreaterThan(0);
    expect(report.figures.radio.length + report.drills.radio.length).toBeGreaterThan(0);
    expect(report.figures.screens.uptime.some((row) => row.heardShare > 0)).toBe(true);
    // late reports exist: plays and airings logged after the period's end that happened in it
    expect([...plays.values()].some((play) => inPeriod(play.startedAt))).toBe(true);
  });

  it("has every figure of actual bulletins as counted here", () => {
    const report = reports.none!;
    expect(rounded(report.figures)).toEqual(rounded(expected(false, null)));
    expect(report.period).toEqual(period);
    expect(report.generatedAt).toBe(new Date(reportNow).toISOString());
  });

  it("reports test and exercise bulletins apart, in drills", () => {
    expect(rounded(reports.none!.drills)).toEqual(rounded(expected(true, null)));
  });

  it.each(reportGroupings)("groups bulletins and messages by %s as counted here", (grouping) => {
    const report = reports[grouping]!;
    expect(report.groupBy).toBe(grouping);
    for (const drill of [false, true]) {
      const figures = drill ? report.drills : report.figures;
      const wanted = expected(drill, grouping);
      expect(figures.bulletins.groups, `bulletins ${drill ? "drills" : "figures"}`).toEqual(wanted.bulletins.groups);
      expect(figures.messages.groups, `messages ${drill ? "drills" : "figures"}`).toEqual(wanted.messages.groups);
      // the totals do not depend on the grouping
      expect(figures.bulletins.totals).toEqual(wanted.bulletins.totals);
      expect(figures.messages.totals).toEqual(wanted.messages.totals);
    }
  });
});
