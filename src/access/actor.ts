import type { Role } from "../domain/index.ts";
import { AppError } from "../errors.ts";

/** A signed-in console or API user. */
export type Actor = { id: string; username: string; roles: readonly Role[] };

export const requireRole = (actor: Actor, ...allowed: Role[]) => {
  if (!allowed.some((role) => actor.roles.includes(role))) {
    throw new AppError("forbidden", `this needs the ${allowed.join(" or ")} role`);
  }
};
