// The radio stations' contract, /radio/v1: scripts for the station's area and languages after a cursor (withdrawn
// and superseded ones come round again, flagged), with audio links where synthesised or recorded; airings, logged once.
import { Hono } from "hono";
import { z } from "zod";
import { logScriptsFetched, recordAired, stationScripts } from "../../delivery/radio-scripts.ts";
import type { AppEnv } from "../app-env.ts";
import { describeRoute, json } from "../describe-route.ts";
import { anObject } from "../response-schemas.ts";
import { requireStation } from "../middleware/auth.ts";
import { strictJson } from "../middleware/json-body.ts";
import { validate } from "../middleware/validate.ts";

export const ScriptsQuerySchema = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,15}$/, "a cursor as given by an earlier answer (omit it to start from the beginning)")
    .optional()
    .transform((value) => (value ? Number(value) : 0)),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const AiredSchema = z.strictObject({ airedAt: z.iso.datetime({ offset: true }) });
const ScriptParamSchema = z.object({ id: z.uuid({ message: "not a script id" }) });

export const radioRoutes = new Hono<AppEnv>()
  .use(requireStation, strictJson)
  .get(
    "/scripts",
    describeRoute({
      summary:
        "Scripts for the station's area and languages changed after the cursor (new, audio added, withdrawn or superseded: flagged), oldest change first; answers the next cursor",
      tag: "radio",
      responses: { "200": json("The scripts, and the cursor to ask after next", anObject) },
    }),
    validate("query", ScriptsQuerySchema),
    async (c) => {
      const { db, clock, publicUrl } = c.get("deps");
      const station = c.get("station");
      const { after, limit } = c.req.valid("query");
      const now = clock();
      const { scripts, cursor } = await stationScripts(db, { station, after, limit, now, publicUrl });
      await logScriptsFetched(db, { station, scripts, at: now });
      return c.json(
        {
          station: { id: station.id, name: station.name, area: station.areaCode, languages: station.languages },
          generatedAt: now.toISOString(),
          cursor,
          scripts,
        },
        200,
      );
    },
  )
  .post(
    "/scripts/:id/aired",
    describeRoute({
      summary: "Report a script aired; a repeated report answers counted: false and is not logged again",
      tag: "radio",
      responses: { "200": json("Whether it was counted", anObject) },
    }),
    validate("param", ScriptParamSchema),
    validate("json", AiredSchema),
    async (c) => {
      const { db, clock } = c.get("deps");
      const result = await recordAired(db, {
        station: c.get("station"),
        scriptId: c.req.valid("param").id,
        airedAt: new Date(c.req.valid("json").airedAt),
        now: clock(),
      });
      return c.json(result, 200);
    },
  );
