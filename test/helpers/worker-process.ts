// Runs `bantin worker` (or `bantin serve`) as a separate process, as production does.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../src/bin.mjs", import.meta.url));

export type WorkerProcess = {
  child: ChildProcess;
  output: () => string;
  /** resolves once the output matches `pattern` (e.g. the "worker running" log line at LOG_LEVEL=info) */
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

export const spawnWorker = (env: Record<string, string>): WorkerProcess => spawnBantin("worker", env);

/** `bantin <command>` in a process of its own, with quick reconciliation and job locks for tests */
export const spawnBantin = (command: "worker" | "serve", env: Record<string, string>): WorkerProcess => {
  const child = spawn(process.execPath, [bin, command], {
    env: { ...process.env, LOG_LEVEL: "warn", RECONCILE_INTERVAL_MS: "500", JOB_LOCK_MS: "2000", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitForOutput: async (pattern, timeoutMs = 20_000) => {
      const started = Date.now();
      while (!pattern.test(output)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${command} exited before ${pattern}: ${output}`);
        if (Date.now() - started > timeoutMs) throw new Error(`no ${pattern} after ${timeoutMs} ms: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
};
