// espeak-ng (Debian package espeak-ng) speaks Vietnamese and English, offline. It reads the same SSML the
// partners get (-m: breaks and sentences are honoured) and is asked to speak at the language's rate from
// speech-rates.ts. Without the binary, every request answers "speech engine not installed"; the pipeline goes on.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Language } from "../../domain/index.ts";
import { speechRates } from "../speech-rates.ts";
import { buildSsml } from "./build-ssml.ts";
import type { SpeechEngine, SpeechResult } from "./speech-engine.ts";

/** espeak-ng voice per language (none for lo and km: espeak-ng has no Lao or Khmer voice). */
const voices: Partial<Record<Language, string>> = { vi: "vi", en: "en-gb" };

/**
 * espeak-ng's -s is "words per minute" counted its own way; these factors turn the table's units per minute into
 * the -s that speaks at that pace (measured on the sample bulletins in test/unit/channels/voice: espeak-ng counts a
 * Vietnamese syllable as a word but speaks short syllables faster than English words).
 */
const speedFactor: Partial<Record<Language, number>> = { vi: 0.68, en: 1.0 };

type Run = { code: number | null; stdout: Buffer; stderr: string; missing: boolean };

const run = (binary: string, args: string[], input?: string, timeoutMs = 60_000) =>
  new Promise<Run>((resolve) => {
    const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"], timeout: timeoutMs });
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ code: null, stdout: Buffer.alloc(0), stderr: error.message, missing: error.code === "ENOENT" }),
    );
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr, missing: false }));
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
  });

export const createEspeakNg = (options: { binary?: string } = {}): SpeechEngine & { installed: () => Promise<boolean> } => {
  const binary = options.binary ?? "espeak-ng";
  let probe: Promise<Set<string> | undefined> | undefined;
  // which voices this installation has (undefined: not installed)
  const installedVoices = () =>
    (probe ??= run(binary, ["--voices"]).then((result) =>
      result.missing || result.code !== 0
        ? undefined
        : new Set(
            result.stdout
              .toString()
              .split("\n")
              .slice(1)
              .map((line) => line.trim().split(/\s+/)[1]?.toLowerCase())
              .filter((name): name is string => Boolean(name)),
          ),
    ));
  return {
    name: "espeak-ng",
    installed: async () => (await installedVoices()) !== undefined,
    synthesize: async ({ language, parts }): Promise<SpeechResult> => {
      const available = await installedVoices();
      if (!available) return { ok: false, reason: "engine_not_installed", detail: "espeak-ng: speech engine not installed (apt-get install espeak-ng)" };
      const voice = voices[language];
      if (!voice || !available.has(voice)) return { ok: false, reason: "no_voice", detail: `espeak-ng: no ${language} voice` };
      const speed = Math.round(speechRates[language].perMinute * (speedFactor[language] ?? 1));
      // to a file: on stdout espeak-ng cannot go back and write the WAV header's length
      const dir = await mkdtemp(path.join(tmpdir(), "bantin-espeak-"));
      try {
        const file = path.join(dir, "speech.wav");
        const result = await run(binary, ["-m", "-v", voice, "-s", String(speed), "--stdin", "-w", file], buildSsml(language, parts));
        const wav = result.code === 0 ? await readFile(file).catch(() => undefined) : undefined;
        if (!wav || wav.byteLength <= 44) {
          return { ok: false, reason: "engine_failed", detail: `espeak-ng: exit ${result.code}: ${result.stderr.trim().slice(0, 300)}` };
        }
        return { ok: true, wav, engine: "espeak-ng" };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
};
