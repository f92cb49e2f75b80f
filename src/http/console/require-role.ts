import type { MiddlewareHandler } from "hono";
import type { Role } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";

/** A page for some roles only: anyone else sees a 403 page naming the roles it is for. */
export const requireConsoleRole =
  (...allowed: Role[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!allowed.some((role) => c.get("actor").roles.includes(role))) {
      throw new AppError("forbidden", `this page needs the ${allowed.join(" or ")} role`, { roles: allowed });
    }
    await next();
  };
