// Forms of the admin pages: what a browser posts (strings, repeated keys for checkboxes) turned into the shape the
// API's zod schemas take, and each problem the schema or the use case finds shown beside its field. The values
// typed are shown again as they were typed (hono/jsx escapes them: markup stays text).
import type { Child } from "hono/jsx";
import type { ConsoleLanguage } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import { issueMessage, type IssueLike } from "./issue-messages.ts";

/** What parseBody({ all: true }) gives: a string, or several for a repeated key. */
export type PostedForm = Record<string, string | File | (string | File)[]>;
/** The values to show in a form again: one text or several (checkboxes). */
export type FormValues = Record<string, string | string[]>;
/** Problems by field key ("name", "smsPolicy.sender"); "" for the form as a whole. */
export type FieldErrors = Record<string, string[]>;

export const textOf = (form: PostedForm, key: string) => {
  const value = form[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
};

export const listOf = (form: PostedForm, key: string) => {
  const value = form[key];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === "string");
};

/** A list typed into one field: "VN-HT, VN-TN" or one per line. */
export const splitList = (value: string) => value.split(/[\s,;]+/).filter((item) => item !== "");

/** A number field: a number when it reads as one, the text itself otherwise (so the schema says what is wrong),
 *  undefined when empty (so a default applies). */
export const numberField = (value: string) => {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
};

export const checked = (form: PostedForm, key: string) => textOf(form, key) === "on" || textOf(form, key) === "true";

/** The posted values, to fill the form again. */
export const valuesOf = (form: PostedForm): FormValues =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([key]) => key !== "_csrf")
      .map(([key, value]) => [key, Array.isArray(value) ? listOf(form, key) : typeof value === "string" ? value : ""]),
  );

type Issues = { issues: readonly IssueLike[] };

/** A zod error's problems by field, in the reader's language. `aliases` maps a schema path to the form's field
 *  ("areas" -> "gateCode"). */
export const fieldErrorsOf = (error: Issues, language: ConsoleLanguage, aliases: Record<string, string> = {}): FieldErrors => {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    const key = aliases[path] ?? aliases[String(issue.path[0] ?? "")] ?? path;
    (errors[key] ??= []).push(issueMessage(language, issue));
  }
  return errors;
};

/** A use case's refusal by field when it names them (unknown places, a name taken: their issues carry the field);
 *  the rest for the whole form. Anything but a 4xx the form can explain is thrown on. Worded in the reader's language
 *  from the issues the refusal carries (errors.ts); one that carries none keeps the use case's English words. */
export const useCaseErrors = (error: unknown, language: ConsoleLanguage, options: { aliases?: Record<string, string> } = {}): FieldErrors => {
  if (!(error instanceof AppError) || error.status >= 500 || error.status === 404 || error.status === 403) throw error;
  if (error.issues.length > 0) return fieldErrorsOf(error, language, options.aliases);
  const listed = error.extra.errors as { path: string; message: string }[] | undefined;
  if (listed?.length)
    return fieldErrorsOf({ issues: listed.map((item) => ({ path: item.path.split("."), message: item.message })) }, language, options.aliases);
  return { "": [error.message] };
};

/** The problems of a field and those of the fields inside it ("languages.1"). */
export const errorsFor = (errors: FieldErrors | undefined, key: string) =>
  Object.entries(errors ?? {})
    .filter(([path]) => path === key || path.startsWith(`${key}.`))
    .flatMap(([, messages]) => messages);

/** The problems no field shows. */
export const formErrors = (errors: FieldErrors | undefined, keys: readonly string[]) =>
  Object.entries(errors ?? {})
    .filter(([path]) => !keys.some((key) => path === key || path.startsWith(`${key}.`)))
    .flatMap(([, messages]) => messages);

/** The attributes that tie an input to its problem and hint. */
export const describedBy = (id: string, options: { errors?: string[]; hint?: boolean }) => {
  const ids = [options.hint ? `${id}-hint` : "", options.errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { ...(ids ? { "aria-describedby": ids } : {}), ...(options.errors?.length ? { "aria-invalid": "true" as const } : {}) };
};

export const FieldProblem = (props: { id: string; errors: string[] }) =>
  props.errors.length > 0 ? (
    <span class="field-error" id={`${props.id}-error`}>
      {props.errors.join("; ")}
    </span>
  ) : null;

/** A labelled text input with its hint and problems. */
export const TextField = (props: {
  id: string;
  name: string;
  label: string;
  value?: string | string[] | undefined;
  errors?: FieldErrors | undefined;
  errorKey?: string;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: "numeric" | "text" | undefined;
  wide?: boolean;
}) => {
  const errors = errorsFor(props.errors, props.errorKey ?? props.name);
  const value = Array.isArray(props.value) ? props.value.join(", ") : (props.value ?? "");
  return (
    <p class={props.wide ? "field wide" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <small id={`${props.id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        value={value}
        required={props.required}
        autocomplete={props.autocomplete ?? "off"}
        inputmode={props.inputmode}
        {...describedBy(props.id, { errors, hint: Boolean(props.hint) })}
      />
      <FieldProblem id={props.id} errors={errors} />
    </p>
  );
};

/** A group of checkboxes (languages, roles) with its legend and problems. */
export const CheckboxGroup = (props: {
  id: string;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  chosen: readonly string[];
  errors?: FieldErrors | undefined;
  errorKey?: string;
}) => {
  const errors = errorsFor(props.errors, props.errorKey ?? props.name);
  return (
    <fieldset class="choices" {...describedBy(props.id, { errors })}>
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label>
          <input type="checkbox" name={props.name} value={option.value} checked={props.chosen.includes(option.value)} /> {option.label}
        </label>
      ))}
      <FieldProblem id={props.id} errors={errors} />
    </fieldset>
  );
};

/** The problems of the form as a whole, above it. */
export const FormProblems = (props: { errors: string[]; title: string }) =>
  props.errors.length > 0 ? (
    <div class="error" role="alert">
      <p>{props.title}</p>
      <ul>
        {props.errors.map((message) => (
          <li>{message}</li>
        ))}
      </ul>
    </div>
  ) : null;

export const Notice = (props: { text?: string | undefined; children?: Child }) =>
  props.text ? (
    <p class="notice" role="status">
      {props.text}
    </p>
  ) : null;
