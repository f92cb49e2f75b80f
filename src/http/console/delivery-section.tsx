// A bulletin's delivery on its console page: one row per channel x endpoint x language (state, figures, reasons in
// the reader's words, times in the province's time zone), a count per state, and every event of the delivery log
// under it. The same words go to the page and, as text, to the live updates (delivery.js sets them with
// textContent), so a row looks the same however it arrived.
import type { TFunction } from "i18next";
import { isDeliveryEvent, isDeliveryReason, type ConsoleLanguage } from "../../domain/index.ts";
import { deliveryStates, type BulletinDelivery, type DeliveryRow } from "../../delivery/bulletin-delivery.ts";
import { formatNumber } from "../../localize/format-locale.ts";
import { formatDateTime } from "./format.ts";
import type { ConsoleContext } from "./console-context.ts";

export const deliveryScript = "/console/assets/delivery.js";

/** A reason code as the reader says it; a code a partner made up is shown as the code it sent. */
export const reasonText = (t: TFunction, code: string) => (isDeliveryReason(code) ? t(`delivery.reasons.${code}`) : t("delivery.reasons.other", { code }));
export const eventText = (t: TFunction, event: string) => (isDeliveryEvent(event) ? t(`delivery.events.${event.replace(".", "_")}`) : event);

/** An audit-trail action in words ("status:approved" -> "Moved to: Approved"); an action of no known shape stays as
 *  it was recorded. */
export const auditText = (t: TFunction, action: string) => {
  const parts = action.split(":");
  const language = (code: string | undefined) => t(`languages.${code}`, { defaultValue: code ?? "" });
  if (action === "create") return t("delivery.audit.create");
  if (action === "update") return t("delivery.audit.update");
  if (action === "correct") return t("delivery.audit.correct");
  if (action === "import:cap") return t("delivery.audit.importCap");
  if (action === "voice:recorded") return t("delivery.audit.voiceRecorded");
  if (parts[0] === "status" && parts.length === 2) return t("delivery.audit.status", { status: t(`statuses.${parts[1]}`, { defaultValue: parts[1] }) });
  if (parts[0] === "language" && parts[2] === "drop") return t("delivery.audit.languageDrop", { language: language(parts[1]) });
  if (parts[0] === "text" && parts[2] === "write") return t("delivery.audit.textWrite", { language: language(parts[1]) });
  if (parts[0] === "text" && parts[2] === "approve") return t("delivery.audit.textApprove", { language: language(parts[1]) });
  if (parts[0] === "text" && parts[2]?.startsWith("draft-from-")) {
    const origin = parts[2].slice("draft-from-".length);
    return t("delivery.audit.textDraft", { language: language(parts[1]), origin: t(`origins.${origin}`, { defaultValue: origin }) });
  }
  return action;
};

const columns = ["channel", "endpoint", "language", "state", "counts", "reasons", "first", "last"] as const;
export type DeliveryCells = Record<(typeof columns)[number], string>;

/** The row's cells as the reader reads them. */
export const deliveryCells = (t: TFunction, language: ConsoleLanguage, row: DeliveryRow): DeliveryCells => {
  const number = (value: number) => formatNumber(language, value);
  const { counts } = row;
  const figures = [
    ...(row.state === "sent" || counts.submitted + counts.delivered + counts.failed > 0
      ? [t("delivery.counts.partner", { submitted: number(counts.submitted), delivered: number(counts.delivered), failed: number(counts.failed) })]
      : []),
    ...(counts.offers > 0 ? [t("delivery.counts.offers", { count: counts.offers })] : []),
    ...(counts.plays > 0 ? [t("delivery.counts.plays", { count: counts.plays })] : []),
    ...(counts.aired > 0 ? [t("delivery.counts.aired", { count: counts.aired })] : []),
    ...(counts.repeats > 0 ? [t("delivery.counts.repeats", { count: counts.repeats })] : []),
  ];
  return {
    channel: t(`channels.${row.channel}`),
    endpoint: row.endpoint || t("delivery.allEndpoints"),
    language: row.language ? t(`languages.${row.language}`) : "",
    state: t(`delivery.states.${row.state}`),
    counts: figures.join("; "),
    reasons: row.reasons.map((code) => reasonText(t, code)).join("; "),
    first: formatDateTime(row.firstAt),
    last: formatDateTime(row.lastAt),
  };
};

/** "Waiting: 3 · Sent: 2": how many rows are in each state, in the states' order. */
export const deliverySummary = (t: TFunction, language: ConsoleLanguage, rows: DeliveryRow[]) =>
  deliveryStates
    .map((state) => ({ state, count: rows.filter((row) => row.state === state).length }))
    .filter((entry) => entry.count > 0)
    .map((entry) => t("delivery.summaryItem", { state: t(`delivery.states.${entry.state}`), count: formatNumber(language, entry.count) }))
    .join(" · ");

/** What a live update carries: the changed rows' cells, every row's key in order, the new summary. */
export const deliveryUpdate = (t: TFunction, language: ConsoleLanguage, update: { changed: DeliveryRow[]; delivery: BulletinDelivery }, now: Date) => ({
  rows: update.changed.map((row) => ({ key: row.key, state: row.state, cells: deliveryCells(t, language, row) })),
  order: update.delivery.rows.map((row) => row.key),
  summary: deliverySummary(t, language, update.delivery.rows),
  events: update.delivery.events,
  eventsLabel: t("delivery.allEventsNew", { count: update.delivery.events }),
  updated: t("delivery.updated", { time: formatDateTime(now).slice(-5) }),
});

export type LogRow = {
  id: number;
  at: Date;
  occurredAt: Date | null;
  channel: string;
  language: string | null;
  event: string;
  reason: string | null;
  submitted: number | null;
  delivered: number | null;
  failed: number | null;
  endpoint: string;
};

export const DeliverySection = (props: { console: ConsoleContext; bulletinId: string; delivery: BulletinDelivery; log: LogRow[]; live: boolean }) => {
  const { t, language } = props.console;
  const { rows } = props.delivery;
  return (
    <section
      aria-labelledby="deliveries"
      id="delivery"
      {...(props.live ? { "data-events": `/bulletins/${props.bulletinId}/delivery/events`, "data-stopped": t("delivery.stopped") } : {})}
    >
      <h2 id="deliveries">{t("delivery.title")}</h2>
      <p>
        {t("delivery.intro")} <a href={`/bulletins/${props.bulletinId}#delivery`}>{t("delivery.reload")}</a>
      </p>
      <p role="status" class="live-status" data-live-status="">
        {""}
      </p>
      <p class="summary">
        <strong>{t("delivery.summary")}:</strong> <span data-summary="">{deliverySummary(t, language, rows)}</span>
      </p>
      <p data-empty="" hidden={rows.length > 0}>
        {t("delivery.empty")}
      </p>
      <div class="table-scroll">
        <table class="delivery" hidden={rows.length === 0}>
          <caption class="sr-only">{t("delivery.caption")}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col">{t(`delivery.columns.${column}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody data-rows="">
            {rows.map((row) => {
              const cells = deliveryCells(t, language, row);
              return (
                <tr data-key={row.key} data-state={row.state}>
                  {columns.map((column) => (
                    <td data-column={column} class={column === "state" ? `state state-${row.state}` : undefined}>
                      {cells[column]}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.log.length > 0 && (
        <details>
          <summary data-events-count={String(props.log.length)}>{t("delivery.allEvents", { count: props.log.length })}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("detail.when")}</th>
                <th scope="col">{t("detail.channels")}</th>
                <th scope="col">{t("detail.endpoint")}</th>
                <th scope="col">{t("detail.language")}</th>
                <th scope="col">{t("detail.event")}</th>
                <th scope="col">{t("detail.details")}</th>
              </tr>
            </thead>
            <tbody>
              {props.log.map((row) => (
                <tr>
                  <td>{formatDateTime(row.occurredAt ?? row.at)}</td>
                  <td>{t(`channels.${row.channel}`)}</td>
                  <td>{row.endpoint}</td>
                  <td>{row.language ? t(`languages.${row.language}`) : ""}</td>
                  <td>{eventText(t, row.event)}</td>
                  <td>
                    {row.reason && reasonText(t, row.reason)}
                    {row.submitted !== null &&
                      ` ${t("delivery.counts.partner", { submitted: formatNumber(language, row.submitted), delivered: formatNumber(language, row.delivered ?? 0), failed: formatNumber(language, row.failed ?? 0) })}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {props.live && <script src={deliveryScript} defer></script>}
    </section>
  );
};
