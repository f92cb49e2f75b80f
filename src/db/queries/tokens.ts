// Bearer tokens: only their SHA-256 is stored; a token is live until it is revoked or expires.
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
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
  const [row] = await db
    .update(tokens)
    .set({ revokedAt: options.at })
    .where(eq(tokens.id, options.id))
    .returning({ id: tokens.id, revokedAt: tokens.revokedAt });
  return row;
};

/** Every token, without its hash. */
export const listTokens = (db: Db) =>
  db
    .select({
      id: tokens.id,
      kind: tokens.kind,
      subjectId: tokens.subjectId,
      label: tokens.label,
      createdAt: tokens.createdAt,
      expiresAt: tokens.expiresAt,
      revokedAt: tokens.revokedAt,
    })
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

/** The tokens of one subject (a partner's, a screen's, a user's), newest first, without their hashes. */
export const listTokensOf = (db: Db, options: { kind: TokenKind; subjectId: string }) =>
  db
    .select({
      id: tokens.id,
      kind: tokens.kind,
      subjectId: tokens.subjectId,
      label: tokens.label,
      createdAt: tokens.createdAt,
      expiresAt: tokens.expiresAt,
      revokedAt: tokens.revokedAt,
      lastUsedAt: tokens.lastUsedAt,
    })
    .from(tokens)
    .where(and(eq(tokens.kind, options.kind), eq(tokens.subjectId, options.subjectId)))
    .orderBy(desc(tokens.createdAt), desc(tokens.id));

/** How stale a token's last use may be before a new use is written down: one write a minute at most per token. */
export const lastUsedPrecisionMs = 60_000;

/** Notes that the token with this hash was used at `at`, unless a use within the last minute is already noted
 *  (polling endpoints would otherwise write on every call). */
export const touchToken = async (db: Db, options: { kind: TokenKind; hash: string; at: Date }) => {
  await db
    .update(tokens)
    .set({ lastUsedAt: options.at })
    .where(
      and(
        eq(tokens.hash, options.hash),
        eq(tokens.kind, options.kind),
        or(isNull(tokens.lastUsedAt), lt(tokens.lastUsedAt, new Date(options.at.getTime() - lastUsedPrecisionMs))),
      ),
    );
};

/** Revokes every live token of a user (a disabled account, a reset password: its sessions end); how many. */
export const revokeTokensOf = async (db: Db, options: { kind: TokenKind; subjectId: string; at: Date }) => {
  const rows = await db
    .update(tokens)
    .set({ revokedAt: options.at })
    .where(and(eq(tokens.kind, options.kind), eq(tokens.subjectId, options.subjectId), isNull(tokens.revokedAt)))
    .returning({ id: tokens.id });
  return rows.length;
};

/** Per user: when they last signed in (their newest session) and how many sessions are live at `now`. */
export const userSessionSummary = async (db: Db, now: Date) => {
  const rows = await db
    .select({
      userId: tokens.subjectId,
      lastSignInAt: sql<string | null>`max(${tokens.createdAt})`,
      live: sql<number>`count(*) filter (where ${tokens.revokedAt} is null and (${tokens.expiresAt} is null or ${tokens.expiresAt} > ${now.toISOString()}))`,
    })
    .from(tokens)
    .where(eq(tokens.kind, "user"))
    .groupBy(tokens.subjectId);
  return new Map(rows.map((row) => [row.userId, { lastSignInAt: row.lastSignInAt ? new Date(row.lastSignInAt) : null, live: Number(row.live) }]));
};
