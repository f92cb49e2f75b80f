// The state machine's rules (domain/lifecycle.ts) as the commands enforce them: a refused move is a clear 4xx.
import { breaksFourEyes, canTransition } from "../domain/lifecycle.ts";
import type { BulletinStatus } from "../domain/bulletin.ts";
import { AppError, refusalIssue } from "../errors.ts";

/** A command refused because of the bulletin's status: the English message for the API (problem+json), the rule and
 *  the status for the console, which words it in its reader's language. */
export const refusedInStatus = (
  status: BulletinStatus,
  message: string,
  rule: "status_forbids" | "not_editable" = "status_forbids",
  extra: Record<string, unknown> = {},
) => new AppError("invalid_transition", message, extra, { issues: [refusalIssue("", message, rule, { status })] });

export const assertTransition = (from: BulletinStatus, to: BulletinStatus) => {
  if (!canTransition(from, to)) throw refusedInStatus(from, `a ${from} bulletin cannot become ${to}`, "status_forbids", { from, to });
};

/** Four-eyes: nobody approves a bulletin they wrote or edited. */
export const assertFourEyes = (approverId: string, contributors: readonly string[]) => {
  if (breaksFourEyes(approverId, contributors)) {
    const message = "you wrote or edited this bulletin; another approver must approve it";
    throw new AppError("four_eyes", message, {}, { issues: [refusalIssue("", message, "four_eyes")] });
  }
};
