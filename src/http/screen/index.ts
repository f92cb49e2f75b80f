// The border-gate screens' contract, /screen/v1: the feed (strong ETag, 304) and content-addressed slides.
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { touchScreen } from "../../db/queries/screens.ts";
import { currentFeed } from "../../delivery/screen-feed.ts";
import { screenSlide } from "../../delivery/screen-slide.ts";
import { logFeedServed, recordHeartbeat, recordPlays } from "../../delivery/screen-reports.ts";
import { plainText } from "../../domain/plain-text.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";
import { describeRoute, etagHeader, json, media, notModified } from "../describe-route.ts";
import { anObject, ScreenFeedSchema } from "../response-schemas.ts";
import { nodeResponse, openEventStream } from "./event-stream.ts";
import { requireScreen } from "../middleware/auth.ts";
import { chooseEncoding, createFeedBodies } from "./feed-bodies.ts";
import { strictJson } from "../middleware/json-body.ts";
import { validate } from "../middleware/validate.ts";

export const HeartbeatSchema = z.strictObject({
  playerVersion: plainText({ max: 64 }),
  // an entity tag as the feed's ETag header gave it (RFC 9110: quoted visible ASCII)
  feedEtag: z
    .string()
    .max(100)
    .regex(/^(W\/)?"[\x21\x23-\x7E]*"$/, "an ETag as the feed gave it")
    .optional(),
  cachedItems: z.array(z.uuid()).max(1_000).optional(),
  fault: plainText({ max: 500, lines: true }).optional(),
});
export const PlaysSchema = z.strictObject({
  plays: z
    .array(z.strictObject({ itemId: z.uuid(), startedAt: z.iso.datetime({ offset: true }), durationSec: z.number().min(0).max(3_600) }))
    .min(1)
    .max(1_000),
});

const SlideParamSchema = z.object({ file: z.string().regex(/^[0-9a-f]{32}\.png$/, "a slide file name as given in the feed") });

/** An If-None-Match header matches when it lists the tag (or *). */
const matches = (header: string | undefined, etag: string) => header?.split(",").some((candidate) => candidate.trim() === etag || candidate.trim() === "*");

/** Where the app was made without its own (createApp always gives one). */
const fallbackBodies = createFeedBodies({ maxEntries: 1_000 });

export const screenRoutes = new Hono<AppEnv>()
  .use(requireScreen, strictJson)
  .get(
    "/feed",
    describeRoute({
      summary: "The screen's feed, urgent first; strong ETag, If-None-Match answers 304",
      tag: "screen",
      responses: { "200": json("The feed", ScreenFeedSchema, etagHeader), "304": notModified },
    }),
    async (c) => {
      const { db, clock, feedEvents, feedBodies = fallbackBodies } = c.get("deps");
      const screen = c.get("screen");
      const now = clock();
      if (!feedEvents || feedEvents.shouldTouch(screen)) await touchScreen(db, { id: screen.id, at: now });
      const { items, etag } = feedEvents ? await feedEvents.feed(screen) : await currentFeed(db, screen, now);
      // the body differs by Accept-Encoding: caches on the way keep one per encoding
      const headers = { etag, "cache-control": "no-cache", vary: "Accept-Encoding" };
      if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
      if (!feedEvents || feedEvents.firstServed(screen, etag)) await logFeedServed(db, { screen, items, now });
      // serialized once per ETag (and compressed once per encoding asked for): generatedAt is when that was
      const body = await feedBodies.body(screen.id, etag, chooseEncoding(c.req.header("accept-encoding")), () =>
        JSON.stringify({
          screen: { id: screen.id, gate: screen.gateCode, languages: screen.languages, width: screen.width, height: screen.height },
          generatedAt: now.toISOString(),
          items,
        }),
      );
      return c.body(body.bytes, 200, {
        ...headers,
        "content-type": "application/json",
        ...(body.encoding === "identity" ? {} : { "content-encoding": body.encoding }),
      });
    },
  )
  .post(
    "/heartbeat",
    describeRoute({
      summary: "Player version, the feed ETag shown, cached items, last fault; answers upToDate",
      tag: "screen",
      responses: { "200": json("Whether the screen shows the current feed", anObject) },
    }),
    validate("json", HeartbeatSchema),
    async (c) => c.json(await recordHeartbeat(c.get("deps").db, { screen: c.get("screen"), heartbeat: c.req.valid("json"), now: c.get("deps").clock() }), 200),
  )
  .post(
    "/plays",
    describeRoute({
      summary: "What was played (late batches welcome); each (item, start) counts once",
      tag: "screen",
      responses: { "200": json("What was counted", anObject) },
    }),
    validate("json", PlaysSchema),
    async (c) => c.json(await recordPlays(c.get("deps").db, { screen: c.get("screen"), plays: c.req.valid("json").plays, now: c.get("deps").clock() }), 200),
  )
  // server-sent events: "feed" whenever this screen's feed changes (its data carries the new ETag)
  .get(
    "/events",
    describeRoute({
      summary: "Server-sent events: 'feed' with the new ETag whenever the feed changes",
      tag: "screen",
      responses: { "200": media("An event stream", { "text/event-stream": { type: "string" } }) },
    }),
    async (c) => {
      const events = c.get("deps").feedEvents;
      if (!events) throw new AppError("not_found", "server-sent events are not enabled on this server");
      const screen = c.get("screen");
      if (events.shouldTouch(screen)) await touchScreen(c.get("deps").db, { id: screen.id, at: c.get("deps").clock() });
      const outgoing = nodeResponse(c);
      if (outgoing) return openEventStream(c, outgoing, (sink) => events.subscribe(screen, sink));
      return streamSSE(c, async (stream) => {
        let close!: () => void;
        const closed = new Promise<void>((resolve) => (close = resolve));
        const unsubscribe = await events.subscribe(screen, {
          send: (event) => stream.writeSSE(event),
          ping: () => stream.write(": ping\n\n").then(() => undefined),
          close: () => close(),
        });
        stream.onAbort(() => close());
        await closed;
        unsubscribe();
      });
    },
  )
  .get(
    "/slides/:file",
    describeRoute({
      summary: "A slide of this screen's feed (PNG, content-addressed, Cache-Control: immutable)",
      tag: "screen",
      responses: { "200": media("The slide", { "image/png": { type: "string", format: "binary" } }, etagHeader) },
    }),
    validate("param", SlideParamSchema),
    async (c) => {
      const { db, clock } = c.get("deps");
      const file = c.req.valid("param").file;
      // a screen gets the slides of its own feed, nobody else's
      const slide = await screenSlide(db, { screen: c.get("screen"), file, now: clock() });
      if (!slide) throw new AppError("not_found", `no slide ${file} for this screen`);
      return c.body(new Uint8Array(slide.png), 200, {
        "content-type": "image/png",
        "cache-control": "public, max-age=31536000, immutable",
        etag: `"${file.slice(0, -4)}"`,
      });
    },
  );
