// The report as a Word document in the layout a Vietnamese department submits (Decree 30/2020/ND-CP): A4 portrait,
// Times New Roman 13 pt, margins 20/15/20/30 mm; the two-column header (governing and issuing body, number | the
// national name and motto, place and date), the title, numbered sections (I. figures and tables; II-IV the
// department's own words from the settings, or headed empty paragraphs), recipients and signature block. In English
// it is a plain report: issuing body, date, title, the same sections and tables, no motto. Page numbers from page 2.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type ITableCellBorders,
  type ParagraphChild,
} from "docx";
import type { Report } from "../../../domain/index.ts";
import { figureTables, displayCell, isNumeric, type ReportTable } from "./report-tables.ts";
import { settingParagraphs, settingText, type ReportSettings } from "./report-settings.ts";
import { groupingName, periodDays, periodPhrase, placeDateLine, type ReportWords } from "./report-words.ts";

const pt = (points: number) => points * 2; // docx sizes are half-points
const bodySize = pt(13);
const textWidth = convertMillimetersToTwip(210 - 30 - 15);
const noBorder = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const noBorders: ITableCellBorders = { top: noBorder, bottom: noBorder, left: noBorder, right: noBorder };
const thinBorder = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

type Line = { text: string; bold?: boolean; italics?: boolean; size?: number; allCaps?: boolean };

const centred = (line: Line, spacingAfter = 0) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: spacingAfter },
    children: [new TextRun({ text: line.text, bold: line.bold, italics: line.italics, size: line.size ?? bodySize })],
  });

/** The short centred rule under the issuing body and under the motto: a bordered, indented empty paragraph. */
const shortRule = (cellWidth: number, ruleWidth: number) => {
  const indent = Math.max(0, Math.round((cellWidth - ruleWidth) / 2));
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: 40, after: 120 },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [new TextRun({ text: "", size: pt(4) })],
  });
};

const body = (text: string, options: { italics?: boolean; bold?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: convertMillimetersToTwip(10) },
    spacing: { before: 60, after: 60, line: 300 },
    children: [new TextRun({ text, size: bodySize, italics: options.italics, bold: options.bold })],
  });

const heading = (text: string, level: 1 | 2) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: level === 2 ? { firstLine: convertMillimetersToTwip(10) } : undefined,
    spacing: { before: level === 1 ? 240 : 160, after: 80 },
    keepNext: true,
    children: [new TextRun({ text, bold: true, size: bodySize })],
  });

const cellParagraph = (text: string, options: { bold?: boolean; right?: boolean; center?: boolean; size: number }) =>
  new Paragraph({
    alignment: options.right ? AlignmentType.RIGHT : options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    children: [new TextRun({ text, bold: options.bold, size: options.size })],
  });

/** A figures table: caption "Bảng n. ...", bold header row repeated on every page, numbers right-aligned. The code
 *  column is for machines (CSV, Excel) and is left out here: every row has a name in words. */
const figuresTable = (words: ReportWords, table: ReportTable, number: number): (Paragraph | Table)[] => {
  const columns = table.columns.filter((column) => column.key !== "key");
  const rows = [...table.rows, ...(table.total ? [table.total] : [])];
  const caption = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 160, after: 80 },
    keepNext: true,
    children: [new TextRun({ text: words.t("tables.caption", { number, title: table.title }), bold: true, size: pt(12) })],
  });
  if (table.rows.length === 0) return [caption, body(words.t("document.noFigures"), { italics: true })];
  const textColumns = columns.filter((column) => !isNumeric(column.kind) && column.kind !== "boolean").length;
  const otherColumns = columns.length - textColumns;
  // text columns share what the figures leave; figures get at most 24 mm, less when there are many of them, so a
  // text column keeps at least 32 mm
  const figureWidth = Math.round(
    Math.min(
      textWidth / columns.length,
      convertMillimetersToTwip(24),
      otherColumns > 0 ? (textWidth - textColumns * convertMillimetersToTwip(32)) / otherColumns : Infinity,
    ),
  );
  const fontSize = columns.length > 6 ? pt(10) : pt(11);
  const textColumnWidth = textColumns > 0 ? Math.round((textWidth - figureWidth * otherColumns) / textColumns) : 0;
  const widths = columns.map((column) => (!isNumeric(column.kind) && column.kind !== "boolean" ? textColumnWidth : figureWidth));
  const borders = { top: thinBorder, bottom: thinBorder, left: thinBorder, right: thinBorder };
  const cell = (paragraph: Paragraph, width: number) =>
    new TableCell({
      children: [paragraph],
      width: { size: width, type: WidthType.DXA },
      borders,
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
    });
  return [
    caption,
    new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: columns.map((column, index) => cell(cellParagraph(column.header, { bold: true, center: true, size: fontSize }), widths[index]!)),
        }),
        ...rows.map(
          (row) =>
            new TableRow({
              cantSplit: true,
              children: columns.map((column, index) =>
                cell(
                  cellParagraph(displayCell(words, column.kind, row[column.key] ?? null), {
                    bold: row === table.total,
                    right: isNumeric(column.kind),
                    center: column.kind === "boolean",
                    size: fontSize,
                  }),
                  widths[index]!,
                ),
              ),
            }),
        ),
      ],
    }),
  ];
};

const numberedSubsections = (words: ReportWords, tables: ReportTable[], counter: { table: number }, firstNumber: number) => {
  const sectionIds = [...new Set(tables.map((table) => table.section))];
  return sectionIds.flatMap((section, index) => [
    heading(`${firstNumber + index}. ${words.t(`sections.${section}`)}`, 2),
    ...tables.filter((table) => table.section === section).flatMap((table) => figuresTable(words, table, ++counter.table)),
  ]);
};

const headerTable = (words: ReportWords, report: Report, settings: ReportSettings) => {
  // the header is wider than the text (into the left margin), as departments print it, so the national name and a
  // long issuing body each keep to one line
  const outdent = convertMillimetersToTwip(14);
  const left = convertMillimetersToTwip(82);
  const right = textWidth + outdent - left;
  const place = placeDateLine(words, settingText(settings.place, words.language), report.generatedAt);
  const leftCell = [
    centred({ text: settingText(settings.governingBody, words.language).toUpperCase(), size: pt(12) }),
    centred({ text: settingText(settings.issuingBody, words.language).toUpperCase(), bold: true, size: pt(12) }, 40),
    shortRule(left, convertMillimetersToTwip(25)),
    centred({ text: words.t("document.number", { number: settings.documentNumber }), size: pt(13) }),
  ];
  const rightCell =
    words.language === "vi"
      ? [
          centred({ text: words.t("document.nationalName"), bold: true, size: pt(12) }),
          centred({ text: words.t("document.motto"), bold: true, size: pt(13) }, 40),
          shortRule(right, convertMillimetersToTwip(58)),
          centred({ text: place, italics: true, size: pt(13) }),
        ]
      : [centred({ text: place, italics: true, size: pt(13) })];
  return new Table({
    width: { size: left + right, type: WidthType.DXA },
    indent: { size: -outdent, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: { top: noBorder, bottom: noBorder, left: noBorder, right: noBorder, insideHorizontal: noBorder, insideVertical: noBorder },
    rows: [
      new TableRow({
        children: [
          new TableCell({ children: leftCell, width: { size: left, type: WidthType.DXA }, borders: noBorders }),
          new TableCell({ children: rightCell, width: { size: right, type: WidthType.DXA }, borders: noBorders }),
        ],
      }),
    ],
  });
};

const signatureTable = (words: ReportWords, settings: ReportSettings) => {
  const left = Math.round(textWidth * 0.5);
  const right = textWidth - left;
  const recipients = [
    new Paragraph({ children: [new TextRun({ text: words.t("document.recipients"), bold: true, italics: true, size: pt(12) })] }),
    ...settings.recipients.map(
      (recipient) => new Paragraph({ children: [new TextRun({ text: `- ${settingText(recipient, words.language)}`, size: pt(11) })] }),
    ),
  ];
  const signer = [
    ...(settings.signer.authority ? [centred({ text: settingText(settings.signer.authority, words.language).toUpperCase(), bold: true, size: pt(13) })] : []),
    centred({ text: settingText(settings.signer.title, words.language).toUpperCase(), bold: true, size: pt(13) }),
    // room for the signature and the seal
    ...Array.from({ length: 4 }, () => centred({ text: "" })),
    centred({ text: settings.signer.name, bold: true, size: pt(13) }),
  ];
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: { top: noBorder, bottom: noBorder, left: noBorder, right: noBorder, insideHorizontal: noBorder, insideVertical: noBorder },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ children: recipients, width: { size: left, type: WidthType.DXA }, borders: noBorders }),
          new TableCell({ children: signer, width: { size: right, type: WidthType.DXA }, borders: noBorders }),
        ],
      }),
    ],
  });
};

const romanSections = ["I", "II", "III", "IV"] as const;

export const writeDocx = async (words: ReportWords, report: Report, settings: ReportSettings): Promise<Buffer> => {
  const { t, language } = words;
  const totals = report.figures;
  const counter = { table: 0 };
  const actual = figureTables(words, report, "actual");
  const drills = figureTables(words, report, "drills");
  const departmentSection = (key: "assessment" | "nextSteps" | "proposals", index: number) => {
    const paragraphs = settingParagraphs(settings.sections[key], language);
    return [
      heading(`${romanSections[index]}. ${t(`sections.${key}`)}`, 1),
      ...(paragraphs.length > 0 ? paragraphs.map((text) => body(text)) : [body(t("document.toBeWritten"), { italics: true })]),
    ];
  };
  const days = periodDays(words, report.period);

  const children: (Paragraph | Table)[] = [
    headerTable(words, report, settings),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    centred({ text: t("document.reportWord"), bold: true, size: pt(14) }),
    centred({ text: t("document.subject", { period: periodPhrase(words, report.period) }), bold: true, size: pt(14) }, 60),
    shortRule(textWidth, convertMillimetersToTwip(35)),
    centred({ text: t("document.periodLine", days), italics: true, size: pt(13) }, 60),
    ...(report.groupBy
      ? [centred({ text: t("document.groupedBy", { grouping: groupingName(words, report.groupBy) }), italics: true, size: pt(13) }, 120)]
      : []),
    heading(`${romanSections[0]}. ${t("sections.results")}`, 1),
    body(
      t("document.summary", {
        published: words.number(totals.bulletins.totals.published),
        corrected: words.number(totals.bulletins.totals.corrected),
        withdrawn: words.number(totals.bulletins.totals.withdrawn),
        handedOver: words.number(totals.messages.totals.handedOver),
        delivered: words.number(totals.messages.totals.delivered),
        failed: words.number(totals.messages.totals.failed),
      }),
    ),
    ...numberedSubsections(words, actual, counter, 1),
    heading(`${new Set(actual.map((table) => table.section)).size + 1}. ${t("sections.drills")}`, 2),
    body(t("document.drillsIntro")),
    ...drills
      .filter((table) => table.id === "bulletins" || table.id === "messages" || table.rows.length > 0)
      .flatMap((table) => figuresTable(words, table, ++counter.table)),
    new Paragraph({
      spacing: { before: 120 },
      children: [new TextRun({ text: t("document.generated", { at: words.dateTime(report.generatedAt) }), italics: true, size: pt(11) })],
    }),
    ...departmentSection("assessment", 1),
    ...departmentSection("nextSteps", 2),
    ...departmentSection("proposals", 3),
    new Paragraph({ spacing: { before: 120 }, children: [] }),
    signatureTable(words, settings),
  ];

  const pageNumber: ParagraphChild[] = [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })];
  const document = new Document({
    creator: "bantin",
    title: `${t("document.reportWord")} ${t("document.subject", { period: periodPhrase(words, report.period) })}`,
    styles: { default: { document: { run: { font: "Times New Roman", size: bodySize } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(30),
              right: convertMillimetersToTwip(15),
            },
          },
        },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: pageNumber })] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
};
