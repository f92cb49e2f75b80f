// A redis-server of a test's own, on a spare port, that the test may stop and start (never the shared 6379).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port.ts";

/** redis-server is installed */
export const redisServerAvailable = spawnSync("redis-server", ["--version"]).status === 0;

export type RedisServer = {
  url: string;
  port: number;
  /** starts it again on the same port (empty: it keeps nothing on disk, as after a failover to an empty replica) */
  start: () => Promise<void>;
  /** kills it (SIGKILL: clients see the connection drop, not a polite shutdown) */
  stop: () => Promise<void>;
  destroy: () => Promise<void>;
};

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.write("PING\r\n");
    });
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
  });

export const startRedisServer = async (): Promise<RedisServer> => {
  const dir = mkdtempSync(path.join(tmpdir(), `bantin_redis_${process.pid}_`));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
    const started = Date.now();
    while (!(await answers(port))) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${child.exitCode}`);
      if (Date.now() - started > 10_000) throw new Error(`redis-server on port ${port} does not answer`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
