// zod validation through @hono/zod-validator; a failure is a 422 listing every problem, and changes nothing.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { AppError } from "../../errors.ts";
import { validatorDoc } from "../describe-route.ts";

type Issues = { issues: readonly { path: readonly PropertyKey[]; message: string }[] };

export const validationError = (error: Issues) =>
  new AppError("validation_failed", error.issues.map((issue) => `${issue.path.map(String).join(".") || "body"}: ${issue.message}`).join("; "), {
    errors: error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  });

/** The validator, marked with its schema: the OpenAPI document takes the route's parameters and body from it. */
export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) =>
  Object.assign(
    zValidator(target, schema, (result) => {
      if (!result.success) throw validationError(result.error as Issues);
    }),
    { [validatorDoc]: { target, schema } },
  );
