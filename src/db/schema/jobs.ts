import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const jobStatuses = ["pending", "done", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

// The outbox: a job is recorded here in the same transaction as the change that calls for it,
// then queued; the reconciler re-queues whatever is still pending, so losing Redis loses no work.
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // business key: the same work is recorded once
    key: text("key").notNull().unique(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    priority: integer("priority").notNull(),
    status: text("status").$type<JobStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    // how many times the reconciler put a failed step back to pending once the fault that failed it had time to clear
    revivals: integer("revivals").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("jobs_pending_idx").on(table.status, table.createdAt)],
);
