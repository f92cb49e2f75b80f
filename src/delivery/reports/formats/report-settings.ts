// What a report document says that is not a figure: who issues it, where, who signs, who receives it, and the
// department's own paragraphs. Names of bodies change with reorganisations, so none of them is in the code; they
// come from a JSON file (infra/report-settings.json, or REPORT_SETTINGS_FILE), checked here once when it is read.
import { readFileSync } from "node:fs";
import { z } from "zod";

/** One text in Vietnamese and, optionally, English; an English report shows the Vietnamese where English is missing. */
const LocalizedTextSchema = z.strictObject({
  vi: z.string().trim().min(1, "must not be empty"),
  en: z.string().trim().min(1, "must not be empty").optional(),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const ParagraphsSchema = z.strictObject({
  vi: z.array(z.string().trim().min(1, "must not be empty")).default([]),
  en: z.array(z.string().trim().min(1, "must not be empty")).optional(),
});

export const ReportSettingsSchema = z.strictObject({
  /** the governing body, upper case as printed: "UBND TỈNH HÀ TĨNH" */
  governingBody: LocalizedTextSchema,
  /** the issuing body, upper case as printed: "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" */
  issuingBody: LocalizedTextSchema,
  /** what follows "Số:" ("     /BC-STTTT": the clerk writes the number in the gap) */
  documentNumber: z.string().min(1, "must not be empty"),
  /** the place in the date line: "Hà Tĩnh" */
  place: LocalizedTextSchema,
  signer: z.strictObject({
    /** "KT. GIÁM ĐỐC" when a deputy signs for the director; left out when the director signs */
    authority: LocalizedTextSchema.optional(),
    /** "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC" */
    title: LocalizedTextSchema,
    name: z.string().trim().min(1, "must not be empty"),
  }),
  /** "UBND tỉnh;", "Bộ Ngoại giao;", "Lưu: VT, TTĐN." in the order printed after "Nơi nhận:" */
  recipients: z.array(LocalizedTextSchema).min(1, "a report goes to someone: list at least one recipient"),
  /** sections II-IV are the department's own words; without them the document has headed, empty paragraphs */
  sections: z
    .strictObject({
      assessment: ParagraphsSchema.optional(),
      nextSteps: ParagraphsSchema.optional(),
      proposals: ParagraphsSchema.optional(),
    })
    .default({}),
});
export type ReportSettings = z.infer<typeof ReportSettingsSchema>;

export class ReportSettingsError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`report settings ${file} are not usable:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/** Checks settings already read (e.g. from a test or a request); throws ReportSettingsError naming every problem. */
export const parseReportSettings = (value: unknown, file = "(report settings)"): ReportSettings => {
  const result = ReportSettingsSchema.safeParse(value);
  if (!result.success) {
    throw new ReportSettingsError(
      file,
      result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(top level)"}: ${issue.message}`),
    );
  }
  return result.data;
};

/** Reads and checks the settings file; a missing file, bad JSON or a wrong field is a ReportSettingsError. */
export const loadReportSettings = (file: string): ReportSettings => {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportSettingsError(file, [
      code === "ENOENT" ? "the file does not exist (set REPORT_SETTINGS_FILE to the settings file)" : `cannot be read: ${code ?? String(error)}`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReportSettingsError(file, [`not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  return parseReportSettings(json, file);
};

/** The text for a language: English when the settings have it, else the Vietnamese. */
export const settingText = (text: LocalizedText, language: "vi" | "en") => (language === "en" ? (text.en ?? text.vi) : text.vi);

/** The department's paragraphs for a section in a language (English falls back to the Vietnamese). */
export const settingParagraphs = (paragraphs: { vi: string[]; en?: string[] | undefined } | undefined, language: "vi" | "en") =>
  paragraphs === undefined ? [] : language === "en" ? (paragraphs.en ?? paragraphs.vi) : paragraphs.vi;
