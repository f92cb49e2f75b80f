// Bearer tokens: looked up by SHA-256, never stored in clear; each is scoped to one user, partner, screen or station.
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { hashToken } from "../../access/secrets.ts";
import type { Db } from "../../db/client.ts";
import { screens, partners, stations, tokens, users } from "../../db/schema/index.ts";
import { type TokenKind } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";

export const findToken = async (db: Db, kind: TokenKind, token: string, now: Date) => {
  const [row] = await db
    .select()
    .from(tokens)
    .where(
      and(
        eq(tokens.hash, hashToken(token)),
        eq(tokens.kind, kind),
        isNull(tokens.revokedAt),
        or(isNull(tokens.expiresAt), gt(tokens.expiresAt, now)),
      ),
    );
  return row;
};

const bearer = (header: string | undefined) => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) throw new AppError("unauthenticated", "send Authorization: Bearer <token>");
  return match[1]!;
};

/** Tokens say their kind in their prefix (bt_<kind>_...): a token of the wrong kind gets a useful answer. */
const assertKind = (token: string, kind: string, where: string) => {
  const other = /^bt_([a-z]+)_/.exec(token)?.[1];
  if (other && other !== kind) throw new AppError("unauthenticated", `this is a ${other} token; ${where} takes a ${kind} token`);
};

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, clock } = c.get("deps");
  const presented = bearer(c.req.header("authorization"));
  assertKind(presented, "user", "/api/v1 (log in at /api/v1/auth/login)");
  const token = await findToken(db, "user", presented, clock());
  const [user] = token ? await db.select().from(users).where(eq(users.id, token.subjectId)) : [];
  if (!user || user.disabled) throw new AppError("unauthenticated", "the token is unknown, expired or revoked");
  c.set("actor", { id: user.id, username: user.username, roles: user.roles });
  await next();
};

export const requirePartner: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, clock } = c.get("deps");
  const presented = bearer(c.req.header("authorization"));
  assertKind(presented, "partner", "/partner/v1");
  const token = await findToken(db, "partner", presented, clock());
  const [partner] = token ? await db.select().from(partners).where(eq(partners.id, token.subjectId)) : [];
  if (!partner || partner.disabled) throw new AppError("unauthenticated", "the token is unknown or revoked");
  c.set("partner", partner);
  await next();
};

export const requireScreen: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, clock } = c.get("deps");
  const presented = bearer(c.req.header("authorization"));
  assertKind(presented, "screen", "/screen/v1");
  const lookUp = async () => {
    const token = await findToken(db, "screen", presented, clock());
    const [row] = token ? await db.select().from(screens).where(eq(screens.id, token.subjectId)) : [];
    return row;
  };
  // screens poll: their token is looked up at most every few seconds per API process
  const events = c.get("deps").feedEvents;
  const screen = events ? await events.screenForToken(hashToken(presented), lookUp) : await lookUp();
  if (!screen || screen.disabled) throw new AppError("unauthenticated", "the token is unknown or revoked");
  c.set("screen", screen);
  await next();
};

export const requireStation: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, clock } = c.get("deps");
  const presented = bearer(c.req.header("authorization"));
  assertKind(presented, "station", "/radio/v1");
  const token = await findToken(db, "station", presented, clock());
  const [station] = token ? await db.select().from(stations).where(eq(stations.id, token.subjectId)) : [];
  if (!station || station.disabled) throw new AppError("unauthenticated", "the token is unknown or revoked");
  c.set("station", station);
  await next();
};
