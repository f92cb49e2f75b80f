// render-for-endpoint: a screen or station added or changed gets its renditions of everything already in force.
import { renderForEndpoint } from "../src/bulletins/render-for-endpoint.ts";
import { followUp } from "./follow-up.ts";
import type { Processor } from "./run-job.ts";

export const renderForEndpointProcessor: Processor<"render-for-endpoint"> = async (deps, payload) => followUp(deps, await renderForEndpoint(deps, payload));
