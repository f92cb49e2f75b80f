export { buildRadioScript, type RadioInput, type RadioStrings } from "./build-script.ts";
