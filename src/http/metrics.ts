// Prometheus metrics at /metrics: one registry per app (nothing global, so two apps in one process, as in the tests,
// never share or clash). HTTP requests are counted by this process as they are answered; everything about the
// pipeline is read at scrape time from the database and the queue, which every API and worker process shares, so any
// API process tells the whole truth and a restart loses nothing.
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { Counter, Gauge, Histogram, Registry, type Metric } from "prom-client";
import {
  approveToFirstHandOverHistogram,
  approveToPublishedHistogram,
  countBatches,
  countBulletinsByStatus,
  countJobsByNameAndStatus,
  countSilentScreens,
  countVoiceNeedingRecording,
  jobDurationHistogram,
  type HistogramSeries,
} from "../db/queries/metrics.ts";
import { silentAfterMs } from "../delivery/screen-reports.ts";
import { bulletinStatuses } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { queueNames, urgencyPriority } from "../queue/job-queue.ts";
import type { AppDeps, AppEnv } from "./app-env.ts";
import type { RequestObserver } from "./middleware/request-log.ts";

/** The delivery-log events that hand a bulletin over on its channel: the first of them ends "approve to hand-over". */
export const handOverEvents = ["message.claimed", "display.served", "radio.fetched"] as const;

const pipelineBuckets = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1_800, 3_600, 21_600, 86_400];
const jobBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1_800];
const httpBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A histogram whose series are counted by the database at each scrape (prom-client's Histogram only counts what
 *  this process observes). It hands the registry what a Histogram's get() does: bucket, sum and count lines. */
const databaseHistogram = (options: { name: string; help: string; buckets: number[]; read: () => Promise<HistogramSeries[]> }) => ({
  name: options.name,
  help: options.help,
  type: "histogram" as const,
  aggregator: "sum" as const,
  collect: () => {},
  reset: () => {},
  get: async () => {
    const series = await options.read();
    return {
      name: options.name,
      help: options.help,
      type: "histogram" as const,
      aggregator: "sum" as const,
      values: series.flatMap(({ labels, buckets, count, sum }) => [
        ...options.buckets.map((le, index) => ({ metricName: `${options.name}_bucket`, labels: { ...labels, le }, value: buckets[index] ?? 0 })),
        { metricName: `${options.name}_bucket`, labels: { ...labels, le: "+Inf" }, value: count },
        { metricName: `${options.name}_sum`, labels, value: sum },
        { metricName: `${options.name}_count`, labels, value: count },
      ]),
    };
  },
});

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** The registry of one app, what the request middleware reports to, and the /metrics route. */
export const createMetrics = (deps: AppDeps) => {
  const registry = new Registry();
  const registers = [registry];
  const { db, queue, clock } = deps;

  const requestDuration = new Histogram({
    name: "bantin_http_request_duration_seconds",
    help: "HTTP requests answered by this process, by method, route template and status (its _count is the number of requests)",
    labelNames: ["method", "route", "status"] as const,
    buckets: httpBuckets,
    registers,
  });
  const observeRequest: RequestObserver = ({ method, route, status, seconds }) => requestDuration.observe({ method, route, status: String(status) }, seconds);

  new Gauge({
    name: "bantin_bulletins",
    help: "Bulletins by status",
    labelNames: ["status"] as const,
    registers,
    async collect() {
      const rows = await countBulletinsByStatus(db);
      this.reset();
      for (const status of bulletinStatuses) this.set({ status }, rows.find((row) => row.status === status)?.count ?? 0);
    },
  });

  for (const histogram of [
    databaseHistogram({
      name: "bantin_approve_to_published_seconds",
      help: "Seconds from a bulletin's approval to its publication, per channel it goes out on and urgency",
      buckets: pipelineBuckets,
      read: () => approveToPublishedHistogram(db, pipelineBuckets),
    }),
    databaseHistogram({
      name: "bantin_approve_to_first_hand_over_seconds",
      help: "Seconds from a bulletin's approval to its first hand-over on a channel (message claimed by a partner, feed item served to a screen, script fetched by a station), per channel and urgency",
      buckets: pipelineBuckets,
      read: () => approveToFirstHandOverHistogram(db, { buckets: pipelineBuckets, handOverEvents }),
    }),
    databaseHistogram({
      name: "bantin_job_duration_seconds",
      help: "Seconds from a job being recorded in the outbox to done (waiting, running and retries), per queue and job name",
      buckets: jobBuckets,
      read: async () =>
        (await jobDurationHistogram(db, { buckets: jobBuckets, urgentAtOrBelow: urgencyPriority.urgent })).map((series) => ({
          ...series,
          labels: { queue: series.labels.lane === "urgent" ? queueNames.urgent : queueNames.routine, name: series.labels.name ?? "" },
        })),
    }),
  ]) {
    // prom-client's Metric type lists its own classes; the registry only calls get() (see databaseHistogram)
    registry.registerMetric(histogram as unknown as Metric);
  }

  new Gauge({
    name: "bantin_outbox_jobs",
    help: "Jobs in the outbox by name and status (pending: still to do; done; failed: attempts spent)",
    labelNames: ["name", "status"] as const,
    registers,
    async collect() {
      const rows = await countJobsByNameAndStatus(db);
      this.reset();
      for (const row of rows) this.set({ name: row.name, status: row.status }, row.count);
    },
  });

  new Gauge({
    name: "bantin_queue_depth",
    help: "Jobs each queue holds now: waiting to start, active (running), delayed (waiting out a retry's backoff)",
    labelNames: ["queue", "state"] as const,
    registers,
    async collect() {
      const depths = await queue.depth();
      this.reset();
      for (const depth of depths) {
        for (const state of ["waiting", "active", "delayed"] as const) this.set({ queue: depth.queue, state }, depth[state]);
      }
    },
  });

  new Counter({
    name: "bantin_batches_total",
    help: "SMS and voice batches claimed by partners, acknowledged, and expired (lease ran out before an acknowledgement)",
    labelNames: ["state"] as const,
    registers,
    async collect() {
      // counted from the batches table: each state only ever grows
      const counts = await countBatches(db, clock());
      this.reset();
      for (const state of ["claimed", "acknowledged", "expired"] as const) this.inc({ state }, counts[state]);
    },
  });

  new Gauge({
    name: "bantin_screen_event_streams",
    help: "Screens' event streams open on this process",
    registers,
    collect() {
      this.set(deps.feedEvents?.connections() ?? 0);
    },
  });

  new Gauge({
    name: "bantin_console_event_streams",
    help: "Console delivery views' event streams open on this process",
    registers,
    collect() {
      this.set(deps.deliveryEvents?.connections() ?? 0);
    },
  });

  new Gauge({
    name: "bantin_screens_silent",
    help: `Screens in service not heard from for more than ${silentAfterMs / 60_000} minutes (or never)`,
    registers,
    async collect() {
      this.set(await countSilentScreens(db, new Date(clock().getTime() - silentAfterMs)));
    },
  });

  new Gauge({
    name: "bantin_voice_messages_needing_recording",
    help: "Voice messages of published bulletins no speech engine could speak and no one has recorded yet, per language",
    labelNames: ["language"] as const,
    registers,
    async collect() {
      const rows = await countVoiceNeedingRecording(db);
      this.reset();
      for (const row of rows) this.set({ language: row.language }, row.count);
    },
  });

  // Off unless METRICS_TOKEN is set: then the route does not exist (404, as for any unknown path), so an
  // unconfigured server tells nobody it has metrics. Set, it answers only to that token (401 otherwise).
  const expected = deps.metricsToken ? sha256(deps.metricsToken) : undefined;
  const routes = new Hono<AppEnv>().get("/metrics", async (c) => {
    if (!expected) throw new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`);
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!presented || !timingSafeEqual(sha256(presented), expected)) {
      throw new AppError("unauthenticated", "send Authorization: Bearer <METRICS_TOKEN>");
    }
    return c.body(await registry.metrics(), 200, { "content-type": registry.contentType, "cache-control": "no-store" });
  });

  return { registry, observeRequest, routes };
};
