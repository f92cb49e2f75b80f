import { pino, type Logger as PinoLogger } from "pino";

export type Logger = PinoLogger;

/** Structured JSON logs on stdout; `silent` in tests. */
export const createLogger = (level: string, name = "bantin"): Logger => pino({ name, level });
