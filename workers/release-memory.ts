// Speech, WAVs and slide blocks are large buffers that live for one job. V8 frees a buffer only when it collects the
// object that holds it, and a buffer that outlived a young-generation collection waits for a full one, which V8 starts
// late: after about 64 MB more of them. In a worker that was a swing of up to 50-60 MB on top of a steady ~190 MB,
// and what took it over 250 MB (bench:worker, docs/performance.md). So, between jobs, when no other job of the
// process is running and the buffers still held pass a bound, the worker asks for a full collection: 30-60 ms on
// the worker's heap, where a voice or slide job takes 0.3-2 s.
import v8 from "node:v8";
import vm from "node:vm";
import type { Logger } from "../src/logger.ts";

let fullCollection: (() => void) | undefined;
/** V8's `gc()`: exposed for one new context and hidden again, so no other code of the process sees it. */
const collector = () => {
  if (fullCollection) return fullCollection;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return (fullCollection = exposed);
  v8.setFlagsFromString("--expose-gc");
  fullCollection = vm.runInNewContext("gc") as () => void;
  v8.setFlagsFromString("--no-expose-gc");
  return fullCollection;
};

/**
 * Returns `release()`: a full collection when the process holds more than `aboveMb` MB of buffers (0: never, V8
 * decides alone). Call it when no job is running.
 */
export const createMemoryRelease = ({ aboveMb, logger }: { aboveMb: number; logger?: Logger }) => {
  const bound = aboveMb * 1_048_576;
  return (): boolean => {
    if (bound <= 0) return false;
    const held = process.memoryUsage().arrayBuffers;
    if (held <= bound) return false;
    const started = performance.now();
    collector()();
    logger?.debug(
      {
        heldMb: Math.round(held / 1_048_576),
        afterMb: Math.round(process.memoryUsage().arrayBuffers / 1_048_576),
        ms: Math.round(performance.now() - started),
      },
      "buffers released between jobs",
    );
    return true;
  };
};
