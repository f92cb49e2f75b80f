// Following a screen's rotation from the last play it reported to now (what the console's thumbnail shows).
import { describe, expect, it } from "vitest";
import { rotationAt } from "../../../src/delivery/screen-now-showing.ts";

const items = [
  { id: "a", durationSec: 10 },
  { id: "b", durationSec: 20 },
  { id: "c", durationSec: 1 }, // shown for 3 s, the player's least
];
const start = new Date("2026-12-03T06:00:00Z");
const secondsIn = (seconds: number) => new Date(start.getTime() + seconds * 1_000);

describe("rotationAt", () => {
  it("stays on the item played until its time is up, then goes round in feed order", () => {
    const from = { index: 1, startedAt: start };
    expect(rotationAt(items, from, secondsIn(0)).id).toBe("b");
    expect(rotationAt(items, from, secondsIn(19.9)).id).toBe("b");
    expect(rotationAt(items, from, secondsIn(20)).id).toBe("c");
    // "c" lasts 3 s, not its 1 s
    expect(rotationAt(items, from, secondsIn(22.5)).id).toBe("c");
    expect(rotationAt(items, from, secondsIn(23)).id).toBe("a");
    expect(rotationAt(items, from, secondsIn(33)).id).toBe("b");
  });

  it("goes round many times over a long while, and treats a play reported from the future as just started", () => {
    const from = { index: 0, startedAt: start };
    // one round is 10 + 20 + 3 = 33 s; 100 rounds and 12 s later it is 2 s into "b"
    expect(rotationAt(items, from, secondsIn(33 * 100 + 12)).id).toBe("b");
    expect(rotationAt(items, from, secondsIn(-30)).id).toBe("a");
  });
});
