export { buildCap, capDateTime, capNamespace, type CapInput, type CapText } from "./build-cap.ts";
