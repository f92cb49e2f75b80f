import { z } from "zod";
import type { Db } from "../db/client.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { revokeTokenRow, revokeTokensOf } from "../db/queries/tokens.ts";
import { getUser, getUserByUsername, insertUser, listUsersByUsername, setUserPasswordHash, updateUser, type User } from "../db/queries/users.ts";
import { roles } from "../domain/index.ts";
import { AppError, refusalIssue } from "../errors.ts";
import { plainText } from "../domain/plain-text.ts";
import { issueToken } from "./issue-token.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import { dummyPasswordHash, hashPassword, newPassword, passwords } from "./secrets.ts";

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
  if (await getUserByUsername(db, input.username))
    throw new AppError(
      "conflict",
      `user ${input.username} exists already`,
      {},
      { issues: [refusalIssue("username", "exists already", "name_taken", { name: input.username })] },
    );
  const user = await insertUser(db, {
    username: input.username,
    displayName: input.displayName,
    roles: input.roles,
    passwordHash: await hashPassword(password),
  });
  return { user: publicUser(user), password };
};

/** What an admin may change about a user (any of it, at least one): name, roles, disabled. A disabled user cannot
 *  sign in and their sessions end at once. */
export const ChangeUserSchema = z
  .strictObject({
    displayName: plainText({ max: 100 }),
    roles: z.array(z.enum(roles)).min(1),
    disabled: z.boolean(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, "send at least one field to change");
export type ChangeUserInput = z.infer<typeof ChangeUserSchema>;

type AdminAction = { actor: { id: string }; id: string; now: Date };

/** Changes a user (admin), audited. An admin cannot take away their own admin role or disable themselves (someone
 *  must be left who can undo it); disabling a user ends their sessions. */
export const changeUser = async (db: Db, options: AdminAction & { changes: ChangeUserInput }) => {
  const { actor, id, changes, now } = options;
  if (actor.id === id && changes.roles && !changes.roles.includes("admin")) {
    throw new AppError("conflict", "you cannot take away your own admin role; ask another admin", { own: "admin" });
  }
  if (actor.id === id && changes.disabled) throw new AppError("conflict", "you cannot disable your own account; ask another admin", { own: "disabled" });
  return db.transaction(async (tx) => {
    const user = await updateUser(tx, { id, set: { ...changes, ...(changes.roles ? { roles: [...new Set(changes.roles)] } : {}) } });
    if (!user) throw new AppError("not_found", `no user ${id}`);
    const sessionsEnded = changes.disabled ? await revokeTokensOf(tx, { kind: "user", subjectId: id, at: now }) : 0;
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "user",
      entityId: id,
      action: "update",
      detail: { fields: Object.keys(changes), roles: user.roles, disabled: user.disabled, sessionsEnded },
    });
    return publicUser(user);
  });
};

/** Gives a user a new generated password (admin), returned once; their sessions end. */
export const resetPassword = async (db: Db, options: AdminAction) => {
  const { actor, id, now } = options;
  const user = await getUser(db, id);
  if (!user) throw new AppError("not_found", `no user ${id}`);
  const password = newPassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await setUserPasswordHash(tx, { id, passwordHash });
    const sessionsEnded = await revokeTokensOf(tx, { kind: "user", subjectId: id, at: now });
    await recordAudit(tx, { at: now, actorId: actor.id, entity: "user", entityId: id, action: "password:reset", detail: { sessionsEnded } });
  });
  return { user: publicUser(user), password };
};

export const listUsers = async (db: Db) => (await listUsersByUsername(db)).map(publicUser);

export const sessionHours = 12;

/** Checks a password and issues a session token; failures are throttled per username and address. An unknown username is checked against a dummy hash of the same
 *  cost, and a disabled user's password is checked too, so the time taken does not tell which usernames exist. A
 *  hash made with older parameters is replaced by one with today's once the password is known to be right. */
export const logIn = async (db: Db, options: { username: string; password: string; now: Date; throttle?: LoginThrottle; address?: string }) => {
  const attempt = { username: options.username, address: options.address ?? "unknown" };
  // a blocked username or address is refused before any password is checked: no guess is tried while blocked
  await options.throttle?.check(attempt);
  const user = await getUserByUsername(db, options.username);
  const matches = await passwords.verify(options.password, user?.passwordHash ?? (await dummyPasswordHash()));
  // same answer for an unknown user, a disabled one and a wrong password
  if (!user || user.disabled || !matches) {
    await options.throttle?.failed(attempt);
    throw new AppError("unauthenticated", "unknown username or wrong password");
  }
  await options.throttle?.succeeded(attempt);
  if (passwords.needsRehash(user.passwordHash)) {
    await setUserPasswordHash(db, { id: user.id, passwordHash: await passwords.hash(options.password) });
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

/** Ends the session whose token was presented: the token is revoked and refused from now on. */
export const logOut = async (db: Db, options: { sessionTokenId: string; now: Date }) => {
  await revokeTokenRow(db, { id: options.sessionTokenId, at: options.now });
};
