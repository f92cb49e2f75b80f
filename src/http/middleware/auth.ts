// Bearer tokens: looked up by SHA-256, never stored in clear; each is scoped to one user, partner, screen or station.
import type { Context, MiddlewareHandler } from "hono";
import { hashToken } from "../../access/secrets.ts";
import type { Db } from "../../db/client.ts";
import { getPartner } from "../../db/queries/partners.ts";
import { getScreen } from "../../db/queries/screens.ts";
import { getStation } from "../../db/queries/stations.ts";
import { findLiveToken, lastUsedPrecisionMs, touchToken } from "../../db/queries/tokens.ts";
import { getUser } from "../../db/queries/users.ts";
import type { TokenKind } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";
import { requiresToken } from "../describe-route.ts";

/** The live token of this kind that was presented (looked up by its hash). */
export const findToken = (db: Db, options: { kind: TokenKind; token: string; now: Date }) =>
  findLiveToken(db, { kind: options.kind, hash: hashToken(options.token), now: options.now });

/** When this process last wrote down each token's use (by hash): one write a minute at most per token. */
const usesNoted = new Map<string, number>();

/** After a request a partner's, screen's or station's token answered for succeeded, its last use is noted (to the minute), so the console can say
 *  when each token was last used. A refused request (4xx) changes nothing, its token's last use included. */
const noteUse = async (c: Context<AppEnv>, options: { kind: TokenKind; token: string }) => {
  if (c.res.status >= 400) return;
  const { db, clock } = c.get("deps");
  const hash = hashToken(options.token);
  const now = clock().getTime();
  const noted = usesNoted.get(hash);
  if (noted !== undefined && now - noted >= 0 && now - noted < lastUsedPrecisionMs) return;
  if (usesNoted.size >= 10_000) usesNoted.clear();
  usesNoted.set(hash, now);
  await touchToken(db, { kind: options.kind, hash, at: new Date(now) });
};

/** What the presented token belongs to, read by `get`; undefined for an unknown, expired or revoked token. */
const subjectOf = async <Subject>(db: Db, token: { kind: TokenKind; token: string; now: Date }, get: (db: Db, id: string) => Promise<Subject | undefined>) => {
  const found = await findToken(db, token);
  return found ? get(db, found.subjectId) : undefined;
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

/** The enabled user a session token (API bearer or console cookie) belongs to; undefined when unknown, expired,
 *  revoked or disabled. */
export const userForToken = async (db: Db, options: { token: string; now: Date }) => {
  const user = await subjectOf(db, { kind: "user", token: options.token, now: options.now }, getUser);
  return user && !user.disabled ? user : undefined;
};

export const requireUser: MiddlewareHandler<AppEnv> = requiresToken(async (c, next) => {
  const { db, clock } = c.get("deps");
  const presented = bearer(c.req.header("authorization"));
  assertKind(presented, "user", "/api/v1 (log in at /api/v1/auth/login)");
  const token = await findToken(db, { kind: "user", token: presented, now: clock() });
  const user = token ? await getUser(db, token.subjectId) : undefined;
  if (!token || !user || user.disabled) throw new AppError("unauthenticated", "the token is unknown, expired or revoked");
  c.set("actor", { id: user.id, username: user.username, roles: user.roles });
  c.set("sessionTokenId", token.id);
  await next();
});

export const requirePartner: MiddlewareHandler<AppEnv> = requiresToken(async (c, next) => {
  const { db, clock } = c.get("deps");
  const presented = bearer(c.req.header("authorization"));
  assertKind(presented, "partner", "/partner/v1");
  const partner = await subjectOf(db, { kind: "partner", token: presented, now: clock() }, getPartner);
  if (!partner || partner.disabled) throw new AppError("unauthenticated", "the token is unknown or revoked");
  c.set("partner", partner);
  await next();
  await noteUse(c, { kind: "partner", token: presented });
});

export const requireScreen: MiddlewareHandler<AppEnv> = requiresToken(async (c, next) => {
  const { db, clock } = c.get("deps");
  const presented = bearer(c.req.header("authorization"));
  assertKind(presented, "screen", "/screen/v1");
  const lookUp = () => subjectOf(db, { kind: "screen", token: presented, now: clock() }, getScreen);
  // screens poll: their token is looked up at most every few seconds per API process
  const events = c.get("deps").feedEvents;
  const screen = events ? await events.screenForToken(hashToken(presented), lookUp) : await lookUp();
  if (!screen || screen.disabled) throw new AppError("unauthenticated", "the token is unknown or revoked");
  c.set("screen", screen);
  await next();
  await noteUse(c, { kind: "screen", token: presented });
});

export const requireStation: MiddlewareHandler<AppEnv> = requiresToken(async (c, next) => {
  const { db, clock } = c.get("deps");
  const presented = bearer(c.req.header("authorization"));
  assertKind(presented, "station", "/radio/v1");
  const station = await subjectOf(db, { kind: "station", token: presented, now: clock() }, getStation);
  if (!station || station.disabled) throw new AppError("unauthenticated", "the token is unknown or revoked");
  c.set("station", station);
  await next();
  await noteUse(c, { kind: "station", token: presented });
});
