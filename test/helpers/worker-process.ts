// Runs `bantin worker` (or `bantin serve`) as a separate process, as production does.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.ts";

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

/**
 * `bantin serve` on a free port of 127.0.0.1, once it answers. Another process may take the port between the probe
 * and the server's listen (several suites start servers at once), so a start that fails with EADDRINUSE is tried
 * again on another port.
 */
export const startServe = async (env: Record<string, string>, timeoutMs = 60_000): Promise<{ serve: WorkerProcess; port: number }> => {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const serve = spawnBantin("serve", { ...env, PORT: String(port), HOST: "127.0.0.1" });
    try {
      await serve.waitForOutput(/bantin is running/, timeoutMs);
      return { serve, port };
    } catch (error) {
      await serve.stop("SIGKILL");
      if (attempt >= 5 || !serve.output().includes("EADDRINUSE")) throw error;
    }
  }
};
