// The reports page (admins and reporting officers): a period (the presets of the provincial plans, or any dates) and
// a grouping, the report's tables and two charts on the page, and the downloads (CSV, Excel, Word, printable page)
// written from the same Report as the API's.
import { raw } from "hono/html";
import { reportTables, displayCell, isNumeric } from "../../delivery/reports/formats/report-tables.ts";
import { groupLabel, periodPhrase, reportWords } from "../../delivery/reports/formats/report-words.ts";
import { svgBarChart } from "../../delivery/reports/formats/svg-bar-chart.ts";
import { reportGroupings, type Report } from "../../domain/index.ts";
import { Page } from "./layout.tsx";
import type { ConsoleContext } from "./session.ts";

export type ReportForm = { preset: string; year: string; index: string; from: string; to: string; groupBy: string };

const Field = (props: { id: string; label: string; children: unknown }) => (
  <p class="field">
    <label for={props.id}>{props.label}</label>
    {props.children as never}
  </p>
);

export const ReportsPage = (props: { console: ConsoleContext; form: ReportForm; report: Report; query: string }) => {
  const { t, language } = props.console;
  const words = reportWords(language);
  const { report, form } = props;
  const presets = [
    ["month", t("reportsPage.month")],
    ["quarter", t("reportsPage.quarter")],
    ["half-year", t("reportsPage.halfYear")],
    ["year", t("reportsPage.year")],
    ["", t("reportsPage.custom")],
  ] as const;
  const tables = reportTables(words, report);
  const bulletinChart = svgBarChart({
    title: t("reportsPage.chartBulletins"),
    series: [{ name: t("reportsPage.chartBulletins"), color: "#0b5cad" }],
    bars: report.figures.bulletins.groups.map((group) => ({ label: groupLabel(words, report.groupBy, group.group), values: [group.published] })),
    format: (value) => words.number(value),
  });
  const messageChart = svgBarChart({
    title: t("reportsPage.chartMessages"),
    series: [
      { name: words.t("columns.delivered"), color: "#1d6b2f" },
      { name: words.t("columns.failed"), color: "#b00020" },
    ],
    bars: report.figures.messages.groups.map((group) => ({ label: groupLabel(words, report.groupBy, group.group), values: [group.delivered, group.failed] })),
    format: (value) => words.number(value),
  });
  const download = (format: string, inLanguage: string) => `/reports/download?${props.query}${props.query ? "&" : ""}format=${format}&language=${inLanguage}`;
  return (
    <Page console={props.console} title={`${words.t("summary.report")} ${periodPhrase(words, report.period)}`} current="/reports">
      <form method="get" action="/reports" class="filters">
        <Field id="report-preset" label={t("reportsPage.kind")}>
          <select id="report-preset" name="preset">
            {presets.map(([value, label]) => (
              <option value={value} selected={value === form.preset}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="report-year" label={t("reportsPage.yearNumber")}>
          <input id="report-year" name="year" inputmode="numeric" size={5} value={form.year} />
        </Field>
        <Field id="report-index" label={t("reportsPage.index")}>
          <input id="report-index" name="index" inputmode="numeric" size={3} value={form.index} />
        </Field>
        <Field id="report-from" label={t("reportsPage.from")}>
          <input id="report-from" name="from" type="date" value={form.from} />
        </Field>
        <Field id="report-to" label={t("reportsPage.to")}>
          <input id="report-to" name="to" type="date" value={form.to} />
        </Field>
        <Field id="report-group" label={t("reportsPage.groupBy")}>
          <select id="report-group" name="groupBy">
            <option value="">{t("reportsPage.noGrouping")}</option>
            {reportGroupings.map((grouping) => (
              <option value={grouping} selected={grouping === form.groupBy}>
                {words.t(`groupings.${grouping}`)}
              </option>
            ))}
          </select>
        </Field>
        <p class="actions">
          <button type="submit">{t("reportsPage.show")}</button>
        </p>
      </form>
      <section aria-labelledby="downloads">
        <h2 id="downloads">{t("reportsPage.downloads")}</h2>
        <ul class="downloads">
          {(["docx", "xlsx", "csv", "html"] as const).map((format) => (
            <li>
              <a href={download(format, "vi")} download>
                {t(`reportsPage.${format}`)}
              </a>{" "}
              <a href={download(format, "en")} download lang="en">
                {t("reportsPage.inEnglish")}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <div class="charts">
        <figure>
          {raw(bulletinChart)}
          <figcaption>{t("reportsPage.chartBulletins")}</figcaption>
        </figure>
        <figure>
          {raw(messageChart)}
          <figcaption>{t("reportsPage.chartMessages")}</figcaption>
        </figure>
      </div>
      {tables.map((table, index) => (
        <>
          {index > 0 && table.scope === "drills" && tables[index - 1]!.scope === "actual" && <h2>{t("reportsPage.drills")}</h2>}
          <table class="report">
            <caption>{table.title}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th scope="col" class={isNumeric(column.kind) ? "number" : undefined}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr>
                  {table.columns.map((column) => (
                    <td class={isNumeric(column.kind) ? "number" : undefined}>{displayCell(words, column.kind, row[column.key] ?? null)}</td>
                  ))}
                </tr>
              ))}
              {table.total && (
                <tr class="total">
                  {table.columns.map((column) => (
                    <td class={isNumeric(column.kind) ? "number" : undefined}>{displayCell(words, column.kind, table.total![column.key] ?? null)}</td>
                  ))}
                </tr>
              )}
            </tbody>
          </table>
        </>
      ))}
    </Page>
  );
};
