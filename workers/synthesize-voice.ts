// synthesize-voice: speaks the voice renditions still waiting for audio (or marks them "needs recording").
import { synthesizeBulletinVoice } from "../src/bulletins/synthesize-bulletin-voice.ts";
import { followUp } from "./follow-up.ts";
import type { Processor } from "./run-job.ts";

export const synthesizeVoice: Processor<"synthesize-voice"> = async (deps, payload) => followUp(deps, await synthesizeBulletinVoice(deps, payload));
