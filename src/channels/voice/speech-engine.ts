// A speech engine turns a voice message's parts into WAV audio for one language, or says why it cannot: not
// installed, no voice for that language, or it failed. Engines are tried in order (speakWith); when none can speak
// a language, the message is marked "needs recording" and an admin uploads a voice artist's recording instead.
import type { Language } from "../../domain/index.ts";
import type { VoicePart } from "./voice-script.ts";

export type SpeechRequest = { language: Language; parts: VoicePart[] };

export type SpeechUnavailable = {
  ok: false;
  reason: "engine_not_installed" | "no_voice" | "engine_failed";
  /** shown to admins: "espeak-ng: speech engine not installed" */
  detail: string;
};
export type SpeechResult = { ok: true; wav: Uint8Array; engine: string } | SpeechUnavailable;

export interface SpeechEngine {
  readonly name: string;
  synthesize(request: SpeechRequest): Promise<SpeechResult>;
}

/** Tries each engine in turn; the first that speaks wins. When none does, every engine's reason is kept. */
export const speakWith = (engines: SpeechEngine[]): SpeechEngine => ({
  name: engines.map((engine) => engine.name).join(", ") || "none",
  synthesize: async (request) => {
    const failures: SpeechUnavailable[] = [];
    for (const engine of engines) {
      const result = await engine.synthesize(request);
      if (result.ok) return result;
      failures.push(result);
    }
    if (failures.length === 0) return { ok: false, reason: "engine_not_installed", detail: "no speech engine configured" };
    // the most telling reason first: a failure beats a missing voice, which beats a missing engine
    const order = ["engine_failed", "no_voice", "engine_not_installed"] as const;
    failures.sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason));
    return { ok: false, reason: failures[0]!.reason, detail: failures.map((failure) => failure.detail).join("; ") };
  },
});
