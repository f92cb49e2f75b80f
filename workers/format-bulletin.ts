// format-bulletin: renders every (language x channel) and publishes the bulletin, in one transaction.
import { publishBulletin } from "../src/bulletins/publish-bulletin.ts";
import { followUp } from "./follow-up.ts";
import type { Processor } from "./run-job.ts";

export const formatBulletin: Processor<"format-bulletin"> = async (deps, payload) => followUp(deps, await publishBulletin(deps, payload));
