// The report as one printable HTML page: the administrative layout of the Word document (header, title, numbered
// sections, recipients and signature), A4 print stylesheet, and SVG bar charts drawn on the server, so it prints
// the same from any browser with no script. Every text from the report or the settings is escaped.
import { escapeUTF8 as escapeText } from "entities";
import type { Report } from "../../../domain/index.ts";
import { displayCell, figureTables, isNumeric, type ReportTable } from "./report-tables.ts";
import { settingParagraphs, settingText, type ReportSettings } from "./report-settings.ts";
import { groupingName, periodDays, periodPhrase, placeDateLine, type ReportWords } from "./report-words.ts";
import { svgBarChart, type Bar } from "./svg-bar-chart.ts";

const colors = { primary: "#1f4e79", secondary: "#c0504d", tertiary: "#9bbb59" };

const style = `
/* the left margin is 30 mm: 16 mm of page margin and 14 mm of padding, which the masthead reaches into (a browser
   prints nothing in the page margin itself) */
@page { size: A4 portrait; margin: 20mm 15mm 20mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; line-height: 1.35; color: #000; margin: 0; padding-left: 14mm; }
@media screen { body { margin: 0 auto; padding: 20mm 15mm 20mm 30mm; width: 210mm; background: #fff; } html { background: #eee; } }
/* wider than the text, into the left margin, as departments print it: the national name keeps to one line */
.masthead { display: grid; grid-template-columns: 82mm 1fr; margin-left: -14mm; text-align: center; margin-bottom: 8mm; }
.masthead .number { white-space: pre; }
.masthead p { margin: 0; }
.masthead .governing, .masthead .national { font-size: 12.5pt; text-transform: uppercase; }
.masthead .issuing, .masthead .national, .masthead .motto { font-weight: bold; }
.masthead .issuing { text-transform: uppercase; font-size: 12.5pt; }
.rule { border-top: 1px solid #000; margin: 2px auto 6px; }
.masthead .place { font-style: italic; }
h1 { text-align: center; font-size: 14pt; margin: 0; }
h1 span { display: block; }
.period { text-align: center; font-style: italic; margin: 2mm 0 4mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; page-break-after: avoid; break-after: avoid; }
h3 { font-size: 13pt; margin: 4mm 0 2mm; text-indent: 10mm; page-break-after: avoid; break-after: avoid; }
p.body { text-align: justify; text-indent: 10mm; margin: 1.5mm 0; }
p.note { font-style: italic; font-size: 11pt; }
figure { margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { text-align: center; font-weight: bold; font-size: 12pt; margin-bottom: 1.5mm; }
table.figures { width: calc(100% - 1px); border-collapse: collapse; font-size: 11pt; }
table.figures th, table.figures td { border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: middle; }
table.figures th { font-weight: bold; text-align: center; }
table.figures thead { display: table-header-group; }
table.figures tr { break-inside: avoid; page-break-inside: avoid; }
td.number { text-align: right; white-space: nowrap; }
td.flag { text-align: center; }
tr.total td { font-weight: bold; }
.chart { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.chart p { text-align: center; font-style: italic; font-size: 11pt; margin: 0 0 1mm; }
.chart svg { max-width: 100%; height: auto; }
.closing { display: grid; grid-template-columns: 1fr 1fr; margin-top: 8mm; break-inside: avoid; page-break-inside: avoid; }
.recipients p { margin: 0; font-size: 11pt; }
.recipients .label { font-weight: bold; font-style: italic; font-size: 12pt; }
.signer { text-align: center; }
.signer p { margin: 0; font-weight: bold; text-transform: uppercase; }
.signer .space { height: 25mm; }
.signer .name { text-transform: none; }
`;

const paragraph = (text: string, className = "body") => `<p class="${className}">${escapeText(text)}</p>`;

const tableHtml = (words: ReportWords, table: ReportTable, number: number) => {
  const columns = table.columns.filter((column) => column.key !== "key");
  const caption = escapeText(words.t("tables.caption", { number, title: table.title }));
  if (table.rows.length === 0) return `<figure><figcaption>${caption}</figcaption>${paragraph(words.t("document.noFigures"), "body note")}</figure>`;
  const head = columns.map((column) => `<th scope="col">${escapeText(column.header)}</th>`).join("");
  const rows = [...table.rows, ...(table.total ? [table.total] : [])]
    .map((row) => {
      const cells = columns
        .map((column) => {
          const className = isNumeric(column.kind) ? ' class="number"' : column.kind === "boolean" ? ' class="flag"' : "";
          return `<td${className}>${escapeText(displayCell(words, column.kind, row[column.key] ?? null))}</td>`;
        })
        .join("");
      return `<tr${row === table.total ? ' class="total"' : ""}>${cells}</tr>`;
    })
    .join("");
  return `<figure><figcaption>${caption}</figcaption><table class="figures"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></figure>`;
};

/** The charts drawn beside a section's tables: what a reader compares at a glance. */
const chartsFor = (words: ReportWords, report: Report, actual: ReportTable[], section: string): string[] => {
  const { t } = words;
  const figures = report.figures;
  const rowsOf = (id: ReportTable["id"]) => actual.find((table) => table.id === id)?.rows ?? [];
  const decimal = (value: number) => words.number(value, Number.isInteger(value) ? 0 : 1);
  const chart = (title: string, series: { name: string; color: string }[], bars: Bar[], format = (value: number) => words.number(value)) =>
    bars.length === 0 ? [] : [`<div class="chart"><p>${escapeText(title)}</p>${svgBarChart({ title, series, bars, format })}</div>`];
  if (section === "bulletins" && report.groupBy !== null) {
    return chart(
      t("tables.bulletins"),
      [{ name: t("columns.published"), color: colors.primary }],
      rowsOf("bulletins").map((row) => ({ label: String(row.group), values: [Number(row.published)] })),
    );
  }
  if (section === "messages") {
    return chart(
      t("tables.messages"),
      [
        { name: t("columns.delivered"), color: colors.primary },
        { name: t("columns.failed"), color: colors.secondary },
      ],
      rowsOf("messages").map((row) => ({ label: String(row.group), values: [Number(row.delivered), Number(row.failed)] })),
    );
  }
  if (section === "screens") {
    return chart(
      t("tables.uptime"),
      [{ name: t("columns.heardShare"), color: colors.tertiary }],
      figures.screens.uptime.map((row) => ({ label: row.screen, values: [row.heardShare] })),
      (value) => `${words.number(value * 100, 1)} %`,
    );
  }
  if (section === "radio") {
    return chart(
      t("columns.airedMinutes"),
      [{ name: t("columns.airedMinutes"), color: colors.primary }],
      rowsOf("radio").map((row) => ({ label: `${String(row.station)} (${String(row.language)})`, values: [Number(row.airedMinutes)] })),
      decimal,
    );
  }
  if (section === "speed") {
    return chart(
      t("tables.speed"),
      [
        { name: t("columns.medianSec"), color: colors.primary },
        { name: t("columns.p95Sec"), color: colors.secondary },
      ],
      rowsOf("speed")
        .filter((row) => typeof row.medianSec === "number")
        .map((row) => ({ label: [row.channel, row.urgency].filter(Boolean).join(", "), values: [Number(row.medianSec), Number(row.p95Sec ?? 0)] })),
      decimal,
    );
  }
  return [];
};

export const writeHtml = (words: ReportWords, report: Report, settings: ReportSettings): string => {
  const { t, language } = words;
  const counter = { table: 0 };
  const actual = figureTables(words, report, "actual");
  const drills = figureTables(words, report, "drills");
  const sections = [...new Set(actual.map((table) => table.section))];
  const subject = t("document.subject", { period: periodPhrase(words, report.period) });
  const place = placeDateLine(words, settingText(settings.place, language), report.generatedAt);
  const totals = report.figures;

  const masthead = [
    `<header class="masthead">`,
    `<div><p class="governing">${escapeText(settingText(settings.governingBody, language))}</p><p class="issuing">${escapeText(settingText(settings.issuingBody, language))}</p><div class="rule" style="width:25mm"></div><p class="number">${escapeText(t("document.number", { number: settings.documentNumber }))}</p></div>`,
    language === "vi"
      ? `<div><p class="national">${escapeText(t("document.nationalName"))}</p><p class="motto">${escapeText(t("document.motto"))}</p><div class="rule" style="width:58mm"></div><p class="place">${escapeText(place)}</p></div>`
      : `<div><p class="place">${escapeText(place)}</p></div>`,
    `</header>`,
  ].join("");

  const results = [
    `<h2>I. ${escapeText(t("sections.results"))}</h2>`,
    paragraph(
      t("document.summary", {
        published: words.number(totals.bulletins.totals.published),
        corrected: words.number(totals.bulletins.totals.corrected),
        withdrawn: words.number(totals.bulletins.totals.withdrawn),
        handedOver: words.number(totals.messages.totals.handedOver),
        delivered: words.number(totals.messages.totals.delivered),
        failed: words.number(totals.messages.totals.failed),
      }),
    ),
    ...sections.flatMap((section, index) => [
      `<h3>${index + 1}. ${escapeText(t(`sections.${section}`))}</h3>`,
      ...actual.filter((table) => table.section === section).map((table) => tableHtml(words, table, ++counter.table)),
      ...chartsFor(words, report, actual, section),
    ]),
    `<h3>${sections.length + 1}. ${escapeText(t("sections.drills"))}</h3>`,
    paragraph(t("document.drillsIntro")),
    ...drills
      .filter((table) => table.id === "bulletins" || table.id === "messages" || table.rows.length > 0)
      .map((table) => tableHtml(words, table, ++counter.table)),
    paragraph(t("document.generated", { at: words.dateTime(report.generatedAt) }), "note"),
  ];

  const department = (["assessment", "nextSteps", "proposals"] as const).flatMap((key, index) => {
    const paragraphs = settingParagraphs(settings.sections[key], language);
    return [
      `<h2>${["II", "III", "IV"][index]}. ${escapeText(t(`sections.${key}`))}</h2>`,
      ...(paragraphs.length > 0 ? paragraphs.map((text) => paragraph(text)) : [paragraph(t("document.toBeWritten"), "body note")]),
    ];
  });

  const closing = [
    `<footer class="closing">`,
    `<div class="recipients"><p class="label">${escapeText(t("document.recipients"))}</p>${settings.recipients.map((recipient) => `<p>- ${escapeText(settingText(recipient, language))}</p>`).join("")}</div>`,
    `<div class="signer">${settings.signer.authority ? `<p>${escapeText(settingText(settings.signer.authority, language))}</p>` : ""}<p>${escapeText(settingText(settings.signer.title, language))}</p><div class="space"></div><p class="name">${escapeText(settings.signer.name)}</p></div>`,
    `</footer>`,
  ].join("");

  return [
    `<!doctype html>`,
    `<html lang="${language}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeText(`${t("document.reportWord")} ${subject}`)}</title><style>${style}</style></head>`,
    `<body>`,
    masthead,
    `<h1><span>${escapeText(t("document.reportWord"))}</span><span>${escapeText(subject)}</span></h1>`,
    `<div class="rule" style="width:35mm"></div>`,
    `<p class="period">${escapeText(t("document.periodLine", periodDays(words, report.period)))}${report.groupBy ? `<br>${escapeText(t("document.groupedBy", { grouping: groupingName(words, report.groupBy) }))}` : ""}</p>`,
    `<main>`,
    ...results,
    ...department,
    `</main>`,
    closing,
    `</body>`,
    `</html>`,
  ].join("\n");
};
