import { notifyTokensChanged } from "../db/queries/feed-notify.ts";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { tokens } from "../db/schema/index.ts";
import { type TokenKind } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { hashToken, newToken } from "./secrets.ts";

/** Issues a token for one subject; the clear token is returned once and never stored. */
export const issueToken = async (db: Db, options: { kind: TokenKind; subjectId: string; label?: string; expiresAt?: Date; now: Date }) => {
  const token = newToken(options.kind);
  const [row] = await db
    .insert(tokens)
    .values({ kind: options.kind, subjectId: options.subjectId, hash: hashToken(token), label: options.label ?? "", expiresAt: options.expiresAt, createdAt: options.now })
    .returning({ id: tokens.id, kind: tokens.kind, subjectId: tokens.subjectId, createdAt: tokens.createdAt, expiresAt: tokens.expiresAt });
  return { ...row!, token };
};

export const revokeToken = async (db: Db, options: { id: string; now: Date }) => {
  const [row] = await db.update(tokens).set({ revokedAt: options.now }).where(eq(tokens.id, options.id)).returning({ id: tokens.id, revokedAt: tokens.revokedAt });
  if (!row) throw new AppError("not_found", `no token ${options.id}`);
  await notifyTokensChanged(db);
  return row;
};

export const listTokens = (db: Db) =>
  db
    .select({ id: tokens.id, kind: tokens.kind, subjectId: tokens.subjectId, label: tokens.label, createdAt: tokens.createdAt, expiresAt: tokens.expiresAt, revokedAt: tokens.revokedAt })
    .from(tokens);
