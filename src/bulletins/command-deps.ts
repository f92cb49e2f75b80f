import type { Db } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import type { JobQueue } from "../queue/job-queue.ts";

/** What a command needs; the HTTP layer, the CLI and tests each fill it. */
export type CommandDeps = { db: Db; queue: JobQueue; clock: () => Date; logger: Logger };
