import type { Processors } from "./run-job.ts";
import { draftTranslationsProcessor } from "./draft-translations.ts";
import { encodeVoiceMp3 } from "./encode-voice-mp3.ts";
import { formatBulletin } from "./format-bulletin.ts";
import { localizeBulletin } from "./localize-bulletin.ts";
import { renderForEndpointProcessor } from "./render-for-endpoint.ts";
import { synthesizeVoice } from "./synthesize-voice.ts";

/** Every job name and the processor that handles it. */
export const processors: Processors = {
  "localize-bulletin": localizeBulletin,
  "format-bulletin": formatBulletin,
  "draft-translations": draftTranslationsProcessor,
  "synthesize-voice": synthesizeVoice,
  "encode-voice-mp3": encodeVoiceMp3,
  "render-for-endpoint": renderForEndpointProcessor,
};
