// The compiled server (dist/, as production runs it): `bantin migrate` finds the migrations, `bantin serve` starts
// and answers with what lives beside the code and is found through import.meta.url: a slide, a console page in
// Vietnamese with its stylesheet and fonts, the partners' SMS batches. PostgreSQL only: an embedded PGlite database
// cannot be shared between this test and the server process (`bantin start` seeding the demo history takes a
// minute or more on a loaded machine).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { createInProcessQueue } from "../../src/queue/in-process-queue.ts";
import { createTestDatabase, serverBackendsAvailable } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";
import { startServe, type WorkerProcess } from "../helpers/worker-process.ts";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../src/bin.mjs", import.meta.url));

describe.runIf(serverBackendsAvailable)("the compiled server", () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let pipeline: TestPipeline;
  let server: WorkerProcess;
  let base: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    // src/bin.mjs compiles what changed, then runs dist/: the migrations are read through dist/src/db/migrations
    const migrated = await run(process.execPath, [bin, "migrate"], {
      env: { ...process.env, DATABASE_URL: testDatabase.url, REDIS_URL: "", LOG_LEVEL: "warn" },
    });
    expect(migrated.stdout).toContain("migrated");
    expect(existsSync(fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url)))).toBe(true);
    // the demo and a published bulletin (SMS and slides), written by this process's own workers
    const queue = createInProcessQueue();
    pipeline = await startPipeline({
      name: "PostgreSQL, migrated by the compiled CLI",
      open: async () => {
        const database = await openDatabase({ url: testDatabase.url });
        return { database, newQueue: () => queue, cleanup: () => database.close() };
      },
    });
    await pipeline.publishGateClosure({ gate: "VN-HT-CAUTREO", urgency: "routine", channels: ["sms", "display"] });
    const started = await startServe({ DATABASE_URL: testDatabase.url, REDIS_URL: "", LOG_LEVEL: "info" });
    server = started.serve;
    base = `http://127.0.0.1:${started.port}`;
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await pipeline?.close();
    await testDatabase?.drop();
  });

  it("runs from dist/, without a TypeScript loader", () => {
    expect(server.output()).not.toMatch(/tsx|\.ts:\d+/);
    expect(server.child.spawnargs.join(" ")).not.toContain("tsx");
  });

  it("serves the screen its feed and a slide", async () => {
    const token = pipeline.credentials.screens.find((screen) => screen.name.startsWith("Cầu Treo"))!.token;
    const feed = await fetch(`${base}/screen/v1/feed`, { headers: { authorization: `Bearer ${token}` } });
    expect(feed.status).toBe(200);
    const items = ((await feed.json()) as { items: { slide: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    const slide = await fetch(`${base}${items[0]!.slide}`, { headers: { authorization: `Bearer ${token}` } });
    expect(slide.status).toBe(200);
    expect(slide.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await slide.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  it("serves the console's sign-in page in Vietnamese, its stylesheet and its fonts", async () => {
    const page = await fetch(`${base}/login`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('lang="vi"');
    expect(html).toContain("Đăng nhập");
    const css = await fetch(`${base}/console/assets/console.css`);
    expect(css.status).toBe(200);
    const text = await css.text();
    const font = /url\("(\/console\/assets\/fonts\/[^"]+)"\)/.exec(text)?.[1];
    expect(font).toBeDefined();
    const fontFile = await fetch(`${base}${font}`);
    expect(fontFile.status).toBe(200);
    expect((await fontFile.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });

  it("hands a partner its SMS messages", async () => {
    const claim = await fetch(`${base}/partner/v1/batches/claim`, {
      method: "POST",
      headers: { authorization: `Bearer ${pipeline.partnerToken("VinaTel")}`, "content-type": "application/json" },
      body: JSON.stringify({ max: 100 }),
    });
    expect(claim.status).toBe(201);
    expect(JSON.stringify(await claim.json())).toMatch(/Cau Treo|Cầu Treo/);
  });
});
