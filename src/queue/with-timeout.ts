/** Thrown when a call to a dependency (Redis, a readiness check) gave no answer in time. */
export class TimeoutError extends Error {
  readonly code = "ETIMEDOUT";
}

/** The queue's store (Redis) is known to be down: the call was not even tried. */
export class QueueUnavailableError extends Error {}

/** An error that says the queue cannot be reached now (not a bug): the caller tries again later. */
export const isQueueUnavailable = (error: unknown) => error instanceof TimeoutError || error instanceof QueueUnavailableError;

/** `work`'s result, or a TimeoutError after `timeoutMs` (the work itself goes on; its late result is dropped). */
export const withTimeout = async <T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // a late failure is not an unhandled rejection
    work.catch(() => undefined);
  }
};
