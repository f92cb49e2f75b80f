// A running bantin in front of Debian's Chromium (driven by playwright-core) for the browser tests: the app served on
// a free local port, and a browser. Tests are skipped, with a note, where Chromium is not installed.
import { serve, type ServerType } from "@hono/node-server";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import type { TestPipeline } from "./pipeline.ts";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const haveChromium = existsSync(chromiumPath);

/** Says which browser test is skipped and why, when Chromium is missing. */
export const noteMissingChromium = (what: string) => {
  if (!haveChromium) console.log(`[bantin tests] SKIPPED: ${what}, because ${chromiumPath} is missing (apt-get install chromium; .ci/run installs it)`);
};

/** Serves the pipeline's app on 127.0.0.1 and starts Chromium; `stopServer` takes the server away (and its open
 *  connections) while the browser stays, `close` stops both (the pipeline is the caller's). */
export const serveToBrowser = async (
  pipeline: TestPipeline,
): Promise<{ base: string; browser: Browser; stopServer: () => Promise<void>; close: () => Promise<void> }> => {
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: pipeline.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  let stopped: Promise<void> | undefined;
  const stopServer = () =>
    (stopped ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as import("node:http").Server).closeAllConnections();
    }));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    stopServer,
    close: async () => {
      await browser.close();
      await stopServer();
    },
  };
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core's serious and critical violations on the page as it is, one line each (rule, help, where); axe runs
 *  through the devtools protocol, which the console's CSP does not govern. */
export const accessibilityProblems = async (page: Page) => {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate("axe.run(document).then((result) => result.violations)")) as Violation[];
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
};

/** docs/console/ when the run is asked for screenshots (BANTIN_SCREENSHOTS=1; made if missing), else undefined. */
export const screenshotFolder = (() => {
  if (process.env.BANTIN_SCREENSHOTS !== "1") return undefined;
  const folder = new URL("../../docs/console/", import.meta.url).pathname;
  mkdirSync(folder, { recursive: true });
  return folder;
})();

/** axe-core finds no serious or critical problem on the page as it is; with BANTIN_SCREENSHOTS=1 the page is saved as
 *  docs/console/<name>.png (the whole page, or the window with `fullPage: false`). */
export const lookAt = async (page: Page, name: string, options: { fullPage?: boolean } = {}) => {
  expect(await accessibilityProblems(page), `${name}: axe-core`).toEqual([]);
  if (screenshotFolder) await page.screenshot({ path: `${screenshotFolder}${name}.png`, fullPage: options.fullPage ?? true });
};

/** Signs in through the console's sign-in page (Vietnamese, the default) in `page`, going there first unless the
 *  page is on it already, and waits for the bulletin list. */
export const signInOn = async (page: Page, base: string, username: string, password: string) => {
  if (new URL(page.url(), base).pathname !== "/login") await page.goto(`${base}/login`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL(`${base}/`);
  return page;
};
