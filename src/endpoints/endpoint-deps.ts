import type { Db } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import type { JobQueue } from "../queue/job-queue.ts";

/** What creating or changing a screen or station needs. Without a queue (the demo seed), the job it records waits in
 *  the outbox for a worker's reconciler. */
export type EndpointDeps = { db: Db; queue?: JobQueue; logger?: Logger };
