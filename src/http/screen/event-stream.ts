// A screen's event stream written straight to Node's response. hono's streamSSE goes through a web TransformStream,
// a reader loop in @hono/node-server and a stash that keeps the request's whole context (request, deps, its child
// logger) alive for as long as the stream is open: about 80 KB per connected screen, 1,000 screens already most of
// an API process. Here an open stream is Node's socket and response and one small sink (docs/performance.md).
// Outside Node (app.request() in tests) the route keeps hono's streamSSE.
import { ServerResponse } from "node:http";
import type { Context } from "hono";
import type { FeedSink } from "./feed-events.ts";

/** @hono/node-server's marker: the response was written by the handler itself. */
const alreadySent = "x-hono-already-sent";

/** Node's response for this request, when the app is served by @hono/node-server over HTTP/1.1. */
export const nodeResponse = (c: Context): ServerResponse | undefined => {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? outgoing : undefined;
};

/** The last event encoded: a feed change goes to every connection of a screen, encoded once for all of them. */
let last: { event: string; data: string; id?: string; bytes: Buffer } | undefined;
const encode = (event: { event: string; data: string; id?: string }) => {
  if (last && last.data === event.data && last.event === event.event && last.id === event.id) return last.bytes;
  last = { ...event, bytes: Buffer.from(format(event)) };
  return last.bytes;
};

const format = (event: { event: string; data: string; id?: string }) => {
  if (/[\r\n]/.test(event.event) || (event.id !== undefined && /[\r\n]/.test(event.id))) throw new Error("an event name or id must be one line");
  const data = event.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join("\n");
  return `event: ${event.event}\n${data}\n${event.id !== undefined ? `id: ${event.id}\n` : ""}\n`;
};

/**
 * Opens the stream: `attach` registers the sink (its first `send` is the stream's first event) and returns the
 * unsubscribe, called once when the connection closes. Headers go out with the first event, so an `attach` that
 * throws (the server shutting down) still answers with an error status. The Response returned tells hono that
 * the answer is already on its way.
 */
export const openEventStream = async (c: Context, outgoing: ServerResponse, attach: (sink: FeedSink) => Promise<() => void>): Promise<Response> => {
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  // the headers hono's middleware set before the handler (the request id), then the stream's own
  const headers: Record<string, string> = {};
  c.res.headers.forEach((value, name) => (headers[name] = value));
  Object.assign(headers, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-content-type-options": "nosniff", connection: "keep-alive" });
  const write = (text: string | Buffer) => {
    if (closed) return Promise.reject(new Error("the event stream is closed"));
    if (!outgoing.headersSent) outgoing.writeHead(200, headers);
    outgoing.write(text);
    return Promise.resolve();
  };
  const sink: FeedSink = {
    send: (event) => write(encode(event)),
    ping: () => write(": ping\n\n"),
    close: () => {
      if (!outgoing.writableEnded) outgoing.end();
    },
  };
  outgoing.once("close", () => {
    closed = true;
    unsubscribe?.();
  });
  unsubscribe = await attach(sink);
  // the screen went away while it was being registered
  if (closed) unsubscribe();
  return new Response(null, { status: 200, headers: { [alreadySent]: "true" } });
};
