// The shared vocabulary: the bottom of the house. It imports nothing of ours; everything else may import it.
export * from "./languages.ts";
export * from "./bulletin.ts";
export * from "./places.ts";
export * from "./access.ts";
export * from "./lifecycle.ts";
export * from "./plain-text.ts";
export * from "./field-schemas.ts";
export * from "./search-text.ts";
export * from "./reports.ts";
export * from "./delivery-reasons.ts";
