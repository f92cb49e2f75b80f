import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";

export type Logger = PinoLogger;

/** Structured JSON logs on stdout (or `destination`); `silent` in tests. Each request logs through a child that
 *  carries its `requestId` (src/http/middleware/request-log.ts). */
export const createLogger = (level: string, name = "bantin", destination?: DestinationStream): Logger =>
  destination ? pino({ name, level }, destination) : pino({ name, level });
