// Tokens are random, shown once and stored as SHA-256; passwords are stored as scrypt hashes in PHC string form,
// with their cost, so the cost can be raised later: older hashes still verify and are rehashed at the next login.
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { TokenKind } from "../domain/index.ts";

export const newToken = (kind: TokenKind) => `bt_${kind}_${randomBytes(32).toString("base64url")}`;

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export const newPassword = () => randomBytes(12).toString("base64url");

/** scrypt's cost: N = 2^ln, block size r, parallelism p (the PHC string's names). */
export type ScryptParameters = { ln: number; r: number; p: number };

/** What new hashes are made with. ln 14 is Node's default (16 MiB, ~50 ms here); raise it and every user is
 *  rehashed at their next successful login. */
export const passwordParameters: ScryptParameters = { ln: 14, r: 8, p: 1 };

const keyLength = 32;

const derive = (password: string, salt: Buffer, length: number, cost: ScryptParameters) =>
  new Promise<Buffer>((resolve, reject) => {
    const N = 2 ** cost.ln;
    // scrypt needs 128 * N * r bytes; Node refuses more than 32 MiB unless told
    const maxmem = 256 * N * cost.r + 1024 * 1024;
    scrypt(password.normalize("NFC"), salt, length, { N, r: cost.r, p: cost.p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });

const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");

type ParsedHash = { cost: ScryptParameters; salt: Buffer; hash: Buffer };

/** `$scrypt$ln=14,r=8,p=1$<salt>$<hash>` (PHC, unpadded base64), or the first format `scrypt$<salt hex>$<hash hex>`
 *  (Node's defaults: ln 14, r 8, p 1). Undefined for anything else. */
export const parsePasswordHash = (stored: string): ParsedHash | undefined => {
  const phc = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (phc) {
    const cost = { ln: Number(phc[1]), r: Number(phc[2]), p: Number(phc[3]) };
    if (cost.ln < 1 || cost.ln > 24 || cost.r < 1 || cost.p < 1) return undefined;
    return { cost, salt: Buffer.from(phc[4]!, "base64"), hash: Buffer.from(phc[5]!, "base64") };
  }
  const first = /^scrypt\$([0-9a-f]+)\$([0-9a-f]+)$/.exec(stored);
  if (first) return { cost: { ln: 14, r: 8, p: 1 }, salt: Buffer.from(first[1]!, "hex"), hash: Buffer.from(first[2]!, "hex") };
  return undefined;
};

export const hashPassword = async (password: string, cost: ScryptParameters = passwordParameters) => {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, keyLength, cost);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(hash)}`;
};

export const verifyPassword = async (password: string, stored: string) => {
  const parsed = parsePasswordHash(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const actual = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
  return timingSafeEqual(actual, parsed.hash);
};

/** True when the hash was not made with today's format and parameters. */
export const needsRehash = (stored: string, cost: ScryptParameters = passwordParameters) => {
  const parsed = parsePasswordHash(stored);
  return (
    !stored.startsWith("$scrypt$") ||
    !parsed ||
    parsed.cost.ln !== cost.ln ||
    parsed.cost.r !== cost.r ||
    parsed.cost.p !== cost.p ||
    parsed.hash.length !== keyLength
  );
};

/** The password functions sign-in uses, as one object so a test can watch what is called. */
export const passwords = { hash: hashPassword, verify: verifyPassword, needsRehash };

let dummy: Promise<string> | undefined;

/** A hash of a random password at today's cost: an unknown username is checked against it, so answering "no such
 *  user" costs the same time as a wrong password. */
export const dummyPasswordHash = () => (dummy ??= hashPassword(newPassword()));
