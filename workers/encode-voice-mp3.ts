// encode-voice-mp3: the MP3 of one language's synthesised speech, after its WAV went out.
import { encodeVoiceMp3 as encode } from "../src/bulletins/synthesize-bulletin-voice.ts";
import { followUp } from "./follow-up.ts";
import type { Processor } from "./run-job.ts";

export const encodeVoiceMp3: Processor<"encode-voice-mp3"> = async (deps, payload) => followUp(deps, await encode(deps, payload));
