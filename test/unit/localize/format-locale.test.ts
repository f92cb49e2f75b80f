import { describe, expect, it } from "vitest";
import {
  dateTimeFormatter,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatNumber,
  formatTime,
  formatTimeRange,
  icuInvisibles,
  icuSpaces,
  icuSpecialCharacters,
  localeOf,
  numberFormatter,
  type Language,
} from "../../../src/localize/format-locale.ts";

// 1 December 2026, 18:30 in Ho Chi Minh City (UTC+7)
const at = Date.UTC(2026, 11, 1, 11, 30);
// 4 December 2026, 06:00 in Ho Chi Minh City
const until = Date.UTC(2026, 11, 3, 23, 0);
// 2 December 2026, 06:00 and 22:00 in Ho Chi Minh City
const gateOpens = Date.UTC(2026, 11, 1, 23, 0);
const gateCloses = Date.UTC(2026, 11, 2, 15, 0);
// 5 January 2027, 09:00 in Ho Chi Minh City
const nextYear = Date.UTC(2027, 0, 5, 2, 0);

const { enDash: dash, thinSpace: thin, zeroWidthSpace: zwsp } = icuSpecialCharacters;

// Outputs of Node 20's ICU, checked by eye: day first everywhere, 24-hour everywhere, ICU's own word order per locale.
const expected: Record<Language, Record<string, string>> = {
  vi: {
    short: "01/12/2026",
    long: "1 tháng 12, 2026",
    time: "18:30",
    dateTime: "18:30 01/12/2026",
    dateTimeLong: "lúc 18:30 1 tháng 12, 2026",
    range: `1/12/2026${thin}${dash}${thin}4/12/2026`,
    rangeLong: `1${thin}${dash}${thin}4 tháng 12, 2026`,
    rangeLongYears: `1 tháng 12, 2026${thin}${dash}${thin}5 tháng 1, 2027`,
    timeRange: `06:00${dash}22:00`,
    timeRangeDays: `18:30 1/12/2026${thin}${dash}${thin}06:00 4/12/2026`,
    number: "1.234.567,891",
  },
  lo: {
    short: "01/12/2026",
    long: "1 ທັນວາ 2026",
    time: "18:30",
    dateTime: "01/12/2026, 18:30",
    dateTimeLong: "1 ທັນວາ 2026, 18:30",
    range: `01/12/2026 ${dash} 04/12/2026`,
    // CLDR has no Lao interval pattern with month names; the two long dates are joined instead
    rangeLong: `1 ທັນວາ 2026 ${dash} 4 ທັນວາ 2026`,
    rangeLongYears: `1 ທັນວາ 2026 ${dash} 5 ມັງກອນ 2027`,
    timeRange: `06:00${dash}22:00`,
    timeRangeDays: `1/12/2026, 18:30 ${dash} 4/12/2026, 6:00`,
    number: "1.234.567,891",
  },
  en: {
    short: "01/12/2026",
    long: "1 December 2026",
    time: "18:30",
    dateTime: "01/12/2026, 18:30",
    dateTimeLong: "1 December 2026 at 18:30",
    range: `01/12/2026${thin}${dash}${thin}04/12/2026`,
    rangeLong: `1${thin}${dash}${thin}4 December 2026`,
    rangeLongYears: `1 December 2026${thin}${dash}${thin}5 January 2027`,
    timeRange: `06:00${dash}22:00`,
    timeRangeDays: `01/12/2026, 18:30${thin}${dash}${thin}04/12/2026, 06:00`,
    number: "1,234,567.891",
  },
  km: {
    short: "01/12/2026",
    long: "1 ធ្នូ 2026",
    time: "18:30",
    dateTime: "01/12/2026, 18:30",
    // "នៅ​ម៉ោង" (at hour) holds a zero-width space between its two words
    dateTimeLong: `1 ធ្នូ 2026 នៅ${zwsp}ម៉ោង 18:30`,
    range: `1/12/2026 ${dash} 4/12/2026`,
    rangeLong: `1 ${dash} 4 ធ្នូ 2026`,
    rangeLongYears: `1 ធ្នូ 2026 ${dash} 5 មករា 2027`,
    timeRange: `06:00 ${dash} 22:00`,
    timeRangeDays: "1/12/2026, 18:30 - 4/12/2026, 06:00",
    number: "1,234,567.891",
  },
};

describe.each(Object.keys(expected) as Language[])("%s", (language) => {
  const want = expected[language];

  it("formats a date short and long, a time and a date-time", () => {
    expect(formatDate(language, at)).toBe(want.short);
    expect(formatDate(language, new Date(at), { style: "short" })).toBe(want.short);
    expect(formatDate(language, at, { style: "long" })).toBe(want.long);
    expect(formatTime(language, at)).toBe(want.time);
    expect(formatDateTime(language, at)).toBe(want.dateTime);
    expect(formatDateTime(language, at, { style: "long" })).toBe(want.dateTimeLong);
  });

  it("formats date and time ranges", () => {
    expect(formatDateRange(language, { from: at, until })).toBe(want.range);
    expect(formatDateRange(language, { from: at, until }, { style: "long" })).toBe(want.rangeLong);
    expect(formatDateRange(language, { from: at, until: nextYear }, { style: "long" })).toBe(want.rangeLongYears);
    expect(formatTimeRange(language, { from: gateOpens, until: gateCloses })).toBe(want.timeRange);
    expect(formatTimeRange(language, { from: at, until })).toBe(want.timeRangeDays);
  });

  it("collapses a range within one day to a single date, and one instant to a single time", () => {
    expect(formatDateRange(language, { from: gateOpens, until: gateCloses })).toBe(formatDate(language, gateOpens));
    expect(formatDateRange(language, { from: gateOpens, until: gateCloses }, { style: "long" })).toBe(formatDate(language, gateOpens, { style: "long" }));
    expect(formatTimeRange(language, { from: at, until: at })).toBe(want.time);
  });

  it("formats numbers with the locale's separators", () => {
    expect(formatNumber(language, 1234567.891)).toBe(want.number);
    expect(formatNumber(language, 12n)).toBe("12");
  });

  it("uses a 24-hour clock with no day period, around the clock", () => {
    const hours = [0, 6, 11, 12, 13, 18, 23];
    const times = hours.map((hour) => formatTime(language, Date.UTC(2026, 11, 1, hour, 5), { timeZone: "UTC" }));
    expect(times).toEqual(["00:05", "06:05", "11:05", "12:05", "13:05", "18:05", "23:05"]);
    expect(dateTimeFormatter(language, "time").resolvedOptions().hourCycle).toBe("h23");
    for (const fields of ["time", "datetime-short", "datetime-long"] as const) {
      const parts = dateTimeFormatter(language, fields).formatToParts(at);
      expect(parts.map((part) => part.type)).not.toContain("dayPeriod");
    }
  });

  it("converts to Ho Chi Minh time by default and to another zone on request", () => {
    // 23:30 UTC on 1 December is 06:30 on 2 December in UTC+7
    const lateUtc = Date.UTC(2026, 11, 1, 23, 30);
    expect(formatTime(language, lateUtc)).toBe("06:30");
    expect(formatDate(language, lateUtc)).toBe("02/12/2026");
    expect(formatTime(language, lateUtc, { timeZone: "UTC" })).toBe("23:30");
    expect(formatDate(language, lateUtc, { timeZone: "UTC" })).toBe("01/12/2026");
    expect(formatTime(language, lateUtc, { timeZone: "Asia/Vientiane" })).toBe("06:30");
    expect(formatTime(language, lateUtc, { timeZone: "Asia/Phnom_Penh" })).toBe("06:30");
  });

  it("uses Western digits by default", () => {
    expect(formatDateTime(language, at)).toMatch(/^[\p{L}\p{M}\p{P}\p{Zs}\u200B0-9]+$/u);
    expect(formatDateTime(language, at)).not.toMatch(/[\u0ED0-\u0ED9\u17E0-\u17E9]/u);
  });
});

describe("native digits", () => {
  it("uses Lao digits for lo and Khmer digits for km when asked", () => {
    const native = { nativeDigits: true };
    expect(formatDate("lo", at, native)).toBe("໐໑/໑໒/໒໐໒໖");
    expect(formatTime("lo", at, native)).toBe("໑໘:໓໐");
    expect(formatDateTime("lo", at, native)).toBe("໐໑/໑໒/໒໐໒໖, ໑໘:໓໐");
    expect(formatNumber("lo", 1234567.891, native)).toBe("໑.໒໓໔.໕໖໗,໘໙໑");
    expect(formatDate("km", at, native)).toBe("០១/១២/២០២៦");
    expect(formatTime("km", at, native)).toBe("១៨:៣០");
    expect(formatDateTime("km", at, native)).toBe("០១/១២/២០២៦, ១៨:៣០");
    expect(formatTimeRange("km", { from: gateOpens, until: gateCloses }, native)).toBe(`០៦:០០ ${dash} ២២:០០`);
    // CLDR gives Khmer digits their own separators
    expect(formatNumber("km", 1234567.891, native)).toBe("១.២៣៤.៥៦៧,៨៩១");
  });

  it("ignores nativeDigits for vi and en", () => {
    for (const language of ["vi", "en"] as const) {
      expect(formatDateTime(language, at, { nativeDigits: true })).toBe(expected[language].dateTime);
      expect(formatNumber(language, 1234567.891, { nativeDigits: true })).toBe(expected[language].number);
      expect(dateTimeFormatter(language, "time", { nativeDigits: true })).toBe(dateTimeFormatter(language, "time"));
    }
  });
});

describe("formatter cache", () => {
  it("reuses one formatter per locale and options", () => {
    expect(dateTimeFormatter("lo", "time")).toBe(dateTimeFormatter("lo", "time", { timeZone: "Asia/Ho_Chi_Minh" }));
    expect(dateTimeFormatter("lo", "time")).not.toBe(dateTimeFormatter("lo", "time", { timeZone: "UTC" }));
    expect(dateTimeFormatter("lo", "time")).not.toBe(dateTimeFormatter("lo", "time", { nativeDigits: true }));
    expect(dateTimeFormatter("lo", "time")).not.toBe(dateTimeFormatter("km", "time"));
    expect(numberFormatter("km")).toBe(numberFormatter("km", {}));
    expect(numberFormatter("km")).not.toBe(numberFormatter("km", { maximumFractionDigits: 0 }));
  });

  it("does not leak options from one call into the next", () => {
    const lateUtc = Date.UTC(2026, 11, 1, 23, 30);
    for (let round = 0; round < 2; round += 1) {
      expect(formatTime("km", lateUtc, { timeZone: "UTC", nativeDigits: true })).toBe("២៣:៣០");
      expect(formatTime("km", lateUtc)).toBe("06:30");
      expect(formatTime("km", lateUtc, { nativeDigits: true })).toBe("០៦:៣០");
      expect(formatTime("km", lateUtc, { timeZone: "UTC" })).toBe("23:30");
      expect(formatDate("en", lateUtc, { style: "long" })).toBe("2 December 2026");
      expect(formatDate("en", lateUtc)).toBe("02/12/2026");
      expect(formatNumber("en", 2.5, { maximumFractionDigits: 0 })).toBe("3");
      expect(formatNumber("en", 2.5)).toBe("2.5");
      expect(formatNumber("en", 2, { minimumFractionDigits: 2 })).toBe("2.00");
      expect(formatNumber("en", 2)).toBe("2");
    }
  });
});

describe("errors", () => {
  it("rejects invalid dates, reversed ranges and unknown time zones", () => {
    expect(() => formatDate("vi", new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatDateRange("vi", { from: until, until: at })).toThrow(RangeError);
    expect(() => formatTimeRange("vi", { from: gateCloses, until: gateOpens })).toThrow(RangeError);
    expect(() => formatTime("vi", at, { timeZone: "Asia/Nowhere" })).toThrow(RangeError);
  });
});

describe("locales and ICU characters", () => {
  it("maps every language to a day-first locale", () => {
    expect(localeOf).toEqual({ vi: "vi-VN", lo: "lo-LA", en: "en-GB", km: "km-KH" });
  });

  it("lists every non-ASCII character these outputs contain besides letters, marks and digits", () => {
    const listed = new Set<string>(Object.values(icuSpecialCharacters));
    const outputs = Object.values(expected).flatMap((strings) => Object.values(strings));
    const special = new Set(outputs.flatMap((text) => [...text].filter((char) => char > "\u007E" && !/[\p{L}\p{M}\p{N}]/u.test(char))));
    expect([...special].sort()).toEqual([thin, zwsp, dash].sort());
    for (const char of special) expect(listed.has(char)).toBe(true);
    expect(icuSpaces.every((char) => /\p{Zs}/u.test(char))).toBe(true);
    expect(icuInvisibles.every((char) => /\p{Cf}/u.test(char))).toBe(true);
  });
});
