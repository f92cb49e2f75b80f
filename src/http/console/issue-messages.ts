// A validation problem in the console reader's language. The schemas' messages are English and stay so for the API
// (problem+json); here each problem is worded again from its zod code and parameters, and our own rules from the
// `rule` they carry (plain-text.ts, bulletin-schemas.ts, template-schemas.ts, the preview's unknown places), and so
// are the use cases' refusals from the issues their AppError carries (a name taken, an unknown place: errors.ts).
import type { ConsoleLanguage } from "../../domain/index.ts";
import type { AppError } from "../../errors.ts";
import { fixedT } from "../../localize/i18n.ts";

/** A zod issue, or one shaped like it; without a code only its English message is known. */
export type IssueLike = {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  format?: string;
  params?: Record<string, unknown>;
};

const rules = new Set([
  "broken_unicode",
  "markup",
  "control",
  "bidi",
  "line_break",
  "after",
  "differ",
  "each_once",
  "text_or_template",
  "areas_required",
  "unknown_place",
  "place_kind",
  "place_exists",
  "own_parent",
  "name_taken",
  "not_broadcast",
  "past",
  "correction_open",
  "status_forbids",
  "not_editable",
  "four_eyes",
  "languages_not_approved",
  "source_missing",
  "kept_changing",
]);
const numeric = new Set(["number", "int", "bigint"]);
const patternFields = new Set(["username", "opens", "closes"]);

/** What the console calls a field a rule names ("from", "validFrom"): its label on the compose form. */
const fieldLabel = (language: ConsoleLanguage, field: string) => {
  const labels = fixedT(language, "console");
  for (const key of [`compose.fields.${field}`, `compose.${field}`]) if (labels(key, { defaultValue: "" })) return labels(key);
  return field;
};

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** A rule's parameters as its words insert them: field, language and place-kind names in the reader's language. */
const ruleValues = (language: ConsoleLanguage, params: Record<string, unknown>) => {
  const labels = fixedT(language, "console");
  const languageName = (code: unknown) => labels(`languages.${text(code)}`, { defaultValue: text(code) });
  const kindName = (kind: unknown) => labels(`admin.placeKinds.${text(kind)}`, { defaultValue: text(kind) });
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  return {
    field: text(params.field) ? fieldLabel(language, text(params.field)) : "",
    character: text(params.character),
    code: text(params.code),
    name: text(params.name),
    kind: kindName(params.kind),
    expected: list(params.expected).map(kindName).join(" / "),
    language: languageName(params.language),
    languages: list(params.languages).map(languageName).join(", "),
    status: labels(`statuses.${text(params.status)}`, { defaultValue: text(params.status) }),
  };
};

export const issueMessage = (language: ConsoleLanguage, issue: IssueLike): string => {
  const t = fixedT(language, "validation");
  const count = (value: number | bigint | undefined) => Number(value ?? 0);
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "array" || issue.origin === "set") return t("chooseAtLeast", { minimum: count(issue.minimum) });
      if (issue.origin === "string") return count(issue.minimum) <= 1 ? t("required") : t("tooShort", { minimum: count(issue.minimum) });
      return t("tooSmall", { minimum: count(issue.minimum) });
    case "too_big":
      if (issue.origin === "array" || issue.origin === "set") return t("tooMany", { maximum: count(issue.maximum) });
      if (issue.origin === "string") return t("tooLong", { maximum: count(issue.maximum) });
      return t("tooBig", { maximum: count(issue.maximum) });
    case "invalid_type":
      // a form sends text or nothing: a missing value, or text where a number belongs
      return numeric.has(issue.expected ?? "") ? t("notNumber") : t("required");
    case "invalid_value":
    case "invalid_union":
      return t("chooseOne");
    case "invalid_format": {
      if (issue.format === "date") return t("date");
      if (issue.format === "datetime") return t("dateTime");
      // a pattern's own words, by the field it checks (zod keeps no parameters on a pattern's issue)
      const field = String(issue.path[issue.path.length - 1] ?? "");
      return issue.format === "regex" && patternFields.has(field) ? t(`patterns.${field}`) : t("format");
    }
    case "custom": {
      const rule = String(issue.params?.rule ?? "");
      if (!rules.has(rule)) return language === "en" ? issue.message : t("invalid", { detail: issue.message });
      return t(`rules.${rule}`, ruleValues(language, issue.params ?? {}));
    }
    default:
      // no code: a message a use case wrote (an unknown place, a name taken); English is all there is
      return issue.code === undefined || language === "en" ? issue.message : t("invalid", { detail: issue.message });
  }
};

/** The words for every issue of a failed parse, in order. */
export const issueMessages = (language: ConsoleLanguage, issues: readonly IssueLike[]) => issues.map((issue) => issueMessage(language, issue));

/** A use case's refusal in the reader's language: its issues worded, or its English message where it carries none. */
export const refusalMessage = (language: ConsoleLanguage, error: AppError) =>
  error.issues.length > 0 ? issueMessages(language, error.issues).join("; ") : error.message;
