// Assembles a report from the figures the database computes (src/db/queries/reports.ts): the same sections for
// actual bulletins (`figures`) and for test and exercise bulletins (`drills`). Every output format reads this shape.
import type { Db } from "../../db/client.ts";
import {
  reportBulletinCounts,
  reportBulletinLanguages,
  reportMessageCounts,
  reportMessageReasons,
  reportRadio,
  reportScreenPlays,
  reportScreenUptime,
  reportSpeed,
  type GroupedRow,
  type ReportScope,
} from "../../db/queries/reports.ts";
import { screenContactSlotMs } from "../../db/schema/index.ts";
import type { Channel, Urgency } from "../../domain/bulletin.ts";
import type { Language } from "../../domain/languages.ts";
import { reportSections, type Report, type ReportFigures, type ReportGrouping, type ReportPeriod, type ReportSection } from "../../domain/reports.ts";
import { silentAfterMs } from "../screen-reports.ts";

export type BuildReportOptions = {
  period: ReportPeriod;
  groupBy: ReportGrouping | null;
  now?: Date;
  /** called after each section of figures and of drills: done of total */
  onProgress?: (done: number, total: number) => void;
};

const countsOf = <T extends object>(row: GroupedRow<T>): T => {
  const { key: _key, label: _label, ...counts } = row;
  return counts as unknown as T;
};
const splitGroup = <T extends object>(row: GroupedRow<T>) => ({ group: { key: row.key, label: row.label }, ...countsOf(row) });

/** Totals are the ungrouped figures (a bulletin for two provinces counts once), not the sum of the groups. */
const withTotals = async <T extends object>(load: (grouping: ReportGrouping | null) => Promise<GroupedRow<T>[]>, groupBy: ReportGrouping | null, zero: T) => {
  const ungrouped = await load(null);
  const totals = ungrouped[0] ? countsOf(ungrouped[0]) : zero;
  // ungrouped, every section has its one row "all", zeros included
  if (!groupBy) return { totals, groups: [{ group: { key: "all", label: "all" }, ...totals }] };
  return { totals, groups: (await load(groupBy)).map(splitGroup) };
};

const zeroBulletins = { published: 0, corrected: 0, withdrawn: 0 };
const zeroMessages = { handedOver: 0, submitted: 0, delivered: 0, failed: 0, billedParts: 0, rejected: 0, cancelled: 0 };

type Sections = { [S in ReportSection]: (db: Db, scope: ReportScope, context: { groupBy: ReportGrouping | null; now: Date }) => Promise<ReportFigures[S]> };

const sections: Sections = {
  bulletins: async (db, scope, { groupBy }) => {
    const [counts, languages] = await Promise.all([
      withTotals((grouping) => reportBulletinCounts(db, scope, grouping), groupBy, zeroBulletins),
      reportBulletinLanguages(db, scope),
    ]);
    return {
      totals: counts.totals,
      bySourceLanguage: languages.bySource.map((row) => ({ language: row.language as Language, published: row.published })),
      byTargetLanguage: languages.byTarget.map((row) => ({ language: row.language as Language, published: row.published })),
      groups: counts.groups,
    };
  },
  messages: async (db, scope, { groupBy }) => {
    const [counts, reasons] = await Promise.all([
      withTotals((grouping) => reportMessageCounts(db, scope, grouping), groupBy, zeroMessages),
      reportMessageReasons(db, scope),
    ]);
    return { totals: counts.totals, groups: counts.groups, reasons };
  },
  screens: async (db, scope, { now }) => {
    const [plays, uptime] = await Promise.all([
      reportScreenPlays(db, scope),
      // uptime belongs to the screens, not to any bulletin: the drill section has none
      scope.drill ? Promise.resolve([]) : reportScreenUptime(db, { from: scope.from, to: scope.to, now, slotMs: screenContactSlotMs, silentAfterMs }),
    ]);
    return { plays: plays.map((row) => ({ ...row, language: row.language as Language })), uptime };
  },
  radio: async (db, scope) => (await reportRadio(db, scope)).map((row) => ({ ...row, language: row.language as Language })),
  speed: async (db, scope) => {
    const { byChannel, corrections } = await reportSpeed(db, scope);
    return { byChannel: byChannel.map((row) => ({ ...row, channel: row.channel as Channel, urgency: row.urgency as Urgency })), corrections };
  },
};

// The sections are independent queries: on PostgreSQL they run side by side on the pool's connections (PGlite
// takes them one after another); progress counts each one as it ends.
const buildFigures = async (db: Db, scope: ReportScope, context: { groupBy: ReportGrouping | null; now: Date }, progress: () => void) => {
  const figures = await Promise.all(
    reportSections.map(async (section) => {
      const figure = await sections[section](db, scope, context);
      progress();
      return [section, figure] as const;
    }),
  );
  return Object.fromEntries(figures) as ReportFigures;
};

/** The report for a period: the figures of actual bulletins, and the drills (test and exercise) apart. */
export const buildReport = async (db: Db, options: BuildReportOptions): Promise<Report> => {
  const now = options.now ?? new Date();
  const from = new Date(options.period.from);
  const to = new Date(options.period.to);
  const total = reportSections.length * 2;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);
  const context = { groupBy: options.groupBy, now };
  const [figures, drills] = await Promise.all([
    buildFigures(db, { from, to, drill: false }, context, progress),
    buildFigures(db, { from, to, drill: true }, context, progress),
  ]);
  return { period: options.period, generatedAt: now.toISOString(), groupBy: options.groupBy, figures, drills };
};
