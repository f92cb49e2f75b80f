// Locale formatting for every channel: dates, times, ranges and numbers in vi, lo, en and km, always 24-hour, in
// Vietnam's time zone unless told otherwise, with Western digits unless native digits are asked for.
//
// Why Western digits by default: Lao (໐-໙) and Khmer (០-៩) digits are outside GSM-7 and cost UCS-2 in an SMS anyway,
// but Western digits are what gate signs, timetables and phones' keypads show on both sides of the border, and what
// a reader from the other side of the gate can read; a bulletin that wants native digits asks for them.
//
// Every output here comes from ICU (Node 20 with full ICU). ICU inserts characters that are invisible or look like
// ASCII but are not (see `icuSpecialCharacters`); the SMS normaliser maps them away when the message can be GSM-7.
import type { Language } from "../domain/index.ts";

export type { Language };

/**
 * BCP 47 locale per language. English is "en-GB", not "en": "en" resolves to en-US, which writes month first
 * ("12/01/2026" for 1 December), the opposite of the vi, lo and km readers next to it; en-GB writes "01/12/2026" and
 * "1 December 2026", like the other three.
 */
export const localeOf = {
  vi: "vi-VN",
  lo: "lo-LA",
  en: "en-GB",
  km: "km-KH",
} as const satisfies Record<Language, string>;

/** Vietnam, Laos and Cambodia all keep UTC+7 all year, so one zone fits every province served. */
export const defaultTimeZone = "Asia/Ho_Chi_Minh";

/** Native numbering systems, used only with `nativeDigits: true`; Vietnamese and English have none but Western. */
const nativeNumberingSystem: Partial<Record<Language, string>> = { lo: "laoo", km: "khmr" };

export type FormatOptions = {
  /** IANA time zone; default Asia/Ho_Chi_Minh. An unknown zone throws a RangeError. */
  timeZone?: string;
  /** Lao digits for lo, Khmer digits for km; ignored for vi and en. Default false (Western digits). */
  nativeDigits?: boolean;
};

export type DateStyle = "short" | "long";

export type DateFormatOptions = FormatOptions & {
  /** short: digits, day first ("01/12/2026"); long: day, month name, year ("1 December 2026"). Default short. */
  style?: DateStyle;
};

export type NumberFormatOptions = Pick<FormatOptions, "nativeDigits"> & {
  minimumFractionDigits?: number;
  maximumFractionDigits?: number;
};

export type DateValue = Date | number;

/**
 * Special characters ICU puts in these outputs, by code point. Found by printing dates, times, ranges and numbers
 * for all four locales with ICU 78 (Node 20): ranges use an en dash, in vi and en with thin spaces around it; the
 * Khmer long date-time puts a zero-width space inside "នៅ​ម៉ោង" ("at hour"); compact and currency numbers use a
 * no-break space. The others are listed because other ICU/CLDR versions and browsers (the admin preview) emit them:
 * CLDR 42-based ICU put a narrow no-break space before AM/PM and in some ranges, and bidi marks appear in mixed-script
 * output. None of them is in GSM-7.
 */
export const icuSpecialCharacters = {
  enDash: "\u2013",
  thinSpace: "\u2009",
  zeroWidthSpace: "\u200B",
  noBreakSpace: "\u00A0",
  narrowNoBreakSpace: "\u202F",
  figureSpace: "\u2007",
  leftToRightMark: "\u200E",
  rightToLeftMark: "\u200F",
  wordJoiner: "\u2060",
} as const;

/** The spaces among `icuSpecialCharacters`, which the SMS normaliser maps to a plain space. */
export const icuSpaces = [
  icuSpecialCharacters.thinSpace,
  icuSpecialCharacters.noBreakSpace,
  icuSpecialCharacters.narrowNoBreakSpace,
  icuSpecialCharacters.figureSpace,
] as const;

/** The invisible characters among `icuSpecialCharacters`, which the SMS normaliser drops from a GSM-7 message. */
export const icuInvisibles = [
  icuSpecialCharacters.zeroWidthSpace,
  icuSpecialCharacters.leftToRightMark,
  icuSpecialCharacters.rightToLeftMark,
  icuSpecialCharacters.wordJoiner,
] as const;

// Formatters are expensive to construct (locale data lookup, pattern generation); keep one per locale and options.
// The key is built from a fixed list of fields, so two calls share a formatter only when every option is equal.
const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();
const numberFormatters = new Map<string, Intl.NumberFormat>();

const numberingSystemOf = (language: Language, nativeDigits: boolean | undefined) => (nativeDigits ? nativeNumberingSystem[language] : undefined);

type Fields = "date-short" | "date-long" | "time" | "datetime-short" | "datetime-long";

const fieldOptions: Record<Fields, Intl.DateTimeFormatOptions> = {
  "date-short": { day: "2-digit", month: "2-digit", year: "numeric" },
  "date-long": { day: "numeric", month: "long", year: "numeric" },
  // h23 rather than hour12: false, which some engines map to h24 ("24:00" at midnight); km defaults to 12-hour
  // ("6:30 PM"), so the hour cycle must always be explicit
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  "datetime-short": { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  "datetime-long": { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
};

/**
 * The cached formatter behind formatDate ("date-short", "date-long"), formatTime ("time") and formatDateTime
 * ("datetime-short", "datetime-long"), for callers that need formatToParts or formatRangeToParts.
 */
export const dateTimeFormatter = (language: Language, fields: Fields, options: FormatOptions = {}): Intl.DateTimeFormat => {
  const locale = localeOf[language];
  const timeZone = options.timeZone ?? defaultTimeZone;
  const numberingSystem = numberingSystemOf(language, options.nativeDigits);
  const key = `${locale}|${fields}|${timeZone}|${numberingSystem ?? ""}`;
  let formatter = dateTimeFormatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { ...fieldOptions[fields], timeZone, ...(numberingSystem && { numberingSystem }) });
    dateTimeFormatters.set(key, formatter);
  }
  return formatter;
};

/** The cached number formatter behind formatNumber. */
export const numberFormatter = (language: Language, options: NumberFormatOptions = {}): Intl.NumberFormat => {
  const locale = localeOf[language];
  const numberingSystem = numberingSystemOf(language, options.nativeDigits);
  const { minimumFractionDigits, maximumFractionDigits } = options;
  const key = `${locale}|${numberingSystem ?? ""}|${minimumFractionDigits ?? ""}|${maximumFractionDigits ?? ""}`;
  let formatter = numberFormatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
      ...(numberingSystem && { numberingSystem }),
      ...(minimumFractionDigits !== undefined && { minimumFractionDigits }),
      ...(maximumFractionDigits !== undefined && { maximumFractionDigits }),
    });
    numberFormatters.set(key, formatter);
  }
  return formatter;
};

/** A Date or epoch milliseconds, checked: an invalid date is a bug upstream and throws a RangeError here. */
const instant = (value: DateValue) => {
  const time = typeof value === "number" ? value : value.getTime();
  if (!Number.isFinite(time)) throw new RangeError("invalid date");
  return time;
};

const orderedRange = (from: DateValue, until: DateValue) => {
  const start = instant(from);
  const end = instant(until);
  // Intl formats a reversed range without complaint, which would print a window that ends before it starts
  if (end < start) throw new RangeError("range ends before it starts");
  return [start, end] as const;
};

/** "01/12/2026" (short) or "1 December 2026" / "1 tháng 12, 2026" / "1 ທັນວາ 2026" / "1 ធ្នូ 2026" (long). */
export const formatDate = (language: Language, value: DateValue, options: DateFormatOptions = {}) =>
  dateTimeFormatter(language, options.style === "long" ? "date-long" : "date-short", options).format(instant(value));

/** "06:00", "18:30": 24-hour in every language. */
export const formatTime = (language: Language, value: DateValue, options: FormatOptions = {}) =>
  dateTimeFormatter(language, "time", options).format(instant(value));

/** Date and time in the locale's own order: "01/12/2026, 18:30" in en, lo and km, "18:30 01/12/2026" in vi. */
export const formatDateTime = (language: Language, value: DateValue, options: DateFormatOptions = {}) =>
  dateTimeFormatter(language, options.style === "long" ? "datetime-long" : "datetime-short", options).format(instant(value));

const monthIsNamed = (parts: Intl.DateTimeFormatPart[]) => parts.some((part) => part.type === "month" && !/^\p{N}+$/u.test(part.value));

/**
 * A date range with the shared parts written once where the locale does that ("1 – 4 December 2026"), a single date
 * when both ends fall on the same day. Throws a RangeError when `until` is before `from`.
 *
 * ICU's interval patterns do not always keep the requested field widths: a short range drops the leading zeros in vi
 * and km ("1/12/2026 – 4/12/2026"), and CLDR has no Lao interval pattern with month names, so a long Lao range
 * would come out numeric ("1/12/2026 – 4/12/2026"). For that case the two long dates are joined with " – ".
 */
export const formatDateRange = (language: Language, range: { from: DateValue; until: DateValue }, options: DateFormatOptions = {}) => {
  const [start, end] = orderedRange(range.from, range.until);
  const formatter = dateTimeFormatter(language, options.style === "long" ? "date-long" : "date-short", options);
  if (options.style === "long" && !monthIsNamed(formatter.formatRangeToParts(start, end)) && monthIsNamed(formatter.formatToParts(start))) {
    return `${formatter.format(start)} ${icuSpecialCharacters.enDash} ${formatter.format(end)}`;
  }
  return formatter.formatRange(start, end);
};

/**
 * A time range: "06:00–22:00" within one day (km: "06:00 – 22:00"). When the range spans days ICU adds the dates
 * itself, in the locale's order, and its interval patterns drop leading zeros here and there: en
 * "01/12/2026, 18:30 – 04/12/2026, 06:00", vi "18:30 1/12/2026 – 06:00 4/12/2026", lo
 * "1/12/2026, 18:30 – 4/12/2026, 6:00" (still 24-hour), km "1/12/2026, 18:30 - 4/12/2026, 06:00" (ASCII hyphen).
 * Throws a RangeError when `until` is before `from`.
 */
export const formatTimeRange = (language: Language, range: { from: DateValue; until: DateValue }, options: FormatOptions = {}) => {
  const [start, end] = orderedRange(range.from, range.until);
  return dateTimeFormatter(language, "time", options).formatRange(start, end);
};

/** "1,234,567.891" (en, km), "1.234.567,891" (vi, lo); with native digits in km "១.២៣៤.៥៦៧,៨៩១" (CLDR's Khmer-digit separators). */
export const formatNumber = (language: Language, value: number | bigint, options: NumberFormatOptions = {}) => numberFormatter(language, options).format(value);
