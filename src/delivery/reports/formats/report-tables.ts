// The report as tables: every format (CSV, Excel, Word, the printable page) shows the same tables with the same
// columns, so what a figure is called and where it stands is decided once, here. Values stay typed (numbers,
// instants, yes/no); each format writes them its own way.
import { languages, type Report, type ReportFigures, type ReportSection } from "../../../domain/index.ts";
import { channelName, groupingName, groupLabel, languageName, reasonName, urgencyName, type ReportWords } from "./report-words.ts";

export const reportTableIds = ["bulletins", "languages", "messages", "reasons", "plays", "uptime", "radio", "speed"] as const;
export type ReportTableId = (typeof reportTableIds)[number];

/** integer and decimal are numbers; share is 0..1 (shown as a percentage); instant is an ISO 8601 string */
export type ColumnKind = "text" | "integer" | "decimal" | "share" | "instant" | "boolean";
export type ReportColumn = { key: string; header: string; kind: ColumnKind };
export type ReportCell = string | number | boolean | null;
export type ReportRow = Record<string, ReportCell>;

export type ReportTable = {
  id: ReportTableId;
  section: ReportSection;
  scope: "actual" | "drills";
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** the section's totals as the report gives them (areas roll up, so a total is not always the sum of its rows) */
  total?: ReportRow;
};

export const tableSections: Record<ReportTableId, ReportSection> = {
  bulletins: "bulletins",
  languages: "bulletins",
  messages: "messages",
  reasons: "messages",
  plays: "screens",
  uptime: "screens",
  radio: "radio",
  speed: "speed",
};

const integerColumns = (words: ReportWords, keys: string[]): ReportColumn[] => keys.map((key) => ({ key, header: words.t(`columns.${key}`), kind: "integer" }));

const bulletinKeys = ["published", "corrected", "withdrawn"] as const;
const messageKeys = ["handedOver", "submitted", "delivered", "failed", "billedParts", "rejected", "cancelled"] as const;

const pick = <K extends string>(source: Record<K, number>, keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, source[key]]));

/** The tables of one set of figures (the actual bulletins', or the drills'), in the order every format shows them. */
export const figureTables = (words: ReportWords, report: Report, scope: "actual" | "drills"): ReportTable[] => {
  const figures: ReportFigures = scope === "actual" ? report.figures : report.drills;
  const { t } = words;
  const grouped = report.groupBy !== null;
  const groupColumns: ReportColumn[] = [
    { key: "key", header: t("columns.key"), kind: "text" },
    { key: "group", header: groupingName(words, report.groupBy), kind: "text" },
  ];
  const totalRow = (values: Record<string, number>): ReportRow => ({ key: "total", group: t("columns.total"), ...values });
  const table = (id: ReportTableId, columns: ReportColumn[], rows: ReportRow[], total?: ReportRow): ReportTable => ({
    id,
    section: tableSections[id],
    scope,
    title: t(`tables.${id}`),
    columns,
    rows,
    ...(total ? { total } : {}),
  });

  const sourceCounts = new Map(figures.bulletins.bySourceLanguage.map((row) => [row.language as string, row.published]));
  const targetCounts = new Map(figures.bulletins.byTargetLanguage.map((row) => [row.language as string, row.published]));
  const languageCodes = [...new Set([...languages, ...sourceCounts.keys(), ...targetCounts.keys()])].filter(
    (code) => sourceCounts.has(code) || targetCounts.has(code),
  );

  return [
    table(
      "bulletins",
      [...groupColumns, ...integerColumns(words, [...bulletinKeys])],
      figures.bulletins.groups.map((row) => ({ key: row.group.key, group: groupLabel(words, report.groupBy, row.group), ...pick(row, bulletinKeys) })),
      grouped ? totalRow(pick(figures.bulletins.totals, bulletinKeys)) : undefined,
    ),
    table(
      "languages",
      [
        { key: "key", header: t("columns.key"), kind: "text" },
        { key: "language", header: t("columns.language"), kind: "text" },
        ...integerColumns(words, ["asSource", "asTarget"]),
      ],
      languageCodes.map((code) => ({
        key: code,
        language: languageName(words, code),
        asSource: sourceCounts.get(code) ?? 0,
        asTarget: targetCounts.get(code) ?? 0,
      })),
    ),
    table(
      "messages",
      [...groupColumns, ...integerColumns(words, [...messageKeys])],
      figures.messages.groups.map((row) => ({ key: row.group.key, group: groupLabel(words, report.groupBy, row.group), ...pick(row, messageKeys) })),
      grouped ? totalRow(pick(figures.messages.totals, messageKeys)) : undefined,
    ),
    table(
      "reasons",
      [
        { key: "key", header: t("columns.key"), kind: "text" },
        { key: "reason", header: t("columns.reason"), kind: "text" },
        ...integerColumns(words, ["rejected", "cancelled"]),
      ],
      figures.messages.reasons.map((row) => ({ key: row.reason, reason: reasonName(words, row.reason), rejected: row.rejected, cancelled: row.cancelled })),
    ),
    table(
      "plays",
      [
        { key: "key", header: t("columns.key"), kind: "text" },
        { key: "screen", header: t("columns.screen"), kind: "text" },
        { key: "gate", header: t("columns.gate"), kind: "text" },
        { key: "bulletin", header: t("columns.bulletin"), kind: "text" },
        { key: "language", header: t("columns.language"), kind: "text" },
        ...integerColumns(words, ["plays", "playedSec"]),
      ],
      figures.screens.plays.map((row) => ({
        key: row.gateCode,
        screen: row.screen,
        gate: row.gate,
        bulletin: row.headline,
        language: languageName(words, row.language),
        plays: row.plays,
        playedSec: row.playedSec,
      })),
    ),
    table(
      "uptime",
      [
        { key: "key", header: t("columns.key"), kind: "text" },
        { key: "screen", header: t("columns.screen"), kind: "text" },
        { key: "gate", header: t("columns.gate"), kind: "text" },
        { key: "heardShare", header: t("columns.heardShare"), kind: "share" },
        { key: "lastContact", header: t("columns.lastContact"), kind: "instant" },
        { key: "silentTooLong", header: t("columns.silentTooLong"), kind: "boolean" },
      ],
      figures.screens.uptime.map((row) => ({
        key: row.gateCode,
        screen: row.screen,
        gate: row.gate,
        heardShare: row.heardShare,
        lastContact: row.lastContact,
        silentTooLong: row.silentTooLong,
      })),
    ),
    table(
      "radio",
      [
        { key: "key", header: t("columns.key"), kind: "text" },
        { key: "station", header: t("columns.station"), kind: "text" },
        { key: "area", header: t("columns.area"), kind: "text" },
        { key: "language", header: t("columns.language"), kind: "text" },
        ...integerColumns(words, ["fetched", "aired"]),
        { key: "airedMinutes", header: t("columns.airedMinutes"), kind: "decimal" },
      ],
      figures.radio.map((row) => ({
        key: row.areaCode,
        station: row.station,
        area: row.area,
        language: languageName(words, row.language),
        fetched: row.fetched,
        aired: row.aired,
        airedMinutes: row.airedMinutes,
      })),
    ),
    table(
      "speed",
      [
        { key: "key", header: t("columns.key"), kind: "text" },
        { key: "channel", header: t("columns.channel"), kind: "text" },
        { key: "urgency", header: t("columns.urgency"), kind: "text" },
        { key: "count", header: t("columns.count"), kind: "integer" },
        { key: "medianSec", header: t("columns.medianSec"), kind: "decimal" },
        { key: "p95Sec", header: t("columns.p95Sec"), kind: "decimal" },
      ],
      [
        ...figures.speed.byChannel.map((row) => ({
          key: `${row.channel}/${row.urgency}`,
          channel: channelName(words, row.channel),
          urgency: urgencyName(words, row.urgency),
          count: row.count,
          medianSec: row.medianSec,
          p95Sec: row.p95Sec,
        })),
        {
          key: "corrections",
          channel: t("columns.corrections"),
          urgency: null,
          count: figures.speed.corrections.count,
          medianSec: figures.speed.corrections.medianSec,
          p95Sec: figures.speed.corrections.p95Sec,
        },
      ],
    ),
  ];
};

/** Every table of the report: the actual bulletins' first, then the drills'. */
export const reportTables = (words: ReportWords, report: Report): ReportTable[] => [
  ...figureTables(words, report, "actual"),
  ...figureTables(words, report, "drills"),
];

/** A value as a person reads it in a document: 1.234 (vi) / 1,234 (en), 95,8 %, 05/02/2026 14:30, Có / Yes. */
export const displayCell = (words: ReportWords, kind: ColumnKind, value: ReportCell): string => {
  if (value === null || value === undefined) return "–";
  if (kind === "integer" && typeof value === "number") return words.number(value);
  if (kind === "decimal" && typeof value === "number") return words.number(value, Number.isInteger(value) ? 0 : 1);
  if (kind === "share" && typeof value === "number") return `${words.number(value * 100, 1)} %`;
  if (kind === "instant" && typeof value === "string") return words.dateTime(value);
  if (kind === "boolean") return words.t(value ? "columns.yes" : "columns.no");
  return String(value);
};

/** Whether a column is figures (right-aligned in documents). */
export const isNumeric = (kind: ColumnKind) => kind === "integer" || kind === "decimal" || kind === "share";
