// Submitting draws the slides of the fit check before its transaction: drawing takes a while, and no bulletin
// row stays locked meanwhile. Should the bulletin change between the drawing and the lock, it is drawn again.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../src/access/actor.ts";
import { submitBulletin } from "../../src/bulletins/submit-bulletin.ts";
import type { Db } from "../../src/db/client.ts";
import { getBulletinTexts, upsertBulletinText } from "../../src/db/queries/bulletins.ts";
import { backends } from "../helpers/backends.ts";
import { buildBulletin, buildText } from "../helpers/builders.ts";
import { silentLogger, startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

const drawing = vi.hoisted(() => ({
  /** transactions open (through the tracked db) at each slide drawn */
  depths: [] as number[],
  depth: 0,
  headlines: [] as string[],
  /** runs once, at the next slide drawn */
  onNextDraw: undefined as (() => Promise<void>) | undefined,
}));

vi.mock("../../src/channels/display/render-slide.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/channels/display/render-slide.ts")>();
  return {
    ...real,
    renderSlide: async (...args: Parameters<typeof real.renderSlide>) => {
      drawing.depths.push(drawing.depth);
      drawing.headlines.push(args[0].headline);
      const hook = drawing.onNextDraw;
      drawing.onNextDraw = undefined;
      await hook?.();
      return real.renderSlide(...args);
    },
  };
});

/** The same db, counting the transactions open through it. */
const tracked = (db: Db): Db =>
  new Proxy(db, {
    get: (target, property, receiver) => {
      if (property !== "transaction") return Reflect.get(target, property, receiver);
      const transaction: Db["transaction"] = (run, config) =>
        target.transaction(async (tx) => {
          drawing.depth += 1;
          try {
            return await run(tx);
          } finally {
            drawing.depth -= 1;
          }
        }, config);
      return transaction;
    },
  });

describe.each(backends)("submitting a bulletin for screens ($name)", (backend) => {
  let pipeline: TestPipeline;
  let editor: Actor;

  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
    editor = (await pipeline.request("GET", "/api/v1/me", { token: pipeline.tokens.editor })).json;
  });
  afterAll(() => pipeline?.close());

  const createForScreens = async (headline: string) => {
    const created = await pipeline.request("POST", "/api/v1/bulletins", {
      token: pipeline.tokens.editor,
      body: buildBulletin({ channels: ["display"], targetLanguages: ["vi"], text: buildText("vi", { headline }) }),
    });
    expect(created.status).toBe(201);
    return created.json.id as string;
  };
  const deps = () => ({ db: tracked(pipeline.db), queue: pipeline.queue, clock: () => new Date(), logger: silentLogger });

  it("draws the slides before its transaction, never while the bulletin is locked", async () => {
    drawing.depths.length = 0;
    const id = await createForScreens("Giờ mở cửa mới tại Cầu Treo");
    const submitted = await submitBulletin(deps(), editor, id);
    expect(submitted.status).toBe("submitted");
    expect(drawing.depths.length).toBeGreaterThan(0);
    expect(drawing.depths.every((depth) => depth === 0)).toBe(true);
  });

  it("draws again when the text changes between the drawing and the lock, and checks the new text", async () => {
    drawing.headlines.length = 0;
    const id = await createForScreens("Tiêu đề cũ trước khi sửa");
    const [source] = await getBulletinTexts(pipeline.db, id);
    // an editor saves a new headline while the slides are being drawn
    drawing.onNextDraw = async () => {
      await upsertBulletinText(pipeline.db, { ...source!, headline: "Tiêu đề mới sau khi sửa", updatedAt: new Date(source!.updatedAt.getTime() + 1_000) });
    };
    const submitted = await submitBulletin(deps(), editor, id);
    expect(submitted.status).toBe("submitted");
    expect(drawing.headlines).toContain("Tiêu đề cũ trước khi sửa");
    expect(drawing.headlines.at(-1)).toBe("Tiêu đề mới sau khi sửa");
  });
});
