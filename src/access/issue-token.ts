import { notifyTokensChanged } from "../db/queries/feed-notify.ts";
import type { Db } from "../db/client.ts";
import { insertToken, revokeTokenRow } from "../db/queries/tokens.ts";
import type { TokenKind } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { hashToken, newToken } from "./secrets.ts";

/** Issues a token for one subject; the clear token is returned once and never stored. */
export const issueToken = async (db: Db, options: { kind: TokenKind; subjectId: string; label?: string; expiresAt?: Date; now: Date }) => {
  const token = newToken(options.kind);
  const row = await insertToken(db, {
    kind: options.kind,
    subjectId: options.subjectId,
    hash: hashToken(token),
    label: options.label ?? "",
    expiresAt: options.expiresAt,
    createdAt: options.now,
  });
  return { ...row, token };
};

export const revokeToken = async (db: Db, options: { id: string; now: Date }) => {
  const row = await revokeTokenRow(db, { id: options.id, at: options.now });
  if (!row) throw new AppError("not_found", `no token ${options.id}`);
  await notifyTokensChanged(db);
  return row;
};
