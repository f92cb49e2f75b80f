// localize-bulletin: checks every target language has approved text, then hands the bulletin to formatting.
import { localizeApprovedBulletin } from "../src/bulletins/localize-approved-bulletin.ts";
import { followUp } from "./follow-up.ts";
import type { Processor } from "./run-job.ts";

export const localizeBulletin: Processor<"localize-bulletin"> = async (deps, payload) => followUp(deps, await localizeApprovedBulletin(deps, payload));
