// The words every report format shares: labels of groups, channels and languages, the period as the title says it,
// the place-and-date line, and numbers and dates written for the reader (Vietnamese 1.234, English 1,234).
import type { TFunction } from "i18next";
import { categories, channels, isDeliveryReason, languages, reportTimeZone, urgencies, type Report, type ReportGrouping } from "../../../domain/index.ts";
import { fixedT } from "../../../localize/i18n.ts";
import { formatDate, formatDateTime, formatNumber } from "../../../localize/format-locale.ts";

export const reportLanguages = ["vi", "en"] as const;
export type ReportLanguage = (typeof reportLanguages)[number];

export type ReportWords = {
  language: ReportLanguage;
  /** the reports namespace */
  t: TFunction;
  /** languages and urgencies, as the console names them */
  console: TFunction;
  number: (value: number, fractionDigits?: number) => string;
  /** "05/02/2026" in the province's time zone */
  date: (iso: string | number) => string;
  /** "05/02/2026 14:30" (vi) or "05/02/2026, 14:30" (en) in the province's time zone */
  dateTime: (iso: string | number) => string;
};

export const reportWords = (language: ReportLanguage): ReportWords => ({
  language,
  t: fixedT(language, "reports"),
  console: fixedT(language, "console"),
  number: (value, fractionDigits = 0) => formatNumber(language, value, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
  date: (iso) => formatDate(language, typeof iso === "number" ? iso : Date.parse(iso), { timeZone: reportTimeZone }),
  dateTime: (iso) => formatDateTime(language, typeof iso === "number" ? iso : Date.parse(iso), { timeZone: reportTimeZone }),
});

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export const languageName = (words: ReportWords, code: string) => (isOneOf(languages, code) ? words.console(`languages.${code}`) : code);
export const channelName = (words: ReportWords, code: string) => (isOneOf(channels, code) ? words.t(`channels.${code}`) : code);
export const urgencyName = (words: ReportWords, code: string) => (isOneOf(urgencies, code) ? words.console(`urgencies.${code}`) : code);
export const categoryName = (words: ReportWords, code: string) => (isOneOf(categories, code) ? words.t(`categories.${code}`) : code);
/** A delivery reason code in words, as the console says it ("Bản tin đã thu hồi"); a code a partner made up stays
 *  the code it sent, named as one ("Mã number_blocked"). */
export const reasonName = (words: ReportWords, code: string) =>
  isDeliveryReason(code) ? words.console(`delivery.reasons.${code}`) : words.console("delivery.reasons.other", { code });

/** A group as people call it: enum groups (channel, language, category, urgency) in the report's language, places
 *  and endpoints by the label the report carries, the one group of an ungrouped report as "All", and the rows
 *  without a group of that kind (the model's key "none", e.g. a bulletin for no gate when grouped by gate) as "Other". */
export const groupLabel = (words: ReportWords, groupBy: ReportGrouping | null, group: { key: string; label: string }) => {
  if (groupBy === null || group.key === "all") return words.t("columns.all");
  if (group.key === "none") return words.t("columns.none");
  if (groupBy === "channel") return channelName(words, group.key);
  if (groupBy === "language") return languageName(words, group.key);
  if (groupBy === "urgency") return urgencyName(words, group.key);
  if (groupBy === "category") return categoryName(words, group.key);
  return group.label;
};

export const groupingName = (words: ReportWords, groupBy: ReportGrouping | null) => words.t(`groupings.${groupBy ?? "none"}`);

const romanQuarters = ["I", "II", "III", "IV"];

/** The province's calendar date of an instant: { year, month (1-12), day }. UTC+7 all year, no daylight saving. */
export const provinceDate = (iso: string | number) => {
  const shifted = new Date((typeof iso === "number" ? iso : Date.parse(iso)) + 7 * 3_600_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
};

/** The first and last day of the period, as dates ("15/12/2025", "14/06/2026"): `to` is exclusive. */
export const periodDays = (words: ReportWords, period: Report["period"]) => ({
  from: words.date(period.from),
  to: words.date(Math.max(Date.parse(period.from), Date.parse(period.to) - 1)),
});

const monthName = (words: ReportWords, month: number) =>
  words.language === "en" ? new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1)) : String(month);

/** The period as the title says it: "6 tháng đầu năm 2026", "in the first half of 2026", "quý II năm 2026", or the
 *  days it runs ("từ ngày 01/01/2026 đến ngày 31/01/2026") when it is no preset. */
export const periodPhrase = (words: ReportWords, period: Report["period"]) => {
  const preset = period.preset;
  const { t } = words;
  if (preset?.kind === "year") return t("periods.year", { year: preset.year });
  if (preset?.kind === "half-year" && (preset.index === 1 || preset.index === 2)) return t(`periods.halfYear${preset.index}`, { year: preset.year });
  if (preset?.kind === "quarter" && preset.index !== undefined && preset.index >= 1 && preset.index <= 4) {
    return t("periods.quarter", { quarter: words.language === "vi" ? romanQuarters[preset.index - 1] : preset.index, year: preset.year });
  }
  if (preset?.kind === "month" && preset.index !== undefined && preset.index >= 1 && preset.index <= 12) {
    return t("periods.month", { month: monthName(words, preset.index), year: preset.year });
  }
  return t("periods.range", periodDays(words, period));
};

/** "Hà Tĩnh, ngày 05 tháng 02 năm 2026" (Decree 30/2020: days below 10 and the months 1 and 2 take a leading zero),
 *  "Ha Tinh, 5 February 2026" in English; the date is the day the report was made, in the province. */
export const placeDateLine = (words: ReportWords, place: string, at: string) => {
  const { year, month, day } = provinceDate(at);
  if (words.language === "vi") {
    return words.t("document.placeDate", { place, day: String(day).padStart(2, "0"), month: month < 3 ? String(month).padStart(2, "0") : String(month), year });
  }
  return words.t("document.placeDate", { place, day, month: monthName(words, month), year });
};

/** A file name without spaces or diacritics: bantin-report-2026-half-year-1.docx, bantin-report-2026-01-01-2026-01-31.csv. */
export const reportFileName = (report: Report, extension: string) => {
  const preset = report.period.preset;
  const iso = (ms: number) => {
    const { year, month, day } = provinceDate(ms);
    return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  };
  const span = preset
    ? [preset.year, preset.kind, ...(preset.index === undefined ? [] : [preset.index])].join("-")
    : `${iso(Date.parse(report.period.from))}-${iso(Math.max(Date.parse(report.period.from), Date.parse(report.period.to) - 1))}`;
  return `bantin-report-${span}${report.groupBy ? `-by-${report.groupBy}` : ""}.${extension}`;
};
