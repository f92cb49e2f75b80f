// Tokens are random, shown once and stored as SHA-256; passwords are stored as scrypt hashes.
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { TokenKind } from "../domain/index.ts";

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

export const newToken = (kind: TokenKind) => `bt_${kind}_${randomBytes(32).toString("base64url")}`;

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export const newPassword = () => randomBytes(12).toString("base64url");

export const hashPassword = async (password: string) => {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize("NFC"), salt, 32);
  return `scrypt$${salt.toString("hex")}$${hash.toString("hex")}`;
};

export const verifyPassword = async (password: string, stored: string) => {
  const [scheme, saltHex, hashHex] = stored.split("$");
  if (scheme !== "scrypt" || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, "hex");
  const actual = await scryptAsync(password.normalize("NFC"), Buffer.from(saltHex, "hex"), expected.length);
  return timingSafeEqual(actual, expected);
};
