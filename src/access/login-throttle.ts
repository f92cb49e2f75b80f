// Sign-in throttling: failures are counted per username and per client address (rate-limiter-flexible); past a few
// free failures each further one blocks the key for twice as long as the last (exponential backoff, capped).
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors.ts";

export type LoginThrottleSettings = {
  /** failures per username, within the window, before backoff starts */
  usernameFreeFailures: number;
  /** failures per client address (every username together), within the window, before backoff starts */
  addressFreeFailures: number;
  /** the first block, in seconds; each further failure doubles it */
  backoffSeconds: number;
  backoffMaxSeconds: number;
  /** how long failures are remembered, in seconds, counted from the first */
  windowSeconds: number;
};

export const defaultLoginThrottleSettings: LoginThrottleSettings = {
  usernameFreeFailures: 5,
  addressFreeFailures: 50,
  backoffSeconds: 1,
  backoffMaxSeconds: 900,
  windowSeconds: 900,
};

/** Where counters live: process memory (embedded mode), PostgreSQL, or Redis. */
export type MakeLimiter = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

export const memoryLimiter: MakeLimiter = (options) => new RateLimiterMemory(options);

/** A shared store that fails (Redis or PostgreSQL down) falls back to this process's memory: sign-in keeps
 *  working and keeps being throttled, per process, until the store is back. */
export const withMemoryInsurance =
  (make: (options: { keyPrefix: string; points: number; duration: number; insuranceLimiter: RateLimiterAbstract }) => RateLimiterAbstract): MakeLimiter =>
  (options) =>
    make({ ...options, insuranceLimiter: new RateLimiterMemory(options) });

/** Counters in Redis under `prefix` (installs sharing a Redis count apart); while Redis is not ready, memory. Give it
 *  a client with enableOfflineQueue off, so a command fails at once instead of waiting for Redis to come back. */
export const redisLimiter = (redis: Redis, prefix: string): MakeLimiter =>
  withMemoryInsurance(
    (options) => new RateLimiterRedis({ ...options, keyPrefix: `${prefix}:${options.keyPrefix}`, storeClient: redis, rejectIfRedisNotReady: true }),
  );

export type LoginAttempt = { username: string; address: string };

export type LoginThrottle = {
  /** Throws too_many_requests (with retryAfter, seconds) while the username or the address is blocked. */
  check: (attempt: LoginAttempt) => Promise<void>;
  failed: (attempt: LoginAttempt) => Promise<void>;
  /** A right password clears the username's failures and block; the address keeps its count (see below). */
  succeeded: (attempt: LoginAttempt) => Promise<void>;
};

export const createLoginThrottle = (settings: LoginThrottleSettings, makeLimiter: MakeLimiter): LoginThrottle => {
  // consecutive failures in the window (the points are never exhausted: blocking is done below, with backoff)
  const failures = makeLimiter({ keyPrefix: "login_failures", points: 2 ** 30, duration: settings.windowSeconds });
  // a block is a key whose one point is used up, for as long as the backoff says
  const blocks = makeLimiter({ keyPrefix: "login_blocks", points: 1, duration: 1 });
  const keys = (attempt: LoginAttempt) => [
    { key: `user:${attempt.username.normalize("NFC").toLowerCase()}`, free: settings.usernameFreeFailures },
    { key: `address:${attempt.address}`, free: settings.addressFreeFailures },
  ];
  const blockedFor = (result: RateLimiterRes | null) => (result && result.consumedPoints > 1 ? Math.max(1, Math.ceil(result.msBeforeNext / 1_000)) : 0);

  return {
    check: async (attempt) => {
      const waits = await Promise.all(keys(attempt).map(async ({ key }) => blockedFor(await blocks.get(key))));
      const retryAfter = Math.max(...waits);
      if (retryAfter > 0) {
        throw new AppError("too_many_requests", `too many failed sign-ins; try again in ${retryAfter} s`, { retryAfter }, { retryAfter });
      }
    },
    failed: async (attempt) => {
      for (const { key, free } of keys(attempt)) {
        const counted = await failures.penalty(key, 1);
        // the first failure past the free ones blocks for backoffSeconds, each further one for twice as long
        const beyond = counted.consumedPoints - free;
        if (beyond >= 1) await blocks.block(key, Math.min(settings.backoffSeconds * 2 ** Math.min(beyond - 1, 30), settings.backoffMaxSeconds));
      }
    },
    // The address's count is not cleared: someone with one valid account could otherwise sign in between guesses
    // at other usernames and never be slowed down. Its larger allowance keeps an office behind one address working.
    succeeded: async (attempt) => {
      const [user] = keys(attempt);
      await Promise.all([failures.delete(user!.key), blocks.delete(user!.key)]);
    },
  };
};
