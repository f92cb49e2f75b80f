import { describe, expect, it } from "vitest";
import { assertFourEyes, assertTransition } from "../../../src/bulletins/lifecycle.ts";
import { canTransition, transitions } from "../../../src/domain/index.ts";
import { bulletinStatuses } from "../../../src/domain/index.ts";
import { AppError } from "../../../src/errors.ts";

describe("bulletin lifecycle", () => {
  it("walks the happy path draft -> submitted -> approved -> localized -> published -> expired", () => {
    const path = ["draft", "submitted", "approved", "localized", "published", "expired"] as const;
    for (let index = 1; index < path.length; index += 1) expect(canTransition(path[index - 1]!, path[index]!)).toBe(true);
  });

  it("never publishes without approval", () => {
    for (const from of ["draft", "submitted", "rejected"] as const) {
      expect(canTransition(from, "published")).toBe(false);
      expect(canTransition(from, "localized")).toBe(false);
    }
  });

  it("ends in withdrawn, expired and superseded for good", () => {
    for (const end of ["withdrawn", "expired", "superseded"] as const) {
      for (const to of bulletinStatuses) expect(canTransition(end, to)).toBe(false);
    }
  });

  it("lets every live state be withdrawn", () => {
    const live = bulletinStatuses.filter((status) => !["withdrawn", "expired", "superseded"].includes(status));
    for (const status of live) expect(transitions[status]).toContain("withdrawn");
  });

  it("refuses an illegal transition with a 409 problem naming both states", () => {
    try {
      assertTransition("draft", "published");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(409);
      expect((error as AppError).toProblem()).toMatchObject({ from: "draft", to: "published" });
    }
  });
});

describe("four-eyes rule", () => {
  it("refuses an approver who wrote or edited the bulletin", () => {
    expect(() => assertFourEyes("u1", ["u1", "u2"])).toThrowError(/another approver/);
    expect(() => assertFourEyes("u2", ["u1", "u2"])).toThrowError(AppError);
  });

  it("lets anyone else approve", () => {
    expect(() => assertFourEyes("u3", ["u1", "u2"])).not.toThrow();
  });
});
