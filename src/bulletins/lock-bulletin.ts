// A worker step locks its bulletin, but never waits for ever: a lock held elsewhere (a long command, a stuck
// session) fails the step after a bounded wait, and the queue retries it with backoff.
import type { Db } from "../db/client.ts";
import { getBulletin } from "../db/queries/bulletins.ts";
import { setLockTimeout } from "../db/queries/locks.ts";

/** How long a worker step waits for its bulletin's row lock, unless told otherwise. */
export const defaultStepLockTimeoutMs = 5_000;

/** The bulletin, locked for this transaction after waiting at most `lockTimeoutMs` (the wait bound holds for the
 *  rest of the transaction); undefined when there is no such bulletin. */
export const lockBulletin = async (db: Db, options: { bulletinId: string; lockTimeoutMs?: number }) => {
  await setLockTimeout(db, options.lockTimeoutMs ?? defaultStepLockTimeoutMs);
  return getBulletin(db, options.bulletinId, { forUpdate: true });
};
