// A PostgreSQL cluster of a test's own, on a spare port, that the test may stop and start (Debian's initdb and
// pg_ctl; as the postgres user when the tests run as root, since PostgreSQL refuses to run as root).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, chownSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.ts";

const run = promisify(execFile);

const binDir = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"].find((dir) => existsSync(path.join(dir, "pg_ctl")));

/** initdb and pg_ctl are installed (Debian's postgresql package) */
export const pgClusterAvailable = binDir !== undefined;

export type PgCluster = {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  start: () => Promise<void>;
  /** a fast shutdown: sessions are ended (57P01), new connections refused */
  stop: () => Promise<void>;
  /** stops the cluster if it runs and deletes its files */
  destroy: () => Promise<void>;
};

const asRoot = process.getuid?.() === 0;
const pgTool = (tool: string, args: string[]) =>
  asRoot ? run("runuser", ["-u", "postgres", "--", path.join(binDir!, tool), ...args]) : run(path.join(binDir!, tool), args);

/** Creates and starts a throwaway cluster (trust authentication, listening on 127.0.0.1 only). */
export const createPgCluster = async (): Promise<PgCluster> => {
  if (!binDir) throw new Error("no PostgreSQL server binaries under /usr/lib/postgresql");
  const dir = mkdtempSync(path.join(tmpdir(), `bantin_outage_${process.pid}_`));
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const dataDir = path.join(dir, "data");
  const port = await freePort();
  await pgTool("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale", "C"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=60`;
  let running = false;
  const start = async () => {
    await pgTool("pg_ctl", ["-D", dataDir, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "30", "start"]);
    running = true;
  };
  const stop = async () => {
    await pgTool("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "30", "stop"]);
    running = false;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: async () => {
      if (running) await pgTool("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "-t", "30", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
