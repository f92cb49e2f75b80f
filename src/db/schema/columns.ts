import { customType } from "drizzle-orm/pg-core";

/** Binary data (slides, audio): bytea, read back as a Buffer on postgres-js and PGlite alike. */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});
