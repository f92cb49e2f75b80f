import { z } from "zod";
import type { Db } from "../db/client.ts";
import { getUserByUsername, insertUser, listUsersByUsername, type User } from "../db/queries/users.ts";
import { roles } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { plainText } from "../domain/plain-text.ts";
import { issueToken } from "./issue-token.ts";
import { hashPassword, newPassword, verifyPassword } from "./secrets.ts";

export const CreateUserSchema = z.strictObject({
  username: z.string().regex(/^[a-z0-9._-]{2,40}$/, "2 to 40 lowercase letters, digits, dot, dash or underscore"),
  displayName: plainText({ max: 100 }),
  roles: z.array(z.enum(roles)).min(1),
  password: z.string().min(10).max(200).optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

const publicUser = (user: User) => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  roles: user.roles,
  disabled: user.disabled,
  createdAt: user.createdAt,
});

/** Creates a user; the password (given or generated) is returned once. */
export const createUser = async (db: Db, input: CreateUserInput) => {
  const password = input.password ?? newPassword();
  if (await getUserByUsername(db, input.username)) throw new AppError("conflict", `user ${input.username} exists already`);
  const user = await insertUser(db, { username: input.username, displayName: input.displayName, roles: input.roles, passwordHash: await hashPassword(password) });
  return { user: publicUser(user), password };
};

export const listUsers = async (db: Db) => (await listUsersByUsername(db)).map(publicUser);

export const sessionHours = 12;

/** Checks a password and issues a session token. */
export const logIn = async (db: Db, options: { username: string; password: string; now: Date }) => {
  const user = await getUserByUsername(db, options.username);
  // same answer for an unknown user and a wrong password
  if (!user || user.disabled || !(await verifyPassword(options.password, user.passwordHash))) {
    throw new AppError("unauthenticated", "unknown username or wrong password");
  }
  const session = await issueToken(db, {
    kind: "user",
    subjectId: user.id,
    label: "session",
    now: options.now,
    expiresAt: new Date(options.now.getTime() + sessionHours * 3_600_000),
  });
  return { token: session.token, expiresAt: session.expiresAt, user: publicUser(user) };
};
