// Opens the database: PostgreSQL when a URL is given, otherwise PGlite (embedded, data in a folder or in memory).
import { fileURLToPath } from "node:url";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** What query functions take first: a pool, a PGlite connection or a transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: "postgres" | "pglite";
  /** A printable description, without credentials. */
  description: string;
  migrate: () => Promise<void>;
  ping: () => Promise<void>;
  /** LISTEN on a channel (NOTIFY payloads arrive after the notifying transaction commits); returns the unlisten. */
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
// any fixed number: serialises migrations when several processes start at once
const migrationLockId = 4_210_117;

export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, "//$1@");

export type OpenDatabaseOptions = {
  url?: string;
  dataDir?: string;
  maxConnections?: number;
  /** PostgreSQL: how long opening a connection may take (default 1 s) */
  connectTimeoutMs?: number;
  /** PostgreSQL: how long one statement may run before the server cancels it (default 30 s; 0: no limit). Idle
   *  transactions are ended after the same time, so a client that vanished mid-transaction frees its locks. */
  statementTimeoutMs?: number;
};

export const defaultConnectTimeoutMs = 1_000;
export const defaultStatementTimeoutMs = 30_000;

/** postgres.js waits longer and longer between attempts to reconnect (up to 20 s), and every query waits for that:
 *  requests would hang through an outage. At most a quarter of a second between attempts instead, so a query fails
 *  at once (ECONNREFUSED, answered 503) while the database is down and gets through as soon as it is back. */
const reconnectDelaySeconds = (retries: number) => Math.min(0.25, 0.01 * 2 ** retries);

/** `url` set: PostgreSQL. Otherwise PGlite in `dataDir`, or in memory when that is undefined. */
export const openDatabase = async (options: OpenDatabaseOptions): Promise<Database> => {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const statementTimeoutMs = options.statementTimeoutMs ?? defaultStatementTimeoutMs;
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connect_timeout: (options.connectTimeoutMs ?? defaultConnectTimeoutMs) / 1_000,
      backoff: reconnectDelaySeconds,
      // sent as startup parameters: every session, the LISTEN one included, has them from its first statement
      connection: { statement_timeout: statementTimeoutMs, idle_in_transaction_session_timeout: statementTimeoutMs },
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      description: `PostgreSQL ${redactUrl(options.url)}`,
      migrate: async () => {
        // one connection, so that the session lock and the migration share it
        // no statement timeout: a migration may rewrite a large table
        const single = postgres(options.url!, { max: 1, onnotice: () => {}, connect_timeout: 10 });
        try {
          await single`select pg_advisory_lock(${migrationLockId})`;
          await migrate(drizzle(single, { schema }), { migrationsFolder });
        } finally {
          await single.end({ timeout: 5 });
        }
      },
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      listen: async (channel, onPayload) => {
        // postgres-js keeps one dedicated connection for LISTEN and re-listens after reconnecting
        const { unlisten } = await client.listen(channel, onPayload);
        return unlisten;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir);
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    description: options.dataDir ? `PGlite (embedded) in ${options.dataDir}` : "PGlite (embedded, in memory)",
    migrate: async () => {
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    close: () => client.close(),
  };
};
