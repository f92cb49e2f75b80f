// The demo `npm start` seeds: templated and translated bulletins publish; one waits for its Lao text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoBulletins } from "../../src/demo/demo-bulletins.ts";
import { backends } from "../helpers/backends.ts";
import { silentLogger, startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

describe.each(backends)("demo bulletins on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend);
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it("publishes the templated and translated demo bulletins and leaves one waiting for Lao", async () => {
    const seeded = await seedDemoBulletins({ db: pipeline.db, queue: pipeline.queue, clock: () => new Date(), logger: silentLogger }, pipeline.credentials);
    for (const id of seeded.published) await pipeline.waitForStatus(id, "published");
    const [waiting] = seeded.waiting;
    const fair = (await pipeline.request("GET", `/api/v1/bulletins/${waiting}`, { token: pipeline.tokens.editor })).json;
    expect(fair.status).toBe("draft");
    expect(fair.languages.find((entry: any) => entry.language === "lo")).toMatchObject({ state: "missing", waitingReason: "needs_translator" });
    expect(fair.languages.find((entry: any) => entry.language === "en")).toMatchObject({ state: "approved", origin: "translator" });
    const memory = await pipeline.request("GET", "/api/v1/translation-memory?source=vi&target=km", { token: pipeline.tokens.translator });
    expect(memory.json.items.length).toBeGreaterThanOrEqual(3);
    const places = await pipeline.request("GET", "/api/v1/places?reviewed=false&kind=gate", { token: pipeline.tokens.editor });
    expect(places.json.items.length).toBeGreaterThan(40);
  });
});
