// A browser calling the console in-process (app.request), for integration tests without Chromium: it keeps the
// session cookie (and drops it when the server clears it), posts forms from this site (Origin and Sec-Fetch-Site)
// unless told otherwise, follows no redirect, and remembers the CSRF token of the last page that showed one.
import { expect } from "vitest";
import type { TestPipeline } from "./pipeline.ts";

export const consoleOrigin = "http://bantin.test";

export type FormFields = [string, string][] | Record<string, string>;
export type ConsoleAnswer = { status: number; location: string | null; headers: Headers; html: string; bytes: Uint8Array };

export const consoleBrowser = (app: TestPipeline["app"]) => {
  let cookie = "";
  let csrf = "";
  const call = async (method: string, path: string, options: { form?: FormFields; headers?: Record<string, string> } = {}): Promise<ConsoleAnswer> => {
    const headers: Record<string, string> = {
      ...(cookie ? { cookie } : {}),
      ...(method === "POST" ? { origin: consoleOrigin, "sec-fetch-site": "same-origin" } : {}),
      ...options.headers,
    };
    const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await app.request(`${consoleOrigin}${path}`, { method, headers, body, redirect: "manual" });
    const set = response.headers.get("set-cookie");
    if (set) cookie = /Max-Age=0|expires=Thu, 01 Jan 1970/i.test(set) ? "" : set.split(";")[0]!;
    const type = response.headers.get("content-type") ?? "";
    const bytes = new Uint8Array(await response.arrayBuffer());
    const html = type.startsWith("image/") ? "" : new TextDecoder().decode(bytes);
    const found = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (found) csrf = found;
    return { status: response.status, location: response.headers.get("location"), headers: response.headers, html, bytes };
  };
  return {
    call,
    /** posts a form with the CSRF token of the last page read */
    post: (path: string, form: FormFields = [], headers?: Record<string, string>) =>
      call("POST", path, { form: [["_csrf", csrf], ...(Array.isArray(form) ? form : Object.entries(form))], ...(headers ? { headers } : {}) }),
    /** signs in on /login and reads the list, as a person lands after signing in */
    signIn: async (username: string, password: string) => {
      const response = await call("POST", "/login", { form: { username, password, next: "/" } });
      expect(response.status, response.html).toBe(303);
      await call("GET", "/");
    },
    csrf: () => csrf,
    cookie: () => cookie,
  };
};
