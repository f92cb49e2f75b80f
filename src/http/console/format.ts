// Dates as the console shows them (CONSOLE-AND-REPORTS.md): dd/MM/yyyy HH:mm, 24-hour, in the province's time zone,
// the same in both languages.
const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "02/12/2026 14:05"; an empty string for no date. */
export const formatDateTime = (value: Date | string | null | undefined) => {
  if (!value) return "";
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
};
