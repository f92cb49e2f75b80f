// Bodies are strict: JSON only (CAP import alone takes XML), valid UTF-8, well-formed, within the size limit;
// otherwise a clear 4xx.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";

export const maxBodyBytes = 1_048_576;

export const limitBody = (maxSize = maxBodyBytes) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("payload_too_large", `the body is larger than ${maxSize} bytes`, { maxBytes: maxSize });
    },
  });

/** The one route whose body is audio: an admin's voice recording (up to 25 MB; the route checks the type). */
export const recordingRoute = /^\/api\/v1\/bulletins\/[^/]+\/voice\/[^/]+\/recording$/;
export const maxRecordingBodyBytes = 25 * 1_048_576;
const isRecordingUpload = (method: string, path: string) => method === "PUT" && recordingRoute.test(path);

/** The body limit for the request: the default, or the recording route's. */
export const limitBodies = (): MiddlewareHandler<AppEnv> => {
  const standard = limitBody();
  const recording = limitBody(maxRecordingBodyBytes);
  return (c, next) => (isRecordingUpload(c.req.method, c.req.path) ? recording(c, next) : standard(c, next));
};

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The only routes whose body is not JSON: they take UTF-8 XML and parse (and check) it themselves. */
export const xmlBodyRoutes: readonly { method: string; path: string }[] = [{ method: "POST", path: "/api/v1/bulletins/import" }];
const xmlType = /^(application\/(cap\+)?xml|text\/xml)\s*(;|$)/i;
const foreignCharset = (type: string) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
  return charset !== undefined && !/^utf-?8$/i.test(charset) ? charset : undefined;
};

const decodeUtf8 = (raw: ArrayBuffer) => {
  try {
    return decoder.decode(raw);
  } catch {
    throw new AppError("invalid_encoding", "the body is not valid UTF-8");
  }
};

/** Reads and checks the body. Each audience mounts it after its authentication (`.use(requireUser, strictJson)`),
 *  so a body is read only for a caller with a valid token: `{bad` without one is a 401, not a 400. Sign-in alone
 *  reads its body unauthenticated. */
export const strictJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!["POST", "PUT", "PATCH"].includes(c.req.method) || isRecordingUpload(c.req.method, c.req.path)) return next();
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength === 0) return next();
  const type = c.req.header("content-type") ?? "";
  if (xmlBodyRoutes.some((route) => route.method === c.req.method && route.path === c.req.path)) {
    if (!xmlType.test(type)) throw new AppError("unsupported_media_type", "send the body as application/cap+xml (or application/xml, text/xml)");
    const charset = foreignCharset(type);
    if (charset) throw new AppError("unsupported_media_type", `send the body in UTF-8, not ${charset}`);
    decodeUtf8(raw);
    return next();
  }
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "send the body as application/json");
  }
  // JSON is UTF-8 (RFC 8259): a body said to be in another charset would be read as something it is not
  const jsonCharset = foreignCharset(type);
  if (jsonCharset) throw new AppError("unsupported_media_type", `send the body in UTF-8, not ${jsonCharset}`);
  const text = decodeUtf8(raw);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_json", `the body is not valid JSON: ${(error as Error).message}`);
  }
  const problem = unstorableText(body);
  if (problem) throw new AppError("validation_failed", `${problem.path || "the body"}: ${problem.message}`, { errors: [problem] });
  return next();
};

/** The first string (a value or a key) no database can store as text: a NUL character, or half a surrogate pair
 *  (JSON's \u escapes can say both); with its path. Every text field's own rules come after, in its schema.
 *  Walked with a stack of its own, so that a deeply nested body cannot overflow the call stack. */
export const unstorableText = (body: unknown): { path: string; message: string } | undefined => {
  const problemOf = (text: string, path: string) => {
    if (text.includes("\u0000")) return { path, message: "contains a NUL character (U+0000)" };
    if (!text.isWellFormed()) return { path, message: "contains an unpaired surrogate (not well-formed Unicode)" };
    return undefined;
  };
  const pending: { value: unknown; path: string }[] = [{ value: body, path: "" }];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === "string") {
      const problem = problemOf(value, path);
      if (problem) return problem;
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) pending.push({ value: value[index], path: join(path, String(index)) });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value).reverse()) {
        const problem = problemOf(key, join(path, key));
        if (problem) return problem;
        pending.push({ value: item, path: join(path, key) });
      }
    }
  }
  return undefined;
};
