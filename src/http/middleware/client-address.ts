// The address a request came from: the socket's peer, or, behind TRUST_PROXY proxies, the address the outermost
// of them saw (X-Forwarded-For read from the right, so a client cannot choose it by sending the header itself).
import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "../app-env.ts";

const socketAddress = (c: Context<AppEnv>) => {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // no socket: app.request() in tests, or another runtime
    return undefined;
  }
};

/** `trustProxy` = how many proxies of ours stand in front (0: none, the header is ignored). Like Express's
 *  "trust proxy" hop count: with [client, proxy 1, ..., proxy n] the address is the n-th from the socket. */
export const clientAddress = (c: Context<AppEnv>, trustProxy: number) => {
  const socket = socketAddress(c) ?? "unknown";
  if (trustProxy <= 0) return socket;
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // nearest first: the socket's peer, then the header's entries from the right
  const chain = [socket, ...forwarded.reverse()];
  return chain[Math.min(trustProxy, chain.length - 1)]!;
};
