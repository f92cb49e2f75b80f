// The words of a report: its periods, what it can be grouped by, and the shape of its figures. The report is computed
// in the database (src/db/queries/reports.ts), assembled by src/delivery/reports/, and written out as JSON, CSV,
// Excel, Word or a printable page; every format reads this one shape.
import type { Channel, Urgency } from "./bulletin.ts";
import type { Language } from "./languages.ts";

/** The province's time zone: periods start and end at its midnights. */
export const reportTimeZone = "Asia/Ho_Chi_Minh";

/** month and quarter are calendar periods; half-year and year follow the reporting cut-off days (Decree
 *  09/2019/ND-CP, art. 12: figures from the cut-off day of the previous period up to the day before this one's). */
export const reportPresets = ["month", "quarter", "half-year", "year"] as const;
export type ReportPreset = (typeof reportPresets)[number];

/** A reporting cut-off day (15/6): a reporting period ends the day before it, the next starts on it. */
export type ReportCutoff = { day: number; month: number };
/** The cut-off days of Decree 09/2019/ND-CP, art. 12, unless REPORT_CUTOFFS says otherwise. */
export const defaultReportCutoffs: readonly ReportCutoff[] = [
  { day: 15, month: 6 },
  { day: 15, month: 12 },
];

/** What the rows of a report can be grouped by. Areas roll up the gazetteer: a commune counts for its district and
 *  its province; a gate is its own group. `endpoint` is the partner, screen or station. */
export const reportGroupings = ["province", "district", "gate", "channel", "language", "category", "urgency", "endpoint"] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

/** The report's sections, in the order every format shows them. */
export const reportSections = ["bulletins", "messages", "screens", "radio", "speed"] as const;
export type ReportSection = (typeof reportSections)[number];

export type ReportPeriod = {
  /** inclusive, ISO 8601 with the province's offset (2025-12-15T00:00:00+07:00) */
  from: string;
  /** exclusive */
  to: string;
  timeZone: typeof reportTimeZone;
  /** set when the period is a preset: which one, for which year, and which month (1-12), quarter (1-4) or half (1-2) */
  preset?: { kind: ReportPreset; year: number; index?: number };
};

/** A row's group: a stable key (place code, channel, language, category, urgency or endpoint id) and what people
 *  call it (a place's Vietnamese name, a partner's, screen's or station's name; otherwise the key). Without grouping
 *  every section has one row with key "all"; grouped by an area kind, a bulletin or message without a place of that
 *  kind (a province-wide bulletin, grouped by gate) is in the group "none". Rows are ordered by key. */
export type ReportGroup = { key: string; label: string };

export type BulletinCounts = {
  /** bulletins whose (first) publication falls in the period */
  published: number;
  /** corrections published in the period (a new version superseding a published one) */
  corrected: number;
  /** bulletins withdrawn in the period */
  withdrawn: number;
};

export type MessageCounts = {
  /** SMS and voice messages handed over: claimed by their partner at least once in the period */
  handedOver: number;
  /** the partners' reports (one per message however often it is sent): recipients submitted, delivered, failed */
  submitted: number;
  delivered: number;
  failed: number;
  /** SMS parts x delivered: what the operators bill */
  billedParts: number;
  /** messages the partner rejected, and messages cancelled (withdrawn or superseded) */
  rejected: number;
  cancelled: number;
};

/** Time from approval to the first hand-over, in seconds; null when nothing was handed over. */
export type SpeedFigures = { count: number; medianSec: number | null; p95Sec: number | null };

export type ReportFigures = {
  bulletins: {
    totals: BulletinCounts;
    bySourceLanguage: { language: Language; published: number }[];
    byTargetLanguage: { language: Language; published: number }[];
    groups: ({ group: ReportGroup } & BulletinCounts)[];
  };
  messages: {
    totals: MessageCounts;
    groups: ({ group: ReportGroup } & MessageCounts)[];
    /** rejected and cancelled messages by reason code */
    reasons: { reason: string; rejected: number; cancelled: number }[];
  };
  screens: {
    /** per screen, item (bulletin) and language; plays count when they were played, however late they were reported */
    plays: {
      screenId: string;
      screen: string;
      gate: string;
      gateCode: string;
      bulletinId: string;
      headline: string;
      language: Language;
      plays: number;
      playedSec: number;
    }[];
    /** per screen: the share of the period it was heard from (heartbeats, feed fetches, plays), 0..1 */
    uptime: { screenId: string; screen: string; gate: string; gateCode: string; heardShare: number; lastContact: string | null; silentTooLong: boolean }[];
  };
  /** per station and language; a station is coded by the area it serves (areaCode), named by the area's Vietnamese name */
  radio: { stationId: string; station: string; area: string; areaCode: string; language: Language; fetched: number; aired: number; airedMinutes: number }[];
  speed: {
    /** per channel and urgency (SMS and voice: first claim; display: first feed serve or play; radio: first fetch) */
    byChannel: ({ channel: Channel; urgency: Urgency } & SpeedFigures)[];
    /** corrections of false information (category "correction", and new versions of published bulletins) */
    corrections: SpeedFigures;
  };
};

export type Report = {
  period: ReportPeriod;
  generatedAt: string;
  groupBy: ReportGrouping | null;
  /** actual bulletins only */
  figures: ReportFigures;
  /** test and exercise bulletins: left out of `figures`, reported here (screens' uptime belongs to no bulletin: empty) */
  drills: ReportFigures;
};
