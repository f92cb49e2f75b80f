// A real LibreTranslate stand-in on 127.0.0.1, port 0: `POST /translate` answers `{ translatedText }` with a
// deterministic fake translation ("[km] <text>", or the lookup table's entry), or misbehaves on request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeTranslateRequest = {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** the parsed JSON body, or the raw text when it is not JSON */
  body: unknown;
};

export type FakeLibreTranslateBehaviour =
  | { kind: "ok" }
  /** answer after delayMs (the translation itself is correct) */
  | { kind: "slow"; delayMs: number }
  /** answer with this HTTP status and a LibreTranslate-style `{ error }` body */
  | { kind: "status"; status: number; error?: string }
  /** 200 with a body that is not JSON */
  | { kind: "garbage" }
  /** 200 with this JSON (e.g. a wrong shape, or an empty translatedText) */
  | { kind: "json"; body: unknown };

export type FakeLibreTranslateOptions = {
  /** translations by target language and source text; missing entries fall back to "[target] text" */
  table?: Partial<Record<string, Record<string, string>>>;
  behaviour?: FakeLibreTranslateBehaviour;
};

export type FakeLibreTranslate = {
  url: string;
  /** every request received, in order */
  requests: FakeTranslateRequest[];
  /** change how the next requests are answered */
  setBehaviour: (behaviour: FakeLibreTranslateBehaviour) => void;
  close: () => Promise<void>;
};

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

export const fakeTranslation = (text: string, target: string, table?: FakeLibreTranslateOptions["table"]) => table?.[target]?.[text] ?? `[${target}] ${text}`;

export const startFakeLibreTranslate = async (options: FakeLibreTranslateOptions = {}): Promise<FakeLibreTranslate> => {
  let behaviour: FakeLibreTranslateBehaviour = options.behaviour ?? { kind: "ok" };
  const requests: FakeTranslateRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer(async (request, response) => {
    const raw = await readBody(request);
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // keep the raw text
    }
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    requests.push({ method: request.method ?? "", path, headers: request.headers, body });

    if (request.method !== "POST" || path !== "/translate") return sendJson(response, 404, { error: "Not Found" });
    const current = behaviour;
    if (current.kind === "status") return sendJson(response, current.status, { error: current.error ?? `fake error ${current.status}` });
    if (current.kind === "garbage") {
      response.writeHead(200, { "content-type": "text/html" });
      return response.end("<html><body>502 Bad Gateway? no, just garbage</body></html>");
    }
    if (current.kind === "json") return sendJson(response, 200, current.body);

    const { q, target } = (typeof body === "object" && body !== null ? body : {}) as { q?: unknown; target?: unknown };
    if (typeof q !== "string" || typeof target !== "string") return sendJson(response, 400, { error: "Invalid request: missing q or target" });
    const answer = () => sendJson(response, 200, { translatedText: fakeTranslation(q, target, options.table) });
    if (current.kind === "slow") {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) answer();
      }, current.delayMs);
      timers.add(timer);
      return;
    }
    answer();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setBehaviour: (next) => {
      behaviour = next;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** `start()` as in the other helpers: the same as startFakeLibreTranslate. */
export const start = startFakeLibreTranslate;
