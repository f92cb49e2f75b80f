// draft-translations: drafts missing translations from the translation memory and, when configured, a
// machine-translation provider. Drafts wait for a translator; nothing here approves text.
import { draftTranslations } from "../src/localize/draft-translations.ts";
import type { Processor } from "./run-job.ts";

export const draftTranslationsProcessor: Processor<"draft-translations"> = async (deps, { bulletinId }) => {
  const result = await draftTranslations(deps, bulletinId);
  return result.drafted.length > 0 || result.waiting.length > 0 ? "done" : "skipped";
};
