// The server half of bench/console.ts, in its own process so the load generator does not share its event loop:
// a database with the demo and 10,000 bulletins of history, the app, and bare hono routes that return the very
// bytes the console's pages returned, as the baseline; the app twice, with and without the list cache. Prints one JSON
// line (ports, session cookie, sizes) when ready. BENCH_DATA_DIR: a PGlite data directory kept between runs (seeded
// on the first run only).
import { serve, type ServerType } from "@hono/node-server";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { count, eq } from "drizzle-orm";
import postgres from "postgres";
import { hashPassword, newPassword } from "../src/access/secrets.ts";
import { setUserPasswordHash } from "../src/db/queries/users.ts";
import { bulletins as bulletinsTable, users } from "../src/db/schema/index.ts";
import { createApp } from "../src/app.ts";
import { csrfTokenFor } from "../src/http/console/session.ts";
import { createDemoTranslator } from "../src/localize/demo-translator.ts";
import { openDatabase } from "../src/db/client.ts";
import { consoleListVersionDeps } from "../src/db/queries/console-list-version.ts";
import { seedDemoHistory } from "../src/demo/demo-history.ts";
import { seedDemo } from "../src/demo/seed-demo.ts";
import { createFeedEvents } from "../src/http/screen/feed-events.ts";
import { createLogger } from "../src/logger.ts";
import { createInProcessQueue } from "../src/queue/in-process-queue.ts";

const bulletins = Number(process.env.BENCH_BULLETINS ?? 10_000);
const logger = createLogger("silent");

let dropDatabase = async () => {};
let url: string | undefined;
if (process.env.DATABASE_URL) {
  const name = `bantin_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(process.env.DATABASE_URL);
  target.pathname = `/${name}`;
  url = target.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
const dataDir = url ? undefined : process.env.BENCH_DATA_DIR;
const database = await openDatabase({ url, dataDir });
await database.migrate();
const db = database.db;
const queue = createInProcessQueue();
const clock = () => new Date();
const [seeded] = (await db.select({ id: users.id }).from(users).where(eq(users.username, "editor"))) as { id: string }[];
let password: string;
let history: { bulletins: number };
if (seeded && dataDir) {
  // a kept data directory: the demo and its history are there; the editor gets a password this run knows
  password = newPassword();
  await setUserPasswordHash(db, { id: seeded.id, passwordHash: await hashPassword(password) });
  history = { bulletins: Number((await db.select({ n: count() }).from(bulletinsTable))[0]!.n) };
} else {
  const credentials = await seedDemo(db, clock());
  password = credentials.users.find((user) => user.username === "editor")!.password;
  history = await seedDemoHistory(db, credentials, clock(), { bulletins, delivery: false });
}
const feedEvents = await createFeedEvents({ db, clock, logger, listen: database.listen });
// the offline demo translator, as `npm start` has it: the compose preview shows the Lao and English drafts it makes
const machineTranslator = createDemoTranslator({ db });
const deps = {
  db,
  queue,
  clock,
  logger,
  publicUrl: "http://bench",
  feedEvents,
  machineTranslator,
  // as bantin runs (src/runtime.ts): on embedded PGlite the list's version is kept from notifications
  ...(await consoleListVersionDeps(database)),
  checks: { database: database.ping, queue: queue.ping },
};
// the app as it runs, and the same app with the list cache off (every view as the first after a change), each on
// its own port of this one process
const app = createApp(deps);
const uncachedApp = createApp({ ...deps, consoleListCache: false });

// the baselines: filled below with the bytes each console answer had (routes must exist before the first request)
const bare = new Map<string, { bytes: Uint8Array; type: string }>();
for (const each of [app, uncachedApp]) {
  // GET for pages, POST for the preview (asked with a form body, like the compose page's script does)
  each.on(["GET", "POST"], "/bench/bare/:name", (c) => {
    const page = bare.get(c.req.param("name"));
    return page ? new Response(page.bytes, { headers: { "content-type": page.type } }) : c.notFound();
  });
}

const listen = (fetch: typeof app.fetch) =>
  new Promise<ServerType>((resolve) => {
    const started = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
const server = await listen(app.fetch);
const uncachedServer = await listen(uncachedApp.fetch);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const uncachedBase = `http://127.0.0.1:${(uncachedServer.address() as AddressInfo).port}`;

// sign in as the console's editor, as a browser would (the sign-in form is checked by Origin)
const signIn = await fetch(`${base}/login`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "sec-fetch-site": "same-origin" },
  body: new URLSearchParams({ username: "editor", password }).toString(),
});
const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
if (!cookie.startsWith("bantin_session=")) throw new Error(`sign-in failed: ${signIn.status}`);

/** The bytes a console page answers with, and a bare route on the same app returning exactly those bytes. */
const baseline = async (name: string, path: string, init: RequestInit = {}) => {
  const response = await fetch(`${base}${path}`, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  const type = response.headers.get("content-type") ?? "text/html; charset=UTF-8";
  const bytes = new Uint8Array(await response.arrayBuffer());
  bare.set(name, { bytes, type });
  return bytes.length;
};

// the compose page's live preview as the editor types a free-text bulletin for the Cầu Treo gate, SMS only: the form
// the page's script posts (with the session's CSRF token), answered with the preview fragment (every partner's SMS
// in vi, lo and en as it will be sent)
const previewForm = new URLSearchParams([
  ["_csrf", csrfTokenFor(cookie.slice("bantin_session=".length))],
  ["kind", "free"],
  ["sourceLanguage", "vi"],
  ["headline", "Cửa khẩu Cầu Treo tạm đóng cửa"],
  ["summary", "Cửa khẩu quốc tế Cầu Treo tạm đóng cửa từ 18:00 hôm nay do mưa lũ. Người dân và phương tiện vui lòng chờ thông báo mới."],
  ["body", "Do mưa lũ lớn, cửa khẩu quốc tế Cầu Treo tạm đóng cửa từ 18:00 hôm nay đến khi có thông báo mới."],
  ["areas", "VN-HT-CAUTREO"],
  ["targetLanguages", "vi"],
  ["targetLanguages", "lo"],
  ["targetLanguages", "en"],
  ["targetLanguagesTouched", "1"],
  ["channels", "sms"],
  ["channelsTouched", "1"],
  ["urgency", "routine"],
  ["mode", "actual"],
  ["action", "preview"],
]).toString();
const previewHeaders = { "content-type": "application/x-www-form-urlencoded", origin: base, "sec-fetch-site": "same-origin", accept: "text/html" };

const sizes = {
  list: await baseline("list", "/"),
  smsPreview: await baseline("sms-preview", "/bulletins/new/preview", { method: "POST", body: previewForm, headers: previewHeaders }),
};
const previewText = new TextDecoder().decode(bare.get("sms-preview")!.bytes);
// the preview must really be there: Lao text (the demo translator's draft) and every SMS partner of the gate
if (!/[\u0E80-\u0EFF]/.test(previewText)) throw new Error("the SMS preview has no Lao text");

console.log(JSON.stringify({ base, uncachedBase, cookie, sizes, previewForm, previewHeaders, bulletins: history.bulletins, database: database.description }));

const stop = async () => {
  server.close();
  uncachedServer.close();
  await feedEvents.close();
  await database.close();
  await dropDatabase();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();
