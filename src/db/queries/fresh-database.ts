import { count } from "drizzle-orm";
import type { Db } from "../client.ts";
import { users } from "../schema/index.ts";

/** True when no user exists yet: a fresh database, where the demo may be seeded. */
export const isFreshDatabase = async (db: Db) => {
  const [row] = await db.select({ users: count() }).from(users);
  return (row?.users ?? 0) === 0;
};
