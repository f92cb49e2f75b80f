import { Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";
import { requireRole } from "../../access/actor.ts";
import { issueToken, revokeToken } from "../../access/issue-token.ts";
import { ChangeUserSchema, CreateUserSchema, changeUser, createUser, listUsers, resetPassword } from "../../access/users.ts";
import { listPartners } from "../../db/queries/partners.ts";
import { listStations } from "../../db/queries/stations.ts";
import { listTokens } from "../../db/queries/tokens.ts";
import { CreatePartnerSchema, CreateScreenSchema, CreateStationSchema, UpdatePartnerSchema, UpdateScreenSchema, UpdateStationSchema } from "../../endpoints/endpoint-schemas.ts";
import { changePartner, changeScreen, changeStation } from "../../endpoints/change-endpoint.ts";
import { createPartner, createScreen, createStation } from "../../endpoints/create-endpoint.ts";
import { plainText, tokenKinds } from "../../domain/index.ts";
import { listScreensWithHealth } from "../../delivery/list-screens-with-health.ts";
import type { AppEnv } from "../app-env.ts";
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
  .get("/users", async (c) => c.json({ items: await listUsers(c.get("deps").db) }, 200))
  .post("/users", validate("json", CreateUserSchema), async (c) => c.json(await createUser(c.get("deps").db, c.req.valid("json")), 201))
  // roles, name, disabled (their sessions end); never one's own admin role or account
  .patch("/users/:id", validate("param", IdParamSchema), validate("json", ChangeUserSchema), async (c) =>
    c.json(await changeUser(c.get("deps").db, { actor: c.get("actor"), id: c.req.valid("param").id, changes: c.req.valid("json"), now: c.get("deps").clock() }), 200),
  )
  // a new generated password, shown once; the user's sessions end
  .post("/users/:id/password", validate("param", IdParamSchema), async (c) =>
    c.json(await resetPassword(c.get("deps").db, { actor: c.get("actor"), id: c.req.valid("param").id, now: c.get("deps").clock() }), 200),
  )
  .get("/partners", async (c) => c.json({ items: await listPartners(c.get("deps").db) }, 200))
  .post("/partners", validate("json", CreatePartnerSchema), async (c) =>
    c.json(await createPartner(c.get("deps").db, c.req.valid("json"), c.get("deps").clock()), 201),
  )
  // the lease of the batches it claims from now on
  .patch("/partners/:id", validate("param", IdParamSchema), validate("json", UpdatePartnerSchema), async (c) =>
    c.json(await changePartner(c.get("deps").db, { id: c.req.valid("param").id, changes: c.req.valid("json"), actorId: c.get("actor").id, at: c.get("deps").clock() }), 200),
  )
  // each screen with its health: last contact, whether it shows the current feed, last fault, silent too long
  .get("/screens", async (c) => c.json({ items: await listScreensWithHealth(c.get("deps").db, c.get("deps").clock()) }, 200))
  // a new screen, or a changed size, gate or languages: it gets its slides of everything in force at once (a job)
  .post("/screens", validate("json", CreateScreenSchema), async (c) =>
    c.json(await createScreen(c.get("deps"), c.req.valid("json"), c.get("deps").clock()), 201),
  )
  .patch("/screens/:id", validate("param", IdParamSchema), validate("json", UpdateScreenSchema), async (c) =>
    c.json(await changeScreen(c.get("deps"), { id: c.req.valid("param").id, changes: c.req.valid("json") }), 200),
  )
  .get("/stations", async (c) => c.json({ items: await listStations(c.get("deps").db) }, 200))
  .post("/stations", validate("json", CreateStationSchema), async (c) =>
    c.json(await createStation(c.get("deps"), c.req.valid("json"), c.get("deps").clock()), 201),
  )
  .patch("/stations/:id", validate("param", IdParamSchema), validate("json", UpdateStationSchema), async (c) =>
    c.json(await changeStation(c.get("deps"), { id: c.req.valid("param").id, changes: c.req.valid("json"), actorId: c.get("actor").id, at: c.get("deps").clock() }), 200),
  )
  .get("/tokens", async (c) => c.json({ items: await listTokens(c.get("deps").db) }, 200))
  .post("/tokens", validate("json", IssueTokenSchema), async (c) => {
    const input = c.req.valid("json");
    return c.json(await issueToken(c.get("deps").db, { ...input, now: c.get("deps").clock() }), 201);
  })
  .post("/tokens/:id/revoke", validate("param", IdParamSchema), async (c) =>
    c.json(await revokeToken(c.get("deps").db, { id: c.req.valid("param").id, now: c.get("deps").clock() }), 200),
  );
