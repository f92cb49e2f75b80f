// The state machine's rules (domain/lifecycle.ts) as the commands enforce them: a refused move is a clear 4xx.
import { breaksFourEyes, canTransition } from "../domain/lifecycle.ts";
import type { BulletinStatus } from "../domain/bulletin.ts";
import { AppError } from "../errors.ts";

export const assertTransition = (from: BulletinStatus, to: BulletinStatus) => {
  if (!canTransition(from, to)) {
    throw new AppError("invalid_transition", `a ${from} bulletin cannot become ${to}`, { from, to });
  }
};

/** Four-eyes: nobody approves a bulletin they wrote or edited. */
export const assertFourEyes = (approverId: string, contributors: readonly string[]) => {
  if (breaksFourEyes(approverId, contributors)) {
    throw new AppError("four_eyes", "you wrote or edited this bulletin; another approver must approve it");
  }
};
