import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { tokens, users } from "../db/schema/index.ts";
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

const publicUser = (user: typeof users.$inferSelect) => ({
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
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (existing) throw new AppError("conflict", `user ${input.username} exists already`);
  const [user] = await db
    .insert(users)
    .values({ username: input.username, displayName: input.displayName, roles: input.roles, passwordHash: await hashPassword(password) })
    .returning();
  return { user: publicUser(user!), password };
};

export const listUsers = async (db: Db) => (await db.select().from(users).orderBy(asc(users.username))).map(publicUser);

export const sessionHours = 12;

/** Checks a password and issues a session token. */
export const logIn = async (db: Db, options: { username: string; password: string; now: Date }) => {
  const [user] = await db.select().from(users).where(eq(users.username, options.username));
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

export const tokensOf = (db: Db, subjectId: string) => db.select({ id: tokens.id }).from(tokens).where(eq(tokens.subjectId, subjectId));
