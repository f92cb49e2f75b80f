// The bulletin state machine. Editors and approvers move a bulletin up to "approved";
// workers take it on through "localized" to "published"; time, withdrawal or a correction end it.
import type { BulletinStatus } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";

export const transitions: Record<BulletinStatus, readonly BulletinStatus[]> = {
  draft: ["submitted", "withdrawn"],
  submitted: ["approved", "rejected", "draft", "withdrawn"],
  rejected: ["draft", "submitted", "withdrawn"],
  approved: ["localized", "withdrawn", "superseded"],
  localized: ["published", "withdrawn", "superseded"],
  published: ["expired", "withdrawn", "superseded"],
  expired: [],
  withdrawn: [],
  superseded: [],
};

export const canTransition = (from: BulletinStatus, to: BulletinStatus) => transitions[from].includes(to);

export const assertTransition = (from: BulletinStatus, to: BulletinStatus) => {
  if (!canTransition(from, to)) {
    throw new AppError("invalid_transition", `a ${from} bulletin cannot become ${to}`, { from, to });
  }
};

/** States in which the text and fields can still be edited. */
export const editableStatuses: readonly BulletinStatus[] = ["draft", "submitted", "rejected"];
/** States from which a correction (a new version) can be made. */
export const correctableStatuses: readonly BulletinStatus[] = ["approved", "localized", "published"];

/** Four-eyes: nobody approves a bulletin they wrote or edited. */
export const assertFourEyes = (approverId: string, contributors: readonly string[]) => {
  if (contributors.includes(approverId)) {
    throw new AppError("four_eyes", "you wrote or edited this bulletin; another approver must approve it");
  }
};
