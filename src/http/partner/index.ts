// The telecom partners' contract, /partner/v1: claim a batch under a lease, re-read it, acknowledge it.
import { Hono } from "hono";
import { z } from "zod";
import { touchPartner } from "../../db/queries/partners.ts";
import { acknowledgeBatch, claimBatch, readBatch } from "../../delivery/batches.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";
import { created, describeRoute, json } from "../describe-route.ts";
import { anObject, BatchClaimSchema } from "../response-schemas.ts";
import { requirePartner } from "../middleware/auth.ts";
import { strictJson } from "../middleware/json-body.ts";
import { validate } from "../middleware/validate.ts";

export const ClaimSchema = z.strictObject({ max: z.number().int().min(1).max(1_000).default(100) });
const count = z.number().int().min(0).max(100_000_000);
export const AckSchema = z.strictObject({
  results: z
    .array(
      z.strictObject({
        messageId: z.uuid(),
        status: z.enum(["sent", "rejected"]),
        submitted: count,
        delivered: count,
        failed: count,
        reason: z
          .string()
          .regex(/^[a-z0-9_.-]{1,64}$/, "a reason code such as partner_rejected")
          .optional(),
      }),
    )
    .min(1)
    .max(1_000),
});
const BatchParamSchema = z.object({ id: z.uuid({ message: "not a batch id" }) });

export const partnerRoutes = new Hono<AppEnv>()
  .use(requirePartner, strictJson)
  .post(
    "/batches/claim",
    describeRoute({
      summary:
        "Claim a batch of waiting messages under a lease, urgent first; 200 {batch:null} when nothing waits. " +
        "`cancelled` lists earlier-claimed messages that must not be sent; `cancellations` lists the same messages as { messageId, reason, detail? }: " +
        "reason is the reason code (withdrawn, superseded, outside_validity), detail the editor's reason for a withdrawal",
      tag: "partner",
      responses: { "201": json("The batch claimed", BatchClaimSchema, created), "200": json("Nothing waits: { batch: null }", BatchClaimSchema) },
    }),
    validate("json", ClaimSchema.optional().default({ max: 100 })),
    async (c) => {
      const { db, clock, publicUrl } = c.get("deps");
      const partner = c.get("partner");
      const now = clock();
      await touchPartner(db, { id: partner.id, at: now });
      const batch = await claimBatch(db, { partnerId: partner.id, max: c.req.valid("json").max, now, leaseSeconds: partner.leaseSeconds, publicUrl });
      return batch ? c.json({ batch }, 201, { location: `/partner/v1/batches/${batch.id}` }) : c.json({ batch: null }, 200);
    },
  )
  .get(
    "/batches/:id",
    describeRoute({ summary: "Re-read a batch (idempotent)", tag: "partner", responses: { "200": json("The batch", BatchClaimSchema) } }),
    validate("param", BatchParamSchema),
    async (c) => {
      const batch = await readBatch(c.get("deps").db, { partnerId: c.get("partner").id, batchId: c.req.valid("param").id, publicUrl: c.get("deps").publicUrl });
      // another partner's batch is "not found", never "forbidden": its existence is not told
      if (!batch) throw new AppError("not_found", `no batch ${c.req.valid("param").id}`);
      return c.json({ batch }, 200);
    },
  )
  .post(
    "/batches/:id/ack",
    describeRoute({
      summary: "Report what was sent; acknowledging twice is harmless",
      tag: "partner",
      responses: { "200": json("What was counted", anObject) },
    }),
    validate("param", BatchParamSchema),
    validate("json", AckSchema),
    async (c) => {
      const { db, clock } = c.get("deps");
      // last_seen_at moves with the acknowledgement, in its transaction: a refused one leaves it as it was
      const result = await acknowledgeBatch(db, {
        partnerId: c.get("partner").id,
        batchId: c.req.valid("param").id,
        results: c.req.valid("json").results,
        now: clock(),
      });
      return c.json({ batchId: c.req.valid("param").id, ...result }, 200);
    },
  );
