// Talks to a bantin running in another process over HTTP, with the demo's credentials (test/helpers/pipeline.ts
// does the same in process).
import { and, count, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { auditLog, bulletins, deliveryLog, jobs, smsMessages } from "../../src/db/schema/index.ts";
import type { DemoCredentials } from "../../src/demo/seed-demo.ts";

export type RemoteResponse = { status: number; headers: Headers; json: any; text: string; elapsedMs: number };

export const remoteBantin = (baseUrl: string) => {
  const tokens: Record<string, string> = {};
  const request = async (method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<RemoteResponse> => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    const elapsedMs = performance.now() - started;
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text, elapsedMs };
  };
  const expectOk = (what: string, response: RemoteResponse, status = 200) => {
    if (response.status !== status) throw new Error(`${what}: ${response.status} ${response.text}`);
    return response;
  };
  return {
    request,
    tokens,
    logIn: async (credentials: DemoCredentials) => {
      for (const user of credentials.users) {
        const response = expectOk("log in", await request("POST", "/api/v1/auth/login", { body: { username: user.username, password: user.password } }));
        tokens[user.username] = response.json.token;
      }
    },
    /** create, submit, approve (texts only in the source language); returns the id and how long each call took */
    approveNew: async (input: Record<string, unknown>) => {
      const created = expectOk("create", await request("POST", "/api/v1/bulletins", { token: tokens.editor, body: input }), 201);
      const id = created.json.id as string;
      const submitted = expectOk("submit", await request("POST", `/api/v1/bulletins/${id}/submit`, { token: tokens.editor }));
      const approved = expectOk("approve", await request("POST", `/api/v1/bulletins/${id}/approve`, { token: tokens.approver }));
      return { id, slowestMs: Math.max(created.elapsedMs, submitted.elapsedMs, approved.elapsedMs) };
    },
    waitUntilReady: async (timeoutMs = 30_000) => {
      const started = Date.now();
      for (;;) {
        const response = await request("GET", "/readyz").catch(() => undefined);
        if (response?.status === 200) return;
        if (Date.now() - started > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms: ${response?.text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
};

export const publishedCount = async (db: Db, ids: string[]) => {
  let published = 0;
  for (const id of ids) {
    const [row] = await db.select({ status: bulletins.status }).from(bulletins).where(eq(bulletins.id, id));
    if (row?.status === "published") published += 1;
  }
  return published;
};

export const waitFor = async (predicate: () => Promise<boolean>, timeoutMs: number, what: string) => {
  const started = Date.now();
  while (!(await predicate().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Each bulletin published exactly once, one SMS per demo partner each (none missing, none twice), and no job left
 *  pending once the queue has caught up. */
export const expectEachPublishedOnce = async (db: Db, ids: string[]) => {
  for (const id of ids) {
    const [published] = await db
      .select({ value: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.toStatus, "published")));
    expect(published!.value).toBe(1);
  }
  const [messages] = await db.select({ value: count() }).from(smsMessages);
  expect(messages!.value).toBe(ids.length * 2);
  const [queued] = await db.select({ value: count() }).from(deliveryLog).where(eq(deliveryLog.event, "message.queued"));
  expect(queued!.value).toBe(ids.length * 2);
  await waitFor(async () => (await db.select({ value: count() }).from(jobs).where(eq(jobs.status, "pending")))[0]!.value === 0, 90_000, "no job left pending");
};
