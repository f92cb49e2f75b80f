// Written forms a presenter or a speech engine would misread, expanded into the words people say, per language:
// dates ("02/12/2026" -> "ngày 2 tháng 12 năm 2026", "2 December 2026"), times ("14:00" -> "14 giờ", "2 pm"), time
// and date ranges ("07:00-17:00" -> "từ 7 giờ đến 17 giờ"), numbers with units and currencies ("150.000 LAK" ->
// "150000 kíp", "2,5 mm" -> "2 phẩy 5 mi-li-mét"), percentages, phone numbers (read digit by digit in their groups)
// and road codes ("QL8A" -> "quốc lộ 8 A", "Km 25+300").
//
// Numbers stay digits: every engine and presenter reads "2026" right once it is not part of "02/12/2026". The words
// around them come from locales/<lang>/channels.json (`spoken.*`, Lao and Khmer waiting for review) and the month
// names from ICU (format-locale.ts), so the expansion is the same in the voice SSML, the voice artist's script, the
// radio script and the reading-time estimate. Pure: text in, text out; escaping belongs to each output.
import { languageFacts, type Language } from "../domain/index.ts";
import { dateTimeFormatter, numberFormatter } from "./format-locale.ts";
import { fixedT } from "./i18n.ts";

export type SpokenKind = "date" | "time" | "range" | "measure" | "money" | "percent" | "phone" | "road";

/** One expanded token: where it was, what was written, what is said. */
export type SpokenToken = { kind: SpokenKind; index: number; written: string; spoken: string };

/**
 * The clock people say the time in. English speaks 12-hour with am and pm ("2 pm", "6 30 pm", "12 noon"; no dots,
 * which an engine takes for sentence ends); Vietnamese, Lao and Khmer announcements say the 24-hour hour ("14 giờ",
 * "14 ໂມງ", "ម៉ោង 14"), the hour printed on the bulletin.
 */
const spokenClock: Record<Language, 12 | 24> = { vi: 24, lo: 24, km: 24, en: 12 };

// Western, Lao and Khmer digits: a bulletin may ask for native digits (format-locale.ts `nativeDigits`)
const D = "[0-9\u0ED0-\u0ED9\u17E0-\u17E9]";
const toAscii = (digits: string) =>
  digits.replace(/[\u0ED0-\u0ED9\u17E0-\u17E9]/gu, (digit) => String(digit.charCodeAt(0) - (digit.charCodeAt(0) >= 0x17e0 ? 0x17e0 : 0x0ed0)));
const notDigitBefore = `(?<!${D})`;
const notDigitAfter = `(?!${D})`;
/** no letter or digit on that side (JS \b knows only ASCII letters) */
const edgeBefore = "(?<![\\p{L}\\p{N}])";
/** no Latin letter or digit after: "5 m" is a unit, "5 min" is not; a Lao or Khmer word may run on without a space */
const edgeAfter = "(?![\\p{Script=Latin}\\p{N}])";

const dateSource = `${notDigitBefore}(?:${D}{1,2}/${D}{1,2}/${D}{4}|${D}{1,2}\\.${D}{1,2}\\.${D}{4}|${D}{1,2}-${D}{1,2}-${D}{4}|${D}{4}-${D}{2}-${D}{2})${notDigitAfter}`;
/** "18:30"; Vietnamese also writes "18h30" and "18h" */
const timeSource = (language: Language) =>
  `${notDigitBefore}(?:${D}{1,2}:${D}{2}${language === "vi" ? `|${D}{1,2}h(?:${D}{2})?(?![\\p{L}])` : ""})${notDigitAfter}`;
const momentSource = (language: Language) => `(?:${dateSource}(?:,?\\s+${timeSource(language)})?|${timeSource(language)}(?:,?\\s+${dateSource})?)`;
const dash = "\\s*[-\u2013\u2014]\\s*";

// a number as the language writes it: grouping and decimal marks from ICU ("150.000", "2,5" in vi and lo; "150,000",
// "2.5" in en and km)
const separators = (language: Language) => {
  const parts = numberFormatter(language).formatToParts(12345.6);
  return { group: parts.find((part) => part.type === "group")?.value ?? ",", decimal: parts.find((part) => part.type === "decimal")?.value ?? "." };
};
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const numberSource = (language: Language) => {
  const { group, decimal } = separators(language);
  return `${notDigitBefore}(?:${D}{1,3}(?:${escapeRegExp(group)}${D}{3})+|${D}+)(?:${escapeRegExp(decimal)}${D}+)?${notDigitAfter}`;
};

/** Units after a number, longest first so "km/h" wins over "km" and "m3/s" over "m". */
const units: [string, string][] = [
  ["km/h", "kmPerHour"],
  ["km/giờ", "kmPerHour"],
  ["m³/s", "cubicMetresPerSecond"],
  ["m3/s", "cubicMetresPerSecond"],
  ["°C", "celsius"],
  ["mm", "mm"],
  ["cm", "cm"],
  ["km", "km"],
  ["kg", "kg"],
  ["ha", "ha"],
  ["m", "m"],
];
/** Currency codes and signs, written after the number ("150.000 LAK", "50.000đ") or before it ("$5", "₭150,000"). */
const currencies: [string, string][] = [
  ["VNĐ", "VND"],
  ["VND", "VND"],
  ["₫", "VND"],
  ["đ", "VND"],
  ["LAK", "LAK"],
  ["₭", "LAK"],
  ["KHR", "KHR"],
  ["៛", "KHR"],
  ["US$", "USD"],
  ["USD", "USD"],
  ["$", "USD"],
  ["THB", "THB"],
  ["฿", "THB"],
  // the currency's name written out: only the number needs saying differently ("150.000 kíp" -> "150000 kíp")
  ["đồng", "VND"],
  ["dong", "VND"],
  ["ດົ່ງ", "VND"],
  ["kíp", "LAK"],
  ["kip", "LAK"],
  ["ກີບ", "LAK"],
  ["គីប", "LAK"],
  ["riels", "KHR"],
  ["riel", "KHR"],
  ["riên", "KHR"],
  ["រៀល", "KHR"],
  ["baht", "THB"],
  ["bạt", "THB"],
  ["ບາດ", "THB"],
  ["បាត", "THB"],
];
const currencyBefore = currencies
  .slice(
    0,
    currencies.findIndex(([sign]) => sign === "đồng"),
  )
  .filter(([sign]) => sign !== "đ");
/** Road codes: Vietnamese QL (quốc lộ), ĐT (đường tỉnh), TL (tỉnh lộ), CT (cao tốc); AH (Asian Highway); NR (Lao and Cambodian national roads). */
const roads: [string, string][] = [
  ["QL", "QL"],
  ["ĐT", "DT"],
  ["DT", "DT"],
  ["TL", "TL"],
  ["AH", "AH"],
  ["NR", "NR"],
  ["CT", "CT"],
];
const alternatives = (pairs: [string, string][]) => pairs.map(([written]) => escapeRegExp(written)).join("|");

type Rule = { kind: SpokenKind; pattern: RegExp; speak: (match: RegExpExecArray, context: Context) => string | undefined };
type Context = { language: Language; before: string };

const t = (language: Language) => fixedT(language, "channels");

/** Lao and Khmer write words without spaces between them. */

/** The leading word of a rendered form is dropped when the text already says it ("ngày 02/12/2026", "from 06:00-22:00"). */
const withoutRepeatedLead = (language: Language, rendered: string, before: string) => {
  const lead = /^[\p{L}\p{M}]+/u.exec(rendered)?.[0];
  if (!lead) return rendered;
  const tail = before.trimEnd().toLocaleLowerCase();
  const wholeWord = !languageFacts[language].spacesBetweenWords || !/[\p{L}\p{M}]/u.test(tail.at(-lead.length - 1) ?? "");
  return tail.endsWith(lead.toLocaleLowerCase()) && wholeWord ? rendered.slice(lead.length).trimStart() : rendered;
};

const monthName = (language: Language, month: number) =>
  dateTimeFormatter(language, "date-long", { timeZone: "UTC" })
    .formatToParts(Date.UTC(2000, month - 1, 15))
    .find((part) => part.type === "month")!.value;

const speakDate = (language: Language, written: string) => {
  const fields = written.split(/[/.-]/).map((field) => Number(toAscii(field)));
  const [day, month, year] = fields[0]! > 31 ? [fields[2]!, fields[1]!, fields[0]!] : [fields[0]!, fields[1]!, fields[2]!];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day) return undefined;
  return t(language)("spoken.date", { day: String(day), month: monthName(language, month), year: String(year) });
};

const speakTime = (language: Language, written: string) => {
  const [hourText, minuteText = "0"] = toAscii(written).split(/[:h]/);
  const hour = Number(hourText);
  const minute = Number(minuteText || "0");
  if (hour > 23 || minute > 59) return undefined;
  const say = t(language);
  if (minute === 0 && hour === 0) return say("spoken.midnight");
  if (minute === 0 && hour === 12) return say("spoken.noon");
  const afternoon = hour >= 12;
  const spokenHour = spokenClock[language] === 12 ? hour % 12 || 12 : hour;
  const key = afternoon ? "spoken.timeAfternoon" : "spoken.timeMorning";
  if (minute === 0) return say(`${key}OnTheHour`, { hour: String(spokenHour) });
  const spokenMinute = minute < 10 ? say("spoken.minuteUnderTen", { minute: String(minute) }) : String(minute);
  return say(key, { hour: String(spokenHour), minute: spokenMinute });
};

/** A date, a time, or both ("02/12/2026, 18:30", "18:30 02/12/2026"): each part expanded, what joins them kept. */
const speakMoment = (language: Language, written: string) => {
  let failed = false;
  const spoken = written.replace(new RegExp(`${dateSource}|${timeSource(language)}`, "gu"), (part) => {
    const said = new RegExp(`^${dateSource}$`, "u").test(part) ? speakDate(language, part) : speakTime(language, part);
    if (said === undefined) failed = true;
    return said ?? part;
  });
  return failed ? undefined : spoken;
};

/** "150.000" (vi) -> "150000", "2,5" (vi) -> "2 phẩy 5": no grouping marks to misread, the decimal mark said. */
const speakNumber = (language: Language, written: string) => {
  const { group, decimal } = separators(language);
  const [integer, fraction] = toAscii(written).split(decimal);
  const whole = integer!.split(group).join("");
  return {
    spoken: fraction === undefined ? whole : t(language)("spoken.decimal", { integer: whole, fraction }),
    count: Number(`${whole}${fraction === undefined ? "" : `.${fraction}`}`),
  };
};

/** Digit by digit in the groups it is written in ("0912 345 678" -> "0 9 1 2, 3 4 5, 6 7 8"); one long run in 4-3-3. */
const speakPhone = (language: Language, written: string) => {
  const plus = written.trimStart().startsWith("+");
  let groups = toAscii(written)
    .replace(/[()+]/g, " ")
    .split(/[\s.-]+/)
    .filter(Boolean);
  if (groups.length === 1 && groups[0]!.length >= 9) {
    const run = groups[0]!;
    groups = [run.slice(0, 4), run.slice(4, 7), run.slice(7)];
  }
  const spoken = groups.map((group) => [...group].join(" ")).join(", ");
  return plus ? `${t(language)("spoken.plus")} ${spoken}` : spoken;
};

const rulesFor = (language: Language): Rule[] => {
  const number = numberSource(language);
  const unitPattern = alternatives(units);
  return [
    {
      // two moments joined by a dash: "06:00-22:00", "01/12/2026, 18:30 – 04/12/2026, 06:00"
      kind: "range",
      pattern: new RegExp(`(${momentSource(language)})${dash}(${momentSource(language)})`, "gu"),
      speak: (match, { before }) => {
        const from = speakMoment(language, match[1]!);
        const until = speakMoment(language, match[2]!);
        return from && until ? withoutRepeatedLead(language, t(language)("spoken.range", { from, until }), before) : undefined;
      },
    },
    {
      kind: "date",
      pattern: new RegExp(momentSource(language), "gu"),
      speak: (match, { before }) => withoutRepeatedLead(language, speakMoment(language, match[0]) ?? "", before) || undefined,
    },
    {
      // phone numbers: a leading 0 or + and at least 8 digits, or the 1800/1900 service numbers
      kind: "phone",
      pattern: new RegExp(
        `${notDigitBefore}(?:\\(?\\+${D}{1,3}\\)?[\\s.-]?${D}(?:[\\s.-]?${D}){6,12}|0${D}(?:[\\s.-]?${D}){6,11}|1[89]00[\\s.-]?${D}{3,4}(?:[\\s.-]?${D}{1,3})?)${notDigitAfter}`,
        "gu",
      ),
      speak: (match) => speakPhone(language, match[0]),
    },
    {
      kind: "money",
      pattern: new RegExp(`(?:(${alternatives(currencyBefore)})\\s?(${number})|(${number})\\s?(${alternatives(currencies)})${edgeAfter})`, "gu"),
      speak: (match) => {
        const sign = match[1] ?? match[4]!;
        const { spoken, count } = speakNumber(language, match[2] ?? match[3]!);
        const code = currencies.find(([written]) => written === sign)![1];
        return t(language)(`spoken.currencies.${code}`, { count, number: spoken });
      },
    },
    {
      // "150 mm", "150-250 mm", "2,5 km/h", "30°C"
      kind: "measure",
      pattern: new RegExp(`(${number})(?:${dash}(${number}))?\\s?(${unitPattern})${edgeAfter}`, "gu"),
      speak: (match, { before }) => {
        const first = speakNumber(language, match[1]!);
        const second = match[2] === undefined ? undefined : speakNumber(language, match[2]);
        const unit = units.find(([written]) => written === match[3])![1];
        const amount = second ? withoutRepeatedLead(language, t(language)("spoken.range", { from: first.spoken, until: second.spoken }), before) : first.spoken;
        return t(language)(`spoken.units.${unit}`, { count: (second ?? first).count, number: amount });
      },
    },
    {
      kind: "percent",
      pattern: new RegExp(`(${number})\\s?%`, "gu"),
      speak: (match) => t(language)("spoken.percent", { number: speakNumber(language, match[1]!).spoken }),
    },
    {
      // "QL8A", "QL.8A", "ĐT 548" and kilometre posts "Km 25", "Km25+300"
      kind: "road",
      pattern: new RegExp(`${edgeBefore}(?:(${alternatives(roads)})\\.?\\s?(${D}+)([A-Z]?)|Km\\s?(${D}+)(?:\\s?\\+\\s?(${D}+))?)${edgeAfter}`, "gu"),
      speak: (match) => {
        const say = t(language);
        if (match[1] !== undefined) {
          const road = roads.find(([written]) => written === match[1])![1];
          return say(`spoken.roads.${road}`, { number: [toAscii(match[2]!), match[3]].filter(Boolean).join(" ") });
        }
        return match[5] === undefined
          ? say("spoken.kilometrePost", { number: toAscii(match[4]!) })
          : say("spoken.kilometrePostPlus", { number: toAscii(match[4]!), metres: toAscii(match[5]) });
      },
    },
  ];
};

const rulesByLanguage = new Map<Language, Rule[]>();
const rules = (language: Language) => {
  let found = rulesByLanguage.get(language);
  if (!found) rulesByLanguage.set(language, (found = rulesFor(language)));
  return found;
};

/** The tokens of a text that are said differently from how they are written, in order, never overlapping. */
export const spokenTokens = (language: Language, text: string): SpokenToken[] => {
  const tokens: SpokenToken[] = [];
  let position = 0;
  while (position < text.length) {
    // the earliest match of any rule; at the same place the rule listed first wins (a range before its dates)
    let best: { rule: Rule; match: RegExpExecArray } | undefined;
    for (const rule of rules(language)) {
      rule.pattern.lastIndex = position;
      const match = rule.pattern.exec(text);
      if (match && (!best || match.index < best.match.index)) best = { rule, match };
    }
    if (!best) break;
    const { rule, match } = best;
    const spoken = rule.speak(match, { language, before: text.slice(0, match.index) });
    if (spoken === undefined || spoken === match[0]) {
      position = match.index + 1;
      continue;
    }
    // the moment rule matches a time alone too
    const kind = rule.kind === "date" && !new RegExp(dateSource, "u").test(match[0]) ? "time" : rule.kind;
    tokens.push({ kind, index: match.index, written: match[0], spoken });
    position = match.index + match[0].length;
  }
  return tokens;
};

const replaceTokens = (text: string, tokens: SpokenToken[], replace: (token: SpokenToken) => string) => {
  let out = "";
  let position = 0;
  for (const token of tokens) {
    out += text.slice(position, token.index) + replace(token);
    position = token.index + token.written.length;
  }
  return out + text.slice(position);
};

/** The text as it is said: every date, time, range, amount, phone number and road code in words. */
export const spokenForm = (language: Language, text: string) => replaceTokens(text, spokenTokens(language, text), (token) => token.spoken);

/**
 * Tokens a presenter could misread: everything but a percentage and a plain whole number with its unit ("25%",
 * "150 mm" are read right as they are).
 */
export const easyToMisread = (token: SpokenToken) => token.kind !== "percent" && !(token.kind === "measure" && /^\d+\s?[^\d\s.,-]+$/u.test(token.written));

/** The written text for a presenter, with the spoken form beside what is easy to misread: "02/12/2026 [say: 2 December 2026]". */
export const withSpokenForms = (language: Language, text: string) =>
  replaceTokens(text, spokenTokens(language, text), (token) =>
    easyToMisread(token) ? `${token.written} ${t(language)("spoken.say", { spoken: token.spoken })}` : token.written,
  );
