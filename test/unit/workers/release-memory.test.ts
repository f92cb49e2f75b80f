// Between jobs the worker gives back the buffers its last job dropped (speech, WAVs, slide blocks) with a full
// collection, instead of holding them until V8 starts one by itself.
import { describe, expect, it } from "vitest";
import { createMemoryRelease } from "../../../workers/release-memory.ts";

const mb = 1_048_576;
const heldBuffers = () => process.memoryUsage().arrayBuffers;

describe("releasing dropped buffers between jobs", () => {
  it("collects when more than the bound is held, and the dropped buffers' memory goes back", () => {
    let job: Buffer[] | undefined = Array.from({ length: 6 }, (_, index) => Buffer.alloc(8 * mb, index));
    const during = heldBuffers();
    expect(during).toBeGreaterThanOrEqual(48 * mb);
    expect(job.length).toBe(6);
    job = undefined; // the job is over: nothing refers to its buffers
    expect(createMemoryRelease({ aboveMb: 16 })()).toBe(true);
    expect(heldBuffers()).toBeLessThan(during - 40 * mb);
  });

  it("does nothing under the bound, or when turned off", () => {
    let job: Buffer | undefined = Buffer.alloc(24 * mb, 1);
    const during = heldBuffers();
    expect(createMemoryRelease({ aboveMb: Math.ceil(during / mb) + 8 })()).toBe(false);
    expect(createMemoryRelease({ aboveMb: 0 })()).toBe(false);
    expect(job.byteLength).toBe(24 * mb);
    job = undefined;
    expect(heldBuffers()).toBeGreaterThanOrEqual(during - mb);
  });
});
