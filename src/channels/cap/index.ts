export { asText, buildCap, capDateTime, capNamespace, type CapInput, type CapText } from "./build-cap.ts";
export { atomNamespace, buildAtom, type AtomEntry, type AtomFeedInput } from "./build-atom.ts";
export {
  capLanguageOf,
  parseCap,
  plainTextFromCap,
  type CapProblem,
  type ParseCapResult,
  type ParsedCapAlert,
  type ParsedCapArea,
  type ParsedCapInfo,
} from "./parse-cap.ts";
