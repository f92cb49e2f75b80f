// A screen or station added or changed needs its renditions of what is already in force: the job is recorded in
// the transaction that adds or changes it, and queued once that has committed.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { urgencyPriority, type QueuedJob } from "../queue/job-queue.ts";
import { dispatchJobs, recordJob } from "../queue/outbox.ts";
import type { EndpointDeps } from "./endpoint-deps.ts";

/** Records the render-for-endpoint job; every change is its own work (the step renders the endpoint as it then is). */
export const recordRenderJob = (db: Db, endpoint: { kind: "screen" | "station"; id: string }) =>
  recordJob(db, {
    name: "render-for-endpoint",
    key: `render-for-endpoint:${endpoint.kind}:${endpoint.id}:${randomUUID()}`,
    payload: endpoint,
    // ahead of routine bulletins, behind urgent ones
    priority: urgencyPriority.priority,
  });

/** After commit: queues the job; a queue that is down (or absent) leaves it to the reconciler. */
export const dispatchRenderJob = async (deps: EndpointDeps, job: QueuedJob | undefined) => {
  if (!deps.queue) return;
  await dispatchJobs(deps.queue, [job], (error) => deps.logger?.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
};
