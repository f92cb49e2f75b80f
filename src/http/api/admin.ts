import { Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";
import { requireRole } from "../../access/actor.ts";
import { issueToken, revokeToken } from "../../access/issue-token.ts";
import { ChangeUserSchema, CreateUserSchema, changeUser, createUser, listUsers, resetPassword } from "../../access/users.ts";
import { listPartners } from "../../db/queries/partners.ts";
import { listStations } from "../../db/queries/stations.ts";
import { listTokens } from "../../db/queries/tokens.ts";
import {
  CreatePartnerSchema,
  CreateScreenSchema,
  CreateStationSchema,
  UpdatePartnerSchema,
  UpdateScreenSchema,
  UpdateStationSchema,
} from "../../endpoints/endpoint-schemas.ts";
import { changePartner, changeScreen, changeStation } from "../../endpoints/change-endpoint.ts";
import { createPartner, createScreen, createStation } from "../../endpoints/create-endpoint.ts";
import { plainText, tokenKinds } from "../../domain/index.ts";
import { listScreensWithHealth } from "../../delivery/list-screens-with-health.ts";
import type { AppEnv } from "../app-env.ts";
import { describeRoute, json } from "../describe-route.ts";
import { anObject, IssuedTokenSchema, itemsOf, TokenListSchema, UserSchema } from "../response-schemas.ts";
import { validate } from "../middleware/validate.ts";

const adminOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireRole(c.get("actor"), "admin");
  await next();
};

/** Reading the endpoints' status is a reporting officer's work as much as an admin's; changing them is an admin's. */
const adminOrReporterReads: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireRole(c.get("actor"), "admin", "reporter");
  await next();
};

const IdParamSchema = z.object({ id: z.uuid() });
export const IssueTokenSchema = z.strictObject({ kind: z.enum(tokenKinds).exclude(["user"]), subjectId: z.uuid(), label: plainText({ max: 100 }).optional() });

const adminResources = ["users", "partners", "screens", "stations", "tokens"];
/** what a reporter may list as well: the endpoints, with their status */
const endpointResources = ["partners", "screens", "stations"];

export const adminRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    const resource = c.req.path.split("/")[3];
    if (resource && c.req.method === "GET" && endpointResources.includes(resource)) return adminOrReporterReads(c, next);
    if (resource && adminResources.includes(resource)) return adminOnly(c, next);
    await next();
  })
  .get(
    "/users",
    describeRoute({ summary: "Users (admin)", tag: "admin", responses: { "200": json("The users", z.object({ items: z.array(UserSchema) })) } }),
    async (c) => c.json({ items: await listUsers(c.get("deps").db) }, 200),
  )
  .post(
    "/users",
    describeRoute({
      summary: "Create a user; the password is shown once (admin)",
      tag: "admin",
      responses: { "201": json("The user, with its password this once", anObject) },
    }),
    validate("json", CreateUserSchema),
    async (c) => c.json(await createUser(c.get("deps").db, c.req.valid("json")), 201),
  )
  // roles, name, disabled (their sessions end); never one's own admin role or account
  .patch(
    "/users/:id",
    describeRoute({
      summary:
        "Change a user's name, roles or disabled state (admin); disabling ends their sessions; nobody removes their own admin role or disables themselves (409)",
      tag: "admin",
      responses: { "200": json("The user", UserSchema) },
    }),
    validate("param", IdParamSchema),
    validate("json", ChangeUserSchema),
    async (c) =>
      c.json(
        await changeUser(c.get("deps").db, { actor: c.get("actor"), id: c.req.valid("param").id, changes: c.req.valid("json"), now: c.get("deps").clock() }),
        200,
      ),
  )
  // a new generated password, shown once; the user's sessions end
  .post(
    "/users/:id/password",
    describeRoute({
      summary: "Reset a user's password: a new one is generated and shown once; their sessions end (admin)",
      tag: "admin",
      responses: { "200": json("The new password, this once", anObject) },
    }),
    validate("param", IdParamSchema),
    async (c) => c.json(await resetPassword(c.get("deps").db, { actor: c.get("actor"), id: c.req.valid("param").id, now: c.get("deps").clock() }), 200),
  )
  .get(
    "/partners",
    describeRoute({
      summary: "Telecom partners, each with its leaseSeconds (admin or reporter)",
      tag: "admin",
      responses: { "200": json("The partners", itemsOf("one per partner")) },
    }),
    async (c) => c.json({ items: await listPartners(c.get("deps").db) }, 200),
  )
  .post(
    "/partners",
    describeRoute({
      summary: "Create a partner; its token is shown once; leaseSeconds (30 to 3600, default 300) is how long it holds a claimed batch (admin)",
      tag: "admin",
      responses: { "201": json("The partner, with its token this once", anObject) },
    }),
    validate("json", CreatePartnerSchema),
    async (c) => c.json(await createPartner(c.get("deps").db, c.req.valid("json"), c.get("deps").clock()), 201),
  )
  // the lease of the batches it claims from now on; disabled: its tokens answer 401 until it is enabled again
  .patch(
    "/partners/:id",
    describeRoute({
      summary:
        "Change a partner's lease or disable or enable it (admin): batches it claims from now on are held leaseSeconds, batches already claimed keep theirs; a disabled partner's tokens answer 401 at once and new bulletins skip it, what waits for it stays waiting (a batch it had claimed is offered again after its lease) until it is enabled again",
      tag: "admin",
      responses: { "200": json("The partner", anObject) },
    }),
    validate("param", IdParamSchema),
    validate("json", UpdatePartnerSchema),
    async (c) =>
      c.json(
        await changePartner(c.get("deps").db, {
          id: c.req.valid("param").id,
          changes: c.req.valid("json"),
          actorId: c.get("actor").id,
          at: c.get("deps").clock(),
        }),
        200,
      ),
  )
  // each screen with its health: last contact, whether it shows the current feed, last fault, silent too long
  .get(
    "/screens",
    describeRoute({
      summary: "Screens with their health: last contact, up to date, last fault, silent too long (admin or reporter)",
      tag: "admin",
      responses: { "200": json("The screens", itemsOf("one per screen")) },
    }),
    async (c) => c.json({ items: await listScreensWithHealth(c.get("deps").db, c.get("deps").clock()) }, 200),
  )
  // a new screen, or a changed size, gate or languages: it gets its slides of everything in force at once (a job)
  .post(
    "/screens",
    describeRoute({
      summary: "Create a screen; its token is shown once; it gets slides of every bulletin in force at its gate at once, urgent first (admin)",
      tag: "admin",
      responses: { "201": json("The screen, with its token this once", anObject) },
    }),
    validate("json", CreateScreenSchema),
    async (c) => c.json(await createScreen(c.get("deps"), c.req.valid("json"), c.get("deps").clock()), 201),
  )
  .patch(
    "/screens/:id",
    describeRoute({
      summary:
        "Change a screen's name, size (or orientation), gate or languages, or disable or enable it (admin); a new size, gate or languages give it its slides of everything in force at once, and what no longer fits it leaves its feed; a disabled screen's tokens answer 401 at once and its event streams end; enabled again, it gets its slides of everything in force",
      tag: "admin",
      responses: { "200": json("The screen", anObject) },
    }),
    validate("param", IdParamSchema),
    validate("json", UpdateScreenSchema),
    async (c) =>
      c.json(
        await changeScreen(c.get("deps"), {
          id: c.req.valid("param").id,
          changes: c.req.valid("json"),
          actorId: c.get("actor").id,
          at: c.get("deps").clock(),
        }),
        200,
      ),
  )
  .get(
    "/stations",
    describeRoute({
      summary: "Radio stations (admin or reporter), with their on-air names per language and namesReviewed",
      tag: "admin",
      responses: { "200": json("The stations", itemsOf("one per station")) },
    }),
    async (c) => c.json({ items: await listStations(c.get("deps").db) }, 200),
  )
  .post(
    "/stations",
    describeRoute({
      summary:
        "Create a station; its token is shown once; it gets scripts of every bulletin in force in its area at once, urgent first (admin). names: what the intro calls it per language it broadcasts in (else `name`); namesReviewed defaults to false when there is a lo or km name",
      tag: "admin",
      responses: { "201": json("The station, with its token this once", anObject) },
    }),
    validate("json", CreateStationSchema),
    async (c) => c.json(await createStation(c.get("deps"), c.req.valid("json"), c.get("deps").clock()), 201),
  )
  .patch(
    "/stations/:id",
    describeRoute({
      summary:
        "Change a station's name, area, languages or on-air names, or disable or enable it (admin); a new area or languages give it scripts of everything in force there, after its cursor; an on-air name replaces that language's, null removes it, and a changed lo/km name is unreviewed unless namesReviewed: true is sent; a disabled station's tokens answer 401 at once; enabled again, it gets scripts of everything in force",
      tag: "admin",
      responses: { "200": json("The station", anObject) },
    }),
    validate("param", IdParamSchema),
    validate("json", UpdateStationSchema),
    async (c) =>
      c.json(
        await changeStation(c.get("deps"), {
          id: c.req.valid("param").id,
          changes: c.req.valid("json"),
          actorId: c.get("actor").id,
          at: c.get("deps").clock(),
        }),
        200,
      ),
  )
  .get(
    "/tokens",
    describeRoute({ summary: "Tokens, without their values (admin)", tag: "admin", responses: { "200": json("The tokens", TokenListSchema) } }),
    async (c) => c.json({ items: await listTokens(c.get("deps").db) }, 200),
  )
  .post(
    "/tokens",
    describeRoute({
      summary:
        "Issue another token for a partner, screen or station (admin), e.g. to replace one before revoking it; the token is shown once, only its SHA-256 is kept",
      tag: "admin",
      responses: { "201": json("The token, shown this once", IssuedTokenSchema) },
    }),
    validate("json", IssueTokenSchema),
    async (c) => {
      const input = c.req.valid("json");
      return c.json(await issueToken(c.get("deps").db, { ...input, now: c.get("deps").clock() }), 201);
    },
  )
  .post(
    "/tokens/:id/revoke",
    describeRoute({
      summary: "Revoke a token (admin)",
      tag: "admin",
      responses: { "200": json("The revoked token", z.object({ id: z.uuid(), revokedAt: z.iso.datetime({ offset: true }) })) },
    }),
    validate("param", IdParamSchema),
    async (c) => c.json(await revokeToken(c.get("deps").db, { id: c.req.valid("param").id, now: c.get("deps").clock() }), 200),
  );
