// The back ends every pipeline suite runs on: PGlite + in-process queue always; PostgreSQL + BullMQ when
// DATABASE_URL and REDIS_URL are set (each suite gets its own database and queue prefix).
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { Redis } from "ioredis";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { createBullmqQueue } from "../../src/queue/bullmq-queue.ts";
import { createInProcessQueue } from "../../src/queue/in-process-queue.ts";
import type { JobQueue } from "../../src/queue/job-queue.ts";

export type BackendInstance = {
  database: Database;
  /** a fresh queue handle on the same queue (a worker process has its own) */
  newQueue: () => JobQueue;
  databaseUrl?: string;
  redisUrl?: string;
  queuePrefix?: string;
  cleanup: () => Promise<void>;
};

export type Backend = { name: string; open: () => Promise<BackendInstance> };

export const serverBackendsAvailable = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

/** A new, empty PostgreSQL database next to DATABASE_URL's; returns its URL and a dropper. */
export const createTestDatabase = async () => {
  const base = process.env.DATABASE_URL!;
  const name = uniqueName("bantin_test");
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(base, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
};

export const deleteRedisPrefix = async (redisUrl: string, prefix: string) => {
  const redis = new Redis(redisUrl);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
  redis.disconnect();
};

export const embeddedBackend: Backend = {
  name: "PGlite + in-process queue",
  open: async () => {
    const database = await openDatabase({});
    await database.migrate();
    const queue = createInProcessQueue();
    return { database, newQueue: () => queue, cleanup: () => database.close() };
  },
};

export const serverBackend: Backend = {
  name: "PostgreSQL + BullMQ/Redis",
  open: async () => {
    const testDatabase = await createTestDatabase();
    const database = await openDatabase({ url: testDatabase.url });
    await database.migrate();
    const redisUrl = process.env.REDIS_URL!;
    const queuePrefix = uniqueName("bt");
    return {
      database,
      databaseUrl: testDatabase.url,
      redisUrl,
      queuePrefix,
      newQueue: () => createBullmqQueue({ url: redisUrl, prefix: queuePrefix }),
      cleanup: async () => {
        await database.close();
        await testDatabase.drop();
        await deleteRedisPrefix(redisUrl, queuePrefix);
      },
    };
  },
};

/** Every back end this machine has; the server one only with DATABASE_URL and REDIS_URL. */
export const backends: Backend[] = serverBackendsAvailable ? [embeddedBackend, serverBackend] : [embeddedBackend];
