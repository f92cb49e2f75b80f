// The embedded queue's order: urgent first, and within one urgency a later pipeline step before a new bulletin's
// first step; urgent work has slots of its own and routine work waits while it runs.
import { describe, expect, it } from "vitest";
import { createInProcessQueue } from "../../../src/queue/in-process-queue.ts";
import { maxYieldMs, urgencyPriority } from "../../../src/queue/job-queue.ts";
import { queuePriority } from "../../../src/queue/jobs.ts";

const job = (id: string, name: string, urgency: keyof typeof urgencyPriority) => ({ id, name, priority: urgencyPriority[urgency] });
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/** A queue whose jobs take two steps: step 1, then (once the test releases the job) a yield, then step 2. */
const twoStepQueue = () => {
  const queue = createInProcessQueue();
  const steps: string[] = [];
  const release = new Map<string, () => void>();
  queue.process(
    async (next, control) => {
      steps.push(`${next.id} step 1`);
      await new Promise<void>((resolve) => release.set(next.id, resolve));
      await control.yieldToUrgent();
      steps.push(`${next.id} step 2`);
    },
    { concurrency: 1 },
  );
  return { queue, steps, release };
};

describe("in-process queue", () => {
  it("runs urgent first, then later steps before first steps, then first come first served", async () => {
    const queue = createInProcessQueue();
    const order: string[] = [];
    await queue.add([
      job("routine-localize-1", "localize-bulletin", "routine"),
      job("routine-localize-2", "localize-bulletin", "routine"),
      job("routine-format-1", "format-bulletin", "routine"),
      job("priority-localize", "localize-bulletin", "priority"),
      job("urgent-localize", "localize-bulletin", "urgent"),
    ]);
    let done: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    queue.process(
      async (next) => {
        order.push(next.id);
        if (order.length === 5) done();
      },
      { concurrency: 1 },
    );
    await finished;
    await queue.close(1_000);
    expect(order).toEqual(["urgent-localize", "priority-localize", "routine-format-1", "routine-localize-1", "routine-localize-2"]);
  });

  it("orders by urgency before stage", () => {
    expect(queuePriority(job("a", "format-bulletin", "routine"))).toBeGreaterThan(queuePriority(job("b", "localize-bulletin", "priority")));
    expect(queuePriority(job("a", "format-bulletin", "urgent"))).toBeLessThan(queuePriority(job("b", "localize-bulletin", "urgent")));
  });

  it("starts urgent work on its own slots while every general slot is busy, and holds routine work meanwhile", async () => {
    const queue = createInProcessQueue();
    const started: string[] = [];
    const release = new Map<string, () => void>();
    queue.process(
      (next) =>
        new Promise<void>((resolve) => {
          started.push(next.id);
          release.set(next.id, resolve);
        }),
      { concurrency: 1 },
    );
    await queue.add([job("routine-1", "localize-bulletin", "routine"), job("routine-2", "localize-bulletin", "routine")]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual(["routine-1"]);
    await queue.add([job("urgent-1", "localize-bulletin", "urgent")]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // the general slot is held by routine-1: urgent-1 runs beside it on an urgent slot
    expect(started).toEqual(["routine-1", "urgent-1"]);
    release.get("routine-1")!();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // routine-2 waits while urgent work runs
    expect(started).toEqual(["routine-1", "urgent-1"]);
    release.get("urgent-1")!();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual(["routine-1", "urgent-1", "routine-2"]);
    release.get("routine-2")!();
    await queue.close(1_000);
  });

  it("requeues only what it does not hold: finished jobs are forgotten, waiting or running ones are not doubled", async () => {
    const queue = createInProcessQueue();
    const runs: string[] = [];
    const release = new Map<string, () => void>();
    queue.process((next) => new Promise<void>((resolve) => (runs.push(next.id), release.set(next.id, resolve))), { concurrency: 1 });
    await queue.add([job("a", "localize-bulletin", "routine"), job("b", "localize-bulletin", "routine")]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await queue.requeue([job("a", "localize-bulletin", "routine"), job("b", "localize-bulletin", "routine")]), "a runs, b waits").toBe(0);
    release.get("a")!();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runs).toEqual(["a", "b"]);
    // the database still says "a" is pending (its row was not updated): it runs again
    expect(await queue.requeue([job("a", "localize-bulletin", "routine")])).toBe(1);
    release.get("b")!();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runs).toEqual(["a", "b", "a"]);
    release.get("a")!();
    await queue.close(1_000);
  });

  it("holds a running routine job at its next step while urgent work runs; urgent work goes straight on", async () => {
    const { queue, steps, release } = twoStepQueue();
    await queue.add([job("routine", "format-bulletin", "routine")]);
    await tick();
    await queue.add([job("urgent", "format-bulletin", "urgent")]);
    await tick();
    expect(steps).toEqual(["routine step 1", "urgent step 1"]);
    release.get("routine")!();
    await tick();
    expect(steps, "the routine job waits at its step").toEqual(["routine step 1", "urgent step 1"]);
    release.get("urgent")!();
    await tick();
    expect(steps).toEqual(["routine step 1", "urgent step 1", "urgent step 2", "routine step 2"]);
    await queue.close(1_000);
  });

  it("holds routine work from the moment urgent work is announced until it is released", async () => {
    const { queue, steps, release } = twoStepQueue();
    await queue.add([job("running", "format-bulletin", "routine")]);
    await tick();
    const urgentDone = queue.urgentAhead();
    await queue.add([job("next", "format-bulletin", "routine")]);
    release.get("running")!();
    await tick();
    expect(steps, "the running job waits at its step and the next does not start").toEqual(["running step 1"]);
    urgentDone();
    await tick();
    expect(steps).toEqual(["running step 1", "running step 2", "next step 1"]);
    release.get("next")!();
    await queue.close(1_000);
  });

  it("lets routine work go on after maxYieldMs when urgent work announced is never released", async () => {
    const queue = createInProcessQueue();
    const runs: string[] = [];
    queue.process(async (next) => void runs.push(next.id), { concurrency: 1 });
    queue.urgentAhead();
    const started = Date.now();
    await queue.add([job("routine", "localize-bulletin", "routine")]);
    while (runs.length === 0 && Date.now() - started < maxYieldMs + 1_000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toEqual(["routine"]);
    expect(Date.now() - started, "it waited for the announcement to lapse").toBeGreaterThanOrEqual(maxYieldMs - 50);
    await queue.close(1_000);
  });
});
