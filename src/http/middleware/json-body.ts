// Bodies are strict: JSON only, valid UTF-8, well-formed, within the size limit; otherwise a clear 4xx.
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

const decoder = new TextDecoder("utf-8", { fatal: true });

export const strictJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!["POST", "PUT", "PATCH"].includes(c.req.method)) return next();
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength === 0) return next();
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "send the body as application/json");
  }
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    throw new AppError("invalid_encoding", "the body is not valid UTF-8");
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_json", `the body is not valid JSON: ${(error as Error).message}`);
  }
  return next();
};
