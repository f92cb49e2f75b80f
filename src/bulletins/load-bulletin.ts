import type { Db } from "../db/client.ts";
import { getBulletin } from "../db/queries/bulletins.ts";
import { AppError } from "../errors.ts";

/** The bulletin, locked for this transaction, or a 404. */
export const loadBulletinForUpdate = async (db: Db, id: string) => {
  const bulletin = await getBulletin(db, id, { forUpdate: true });
  if (!bulletin) throw new AppError("not_found", `no bulletin ${id}`);
  return bulletin;
};
