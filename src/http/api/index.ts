import { Hono } from "hono";
import { z } from "zod";
import { logIn, logOut } from "../../access/users.ts";
import { plainText } from "../../domain/plain-text.ts";
import type { AppEnv } from "../app-env.ts";
import { describeRoute, json } from "../describe-route.ts";
import { ActorSchema, SessionSchema } from "../response-schemas.ts";
import { requireUser } from "../middleware/auth.ts";
import { clientAddress } from "../middleware/client-address.ts";
import { strictJson } from "../middleware/json-body.ts";
import { validate } from "../middleware/validate.ts";
import { adminRoutes } from "./admin.ts";
import { memoryRoutes, placeRoutes, templateRoutes } from "./localization.ts";
import { bulletinRoutes } from "./bulletins.ts";
import { reportRoutes } from "./reports.ts";
import { voiceRoutes } from "./voice.ts";

export const LoginSchema = z.strictObject({ username: plainText({ max: 100 }), password: z.string().min(1).max(200) });

export const apiRoutes = new Hono<AppEnv>()
  .post(
    "/auth/login",
    describeRoute({
      summary: "Log in; returns a session token. Failed attempts are throttled per username and per client address",
      tag: "auth",
      responses: {
        "200": json("The session token and who it is for", SessionSchema),
        "429": {
          description: "Too many failed sign-ins: blocked for Retry-After seconds (doubling with each further failure)",
          headers: { "Retry-After": { schema: { type: "integer" } } },
          content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
        },
      },
    }),
    strictJson,
    validate("json", LoginSchema),
    async (c) => {
      const input = c.req.valid("json");
      const { db, clock, loginThrottle, trustProxy } = c.get("deps");
      return c.json(await logIn(db, { ...input, now: clock(), throttle: loginThrottle, address: clientAddress(c, trustProxy ?? 0) }), 200);
    },
  )
  // the token first: a body is read only for someone who may send it
  .use(requireUser, strictJson)
  // ends the session of the token presented; other sessions of the same user stay
  .post(
    "/auth/logout",
    describeRoute({
      summary: "Log out: the session token presented is revoked at once",
      tag: "auth",
      responses: { "204": { description: "Session ended" } },
      problems: ["401", "503"],
    }),
    async (c) => {
      await logOut(c.get("deps").db, { sessionTokenId: c.get("sessionTokenId"), now: c.get("deps").clock() });
      return c.body(null, 204);
    },
  )
  .get(
    "/me",
    describeRoute({
      summary: "Who the token belongs to: id, username and roles",
      tag: "auth",
      responses: { "200": json("The signed-in user", ActorSchema) },
      problems: ["401", "503"],
    }),
    (c) => c.json(c.get("actor"), 200),
  )
  .route("/bulletins", bulletinRoutes)
  .route("/bulletins", voiceRoutes)
  .route("/places", placeRoutes)
  .route("/templates", templateRoutes)
  .route("/translation-memory", memoryRoutes)
  .route("/reports", reportRoutes)
  .route("/", adminRoutes);
