// Machine-translation adapter: proposals only (a machine translation is a draft until a translator approves
// it). One implementation, LibreTranslate's HTTP API; none is needed to run.
import { z } from "zod";
import type { Language } from "../domain/index.ts";

export type MachineTranslationInput = { text: string; source: Language; target: Language };

export interface MachineTranslator {
  name: string;
  /** The translation; never empty. Rejects with MachineTranslationError. */
  translate(input: MachineTranslationInput, signal?: AbortSignal): Promise<string>;
}

export type MachineTranslationErrorCode =
  /** no answer within the timeout */
  | "mt_timeout"
  /** not reachable, 5xx, or another transport failure: worth retrying later */
  | "mt_unavailable"
  /** an answer we cannot use: not JSON, wrong shape, empty translation */
  | "mt_bad_response"
  /** 4xx: the provider refused this request (bad key, unsupported language pair, quota) */
  | "mt_refused";

export class MachineTranslationError extends Error {
  override readonly name = "MachineTranslationError";
  constructor(
    readonly code: MachineTranslationErrorCode,
    /** for people; carries the HTTP status where there is one, never the API key */
    readonly detail: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options);
  }
}

export type LibreTranslateOptions = { url: string; apiKey?: string; timeoutMs: number };

const TranslateResponse = z.object({ translatedText: z.string() });
const ErrorResponse = z.object({ error: z.string() });

/** The LibreTranslate error message of a failed response, if any, cut short and without the key. */
const providerMessage = (body: string, apiKey: string | undefined): string => {
  let message: string;
  try {
    const parsed = ErrorResponse.safeParse(JSON.parse(body));
    message = parsed.success ? parsed.data.error : "";
  } catch {
    message = "";
  }
  if (apiKey) message = message.replaceAll(apiKey, "[redacted]");
  message = message.replace(/\s+/g, " ").trim().slice(0, 200);
  return message ? `: ${message}` : "";
};

/** A MachineTranslator over LibreTranslate's `POST /translate`. */
export const createLibreTranslate = ({ url, apiKey, timeoutMs }: LibreTranslateOptions): MachineTranslator => {
  const endpoint = `${url.replace(/\/+$/, "")}/translate`;
  // the endpoint as shown in errors: no credentials, no query
  const shown = (() => {
    try {
      const parsed = new URL(endpoint);
      return `${parsed.origin}${parsed.pathname}`;
    } catch {
      return "the configured MT_URL";
    }
  })();

  return {
    name: "libretranslate",
    async translate({ text, source, target }, signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const pair = `${source}→${target}`;

      let response: Response;
      let body: string;
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ q: text, source, target, format: "text", ...(apiKey ? { api_key: apiKey } : {}) }),
          signal: combined,
        });
        body = await response.text();
      } catch (error) {
        if (timeout.aborted) {
          throw new MachineTranslationError("mt_timeout", `${shown} did not answer within ${timeoutMs} ms (${pair})`);
        }
        // the caller's own abort is not a provider failure: pass its reason on unchanged
        if (signal?.aborted) throw signal.reason;
        const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
        throw new MachineTranslationError("mt_unavailable", `${shown} unreachable (${pair}): ${reason}`, undefined, {
          cause: error,
        });
      }

      const { status } = response;
      if (status >= 400 && status < 500) {
        throw new MachineTranslationError("mt_refused", `${shown} refused the request with HTTP ${status} (${pair})${providerMessage(body, apiKey)}`, status);
      }
      if (!response.ok) {
        throw new MachineTranslationError("mt_unavailable", `${shown} answered HTTP ${status} (${pair})${providerMessage(body, apiKey)}`, status);
      }

      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new MachineTranslationError("mt_bad_response", `${shown} answered HTTP ${status} with a body that is not JSON (${pair})`, status);
      }
      const parsed = TranslateResponse.safeParse(json);
      if (!parsed.success) {
        throw new MachineTranslationError("mt_bad_response", `${shown} answered HTTP ${status} without a translatedText string (${pair})`, status);
      }
      const translated = parsed.data.translatedText;
      if (translated.trim() === "") {
        throw new MachineTranslationError("mt_bad_response", `${shown} answered HTTP ${status} with an empty translation (${pair})`, status);
      }
      return translated;
    },
  };
};
