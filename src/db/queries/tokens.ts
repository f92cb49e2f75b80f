// Bearer tokens: only their SHA-256 is stored; a token is live until it is revoked or expires.
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "../client.ts";
import { tokens } from "../schema/index.ts";
import type { TokenKind } from "../../domain/index.ts";
import { notifyTokensChanged } from "./feed-notify.ts";

export type Token = typeof tokens.$inferSelect;
export type NewToken = typeof tokens.$inferInsert;

/** The live (not revoked, not expired at `now`) token of this kind with this hash. */
export const findLiveToken = async (db: Db, options: { kind: TokenKind; hash: string; now: Date }) => {
  const [row] = await db
    .select()
    .from(tokens)
    .where(
      and(
        eq(tokens.hash, options.hash),
        eq(tokens.kind, options.kind),
        isNull(tokens.revokedAt),
        or(isNull(tokens.expiresAt), gt(tokens.expiresAt, options.now)),
      ),
    );
  return row;
};

/** Stores a token (its hash); what may be shown of it again. */
export const insertToken = async (db: Db, values: NewToken) => {
  const [row] = await db
    .insert(tokens)
    .values(values)
    .returning({ id: tokens.id, kind: tokens.kind, subjectId: tokens.subjectId, createdAt: tokens.createdAt, expiresAt: tokens.expiresAt });
  return row!;
};

/** Marks a token revoked at `at`; undefined when there is no such token. */
export const revokeTokenRow = async (db: Db, options: { id: string; at: Date }) => {
  const [row] = await db.update(tokens).set({ revokedAt: options.at }).where(eq(tokens.id, options.id)).returning({ id: tokens.id, revokedAt: tokens.revokedAt });
  return row;
};

/** Every token, without its hash. */
export const listTokens = (db: Db) =>
  db
    .select({ id: tokens.id, kind: tokens.kind, subjectId: tokens.subjectId, label: tokens.label, createdAt: tokens.createdAt, expiresAt: tokens.expiresAt, revokedAt: tokens.revokedAt })
    .from(tokens);

/** Revokes the live token with this hash (a console session signing out); true when there was one. */
export const revokeTokenByHash = async (db: Db, options: { kind: TokenKind; hash: string; at: Date }) => {
  const rows = await db
    .update(tokens)
    .set({ revokedAt: options.at })
    .where(and(eq(tokens.hash, options.hash), eq(tokens.kind, options.kind), isNull(tokens.revokedAt)))
    .returning({ id: tokens.id });
  // processes drop what they remember of tokens, and end the event streams of a session that ended (console sign-out)
  if (rows.length > 0) await notifyTokensChanged(db);
  return rows.length > 0;
};
