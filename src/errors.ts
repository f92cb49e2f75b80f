// AppError: a code union mapped to HTTP status, and its problem+json (RFC 9457) form.
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  invalid_encoding: 400,
  invalid_xml: 400,
  xml_doctype_forbidden: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  four_eyes: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  languages_not_approved: 409,
  sms_too_long: 422,
  slide_too_long: 422,
  audio_unreadable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const titles: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  invalid_json: "Malformed JSON",
  invalid_encoding: "Body is not valid UTF-8",
  invalid_xml: "Malformed XML",
  xml_doctype_forbidden: "XML with a DOCTYPE or entity declarations is not accepted",
  validation_failed: "Validation failed",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  four_eyes: "Four-eyes rule: you cannot approve a bulletin you wrote or edited",
  not_found: "Not found",
  conflict: "Conflict",
  invalid_transition: "Transition not allowed",
  languages_not_approved: "Some target languages have no approved text",
  sms_too_long: "SMS too long for a partner's policy",
  slide_too_long: "Text too long for a screen's slide",
  audio_unreadable: "The audio cannot be read",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  too_many_requests: "Too many requests",
  internal: "Internal server error",
  unavailable: "Service unavailable",
};

/** One problem of a refusal as structured data: the field it belongs to, our rule's id and its parameters (a place's
 *  code, a name), shaped like a zod custom issue, so the console words it in its reader's language
 *  (http/console/issue-messages.ts). Never sent: problem+json keeps the English `detail` and `errors`. */
export type RefusalIssue = { path: string[]; message: string; code: "custom"; params: { rule: string } & Record<string, unknown> };

export const refusalIssue = (path: string, message: string, rule: string, params: Record<string, unknown> = {}): RefusalIssue => ({
  path: path ? path.split(".") : [],
  message,
  code: "custom",
  params: { rule, ...params },
});

export const problemTypeBase = "https://bantin.example/problems/";

export class AppError extends Error {
  readonly status: number;
  /** seconds after which trying again makes sense: sent as Retry-After (a 503 while a dependency is down, a 429) */
  readonly retryAfter?: number;
  /** the refusal's problems as structured data, for the console's words (empty: only the English message is known) */
  readonly issues: readonly RefusalIssue[];
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
    options: { retryAfter?: number; issues?: readonly RefusalIssue[] } = {},
  ) {
    super(detail ?? titles[code]);
    this.status = errorStatus[code];
    this.issues = options.issues ?? [];
    if (options.retryAfter !== undefined) this.retryAfter = Math.max(1, Math.ceil(options.retryAfter));
  }

  toProblem(instance?: string) {
    return {
      type: `${problemTypeBase}${this.code.replaceAll("_", "-")}`,
      title: titles[this.code],
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }
}
