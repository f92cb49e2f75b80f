import { asc, count, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { users } from "../schema/index.ts";

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const getUser = async (db: Db, id: string) => {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
};

export const getUserByUsername = async (db: Db, username: string) => {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
};

export const insertUser = async (db: Db, values: NewUser) => {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
};

/** Replaces a user's password hash (a rehash with today's parameters, or a new password). */
export const setUserPasswordHash = async (db: Db, options: { id: string; passwordHash: string }) => {
  await db.update(users).set({ passwordHash: options.passwordHash }).where(eq(users.id, options.id));
};

export const listUsersByUsername = (db: Db) => db.select().from(users).orderBy(asc(users.username));

/** True when no user exists yet: a fresh database, where the demo may be seeded. */
export const isFreshDatabase = async (db: Db) => {
  const [row] = await db.select({ users: count() }).from(users);
  return (row?.users ?? 0) === 0;
};

/** The language the console speaks to this user. */
export const setConsoleLanguage = async (db: Db, options: { id: string; language: User["consoleLanguage"] }) => {
  await db.update(users).set({ consoleLanguage: options.language }).where(eq(users.id, options.id));
};

/** Changes a user's name, roles or disabled flag; undefined when there is no such user. */
export const updateUser = async (db: Db, options: { id: string; set: Partial<Pick<NewUser, "displayName" | "roles" | "disabled">> }) => {
  const [row] = await db.update(users).set(options.set).where(eq(users.id, options.id)).returning();
  return row;
};
