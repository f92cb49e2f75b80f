/** Thrown when a call to a dependency (Redis, a readiness check) gave no answer in time. */
export class TimeoutError extends Error {
  readonly code = "ETIMEDOUT";
}

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
