import { asc, eq } from "drizzle-orm";
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

export const listUsersByUsername = (db: Db) => db.select().from(users).orderBy(asc(users.username));
