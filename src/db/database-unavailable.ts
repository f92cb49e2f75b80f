// Which errors mean "the database is not answering right now" (as opposed to a bug or a bad query): they are
// answered 503 with Retry-After, and a worker's job that meets one is simply tried again later.

/** postgres.js's own codes for a connection that could not be made or was lost */
const driverCodes = new Set(["CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]);

/** node's socket errors on the way to the server */
const socketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

/** SQLSTATEs: 08xxx connection exceptions, 57P01-57P03 the server shutting down or starting up (admin shutdown,
 *  crash shutdown, cannot connect now), 57014 a statement cancelled by statement_timeout, 53300 too many connections */
const isUnavailableState = (code: string) => /^08[0-9A-Z]{3}$/.test(code) || ["57P01", "57P02", "57P03", "57014", "53300"].includes(code);

const codeOf = (error: object) => ("code" in error && typeof error.code === "string" ? error.code : undefined);

/** True when `error`, or an error it wraps (drizzle's "Failed query" wraps the driver's in `cause`; node's connect
 *  to several addresses throws an AggregateError), says the database is unreachable, shutting down or too slow. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  const seen = new Set<unknown>();
  const visit = (current: unknown): boolean => {
    if (typeof current !== "object" || current === null || seen.has(current) || seen.size > 20) return false;
    seen.add(current);
    const code = codeOf(current);
    if (code && (driverCodes.has(code) || socketCodes.has(code) || isUnavailableState(code))) return true;
    // PGlite once closed (an embedded process shutting down)
    if (current instanceof Error && /^PGlite is clos(ed|ing)$/.test(current.message)) return true;
    if (current instanceof AggregateError && current.errors.some(visit)) return true;
    return "cause" in current ? visit(current.cause) : false;
  };
  return visit(error);
};
