// Places and dates as the console shows them. Dates (CONSOLE-AND-REPORTS.md): dd/MM/yyyy HH:mm, 24-hour, in the province's time zone,
// the same in both languages.
import type { Place } from "../../db/queries/places.ts";
const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "02/12/2026 14:05"; an empty string for no date. (en-GB writes "02/12/2026, 14:05": one format call, the comma
 *  dropped, is several times cheaper than formatToParts, and a list page shows a few hundred dates.) */
export const formatDateTime = (value: Date | string | null | undefined) => {
  if (!value) return "";
  return dateTime.format(new Date(value)).replace(",", "");
};

/** A place as the reader knows it: its name in their language, else in Vietnamese, else its code. */
export const placeName = (places: ReadonlyMap<string, Place>, code: string, language: string) => {
  const names = places.get(code)?.names as Partial<Record<string, string>> | undefined;
  return names?.[language] ?? names?.vi ?? code;
};
