// The bulletin state machine. Editors and approvers move a bulletin up to "approved";
// workers take it on through "localized" to "published"; time, withdrawal or a correction end it.
import type { BulletinStatus } from "./bulletin.ts";

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

/** States in which the text and fields can still be edited. */
export const editableStatuses: readonly BulletinStatus[] = ["draft", "submitted", "rejected"];
/** States from which a correction (a new version) can be made, and which that correction supersedes once published. */
export const correctableStatuses: readonly BulletinStatus[] = ["approved", "localized", "published"];

/** Four-eyes: nobody approves a bulletin they wrote or edited. */
export const breaksFourEyes = (approverId: string, contributors: readonly string[]) => contributors.includes(approverId);
