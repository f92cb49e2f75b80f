// The delivery view's live updates: GET /bulletins/:id/delivery/events, server-sent events for a console session
// (the bulletin page's readers: any signed-in person), and the small script that applies them to the table.
// Every update is text in the reader's language; the stream ends with the session (expiry, sign-out anywhere).
import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { getUser } from "../../db/queries/users.ts";
import { getBulletin } from "../../db/queries/bulletins.ts";
import { AppError } from "../../errors.ts";
import { fixedT } from "../../localize/i18n.ts";
import type { AppEnv } from "../app-env.ts";
import { findToken } from "../middleware/auth.ts";
import { deliveryScript, deliveryUpdate } from "./delivery-section.tsx";
import { sessionToken } from "./session.ts";

const script = readFileSync(new URL("./assets/delivery.js", import.meta.url), "utf8");

export const deliveryRoutes = new Hono<AppEnv>()
  .get(deliveryScript, (c) => c.body(script, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }))
  .get("/bulletins/:id/delivery/events", async (c) => {
    const { db, clock, deliveryEvents } = c.get("deps");
    // an event stream is no page: without a live console session it is refused (401), not sent to the sign-in form,
    // so a browser's EventSource stops instead of reconnecting for ever
    const token = sessionToken(c);
    const session = token ? await findToken(db, { kind: "user", token, now: clock() }) : undefined;
    const user = session ? await getUser(db, session.subjectId) : undefined;
    if (!token || !session || !user || user.disabled) throw new AppError("unauthenticated", "sign in to the console first");
    const id = c.req.param("id");
    if (!z.uuid().safeParse(id).success || !(await getBulletin(db, id))) throw new AppError("not_found", `no bulletin ${id}`);
    if (!deliveryEvents) throw new AppError("not_found", "server-sent events are not enabled on this server");
    const t = fixedT(user.consoleLanguage, "console");
    c.header("x-accel-buffering", "no");
    c.header("cache-control", "no-store");
    return streamSSE(c, async (stream) => {
      let close!: () => void;
      const closed = new Promise<void>((resolve) => (close = resolve));
      stream.onAbort(() => close());
      let sequence = 0;
      const unsubscribe = await deliveryEvents.subscribe(id, {
        send: async (update) => {
          sequence += 1;
          await stream.writeSSE({ event: "delivery", data: JSON.stringify(deliveryUpdate(t, user.consoleLanguage, update, clock())), id: String(sequence) });
        },
        ping: () => stream.write(": ping\n\n").then(() => undefined),
        sessionLive: async () => Boolean(await findToken(db, { kind: "user", token, now: clock() })),
        expiresAt: session.expiresAt,
        close: () => close(),
      });
      await closed;
      unsubscribe();
    });
  });
