// rate-limiter-flexible counters kept in PostgreSQL (or PGlite), for processes that share no memory and no Redis.
import { RateLimiterDrizzle, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Db } from "../client.ts";
import { rateLimits } from "../schema/index.ts";

export const databaseRateLimiter = (db: Db, options: { keyPrefix: string; points: number; duration: number; insuranceLimiter?: RateLimiterAbstract }) =>
  new RateLimiterDrizzle({ ...options, storeClient: db, schema: rateLimits });
