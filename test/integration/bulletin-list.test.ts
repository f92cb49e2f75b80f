// GET /api/v1/bulletins on every back end: each filter finds what it should and not what it should not, the
// headline search ignores case and Vietnamese diacritics in every language, and the cursor walks every bulletin once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBulletin, insertBulletinTexts, type NewBulletin } from "../../src/db/queries/bulletins.ts";
import type { Language } from "../../src/domain/index.ts";
import { backends } from "../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../helpers/pipeline.ts";

const at = (iso: string) => new Date(iso);

type Sample = Omit<NewBulletin, "seriesId" | "createdBy" | "contributors" | "sourceLanguage"> & { headlines: Partial<Record<Language, string>> };

// A small set that differs in every filtered field. E was superseded by A when A was published (11 January).
const samples: Record<string, Sample> = {
  E: {
    areas: ["VN-HT-HUONGSON"],
    category: "gate_hours",
    urgency: "routine",
    targetLanguages: ["vi"],
    channels: ["sms"],
    mode: "actual",
    status: "superseded",
    createdAt: at("2026-01-04T09:00:00Z"),
    publishedAt: at("2026-01-05T08:00:00Z"),
    validFrom: at("2026-01-05T08:00:00Z"),
    validUntil: at("2026-03-01T00:00:00Z"),
    headlines: { vi: "Giờ mở cửa khẩu tháng một" },
  },
  A: {
    areas: ["VN-HT-CAUTREO"],
    category: "gate_hours",
    urgency: "routine",
    targetLanguages: ["vi", "lo", "en"],
    channels: ["sms", "display"],
    mode: "actual",
    status: "published",
    createdAt: at("2026-01-10T09:00:00Z"),
    publishedAt: at("2026-01-11T08:00:00Z"),
    validFrom: at("2026-01-11T08:00:00Z"),
    validUntil: at("2026-02-11T00:00:00Z"),
    headlines: { vi: "Cửa khẩu Cầu Treo đổi giờ mở cửa", lo: "ດ່ານກ່າວແຕ່ວ ປ່ຽນເວລາເປີດ", en: "Gate changes its opening hours" },
  },
  B: {
    areas: ["VN-HT"],
    category: "weather",
    urgency: "urgent",
    targetLanguages: ["vi", "lo"],
    channels: ["sms", "radio"],
    mode: "actual",
    status: "expired",
    createdAt: at("2026-01-12T01:00:00Z"),
    publishedAt: at("2026-01-12T02:00:00Z"),
    validFrom: at("2026-01-12T02:00:00Z"),
    validUntil: at("2026-01-20T00:00:00Z"),
    headlines: { vi: "Cảnh báo mưa lớn ở Hà Tĩnh", lo: "ເຕືອນຝົນຕົກໜັກ" },
  },
  C: {
    areas: ["VN-TN-MOCBAI"],
    category: "health",
    urgency: "priority",
    targetLanguages: ["vi", "km", "en"],
    channels: ["display", "voice"],
    mode: "exercise",
    status: "draft",
    createdAt: at("2026-01-15T09:00:00Z"),
    validFrom: at("2026-01-16T00:00:00Z"),
    validUntil: at("2026-02-16T00:00:00Z"),
    headlines: { vi: "Diễn tập: phòng sốt xuất huyết tại Mộc Bài", km: "ច្រកទ្វារមុកបៃប្ដូរម៉ោងបើក" },
  },
  D: {
    areas: ["VN"],
    category: "policy",
    urgency: "routine",
    targetLanguages: ["vi", "en"],
    channels: ["sms"],
    mode: "test",
    status: "withdrawn",
    createdAt: at("2026-01-20T00:00:00Z"),
    publishedAt: at("2026-01-21T00:00:00Z"),
    withdrawnAt: at("2026-02-01T00:00:00Z"),
    validFrom: at("2026-01-21T00:00:00Z"),
    validUntil: at("2026-03-01T00:00:00Z"),
    withdrawalReason: "sai ngày",
    headlines: { vi: "Thử nghiệm: quy định mới về xuất nhập cảnh", en: "Test: new entry rules" },
  },
};

describe.each(backends)("the bulletin list on $name", (backend) => {
  let pipeline: TestPipeline;
  const ids: Record<string, string> = {};
  const names = new Map<string, string>();

  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
    const editor = pipeline.credentials.users.find((user) => user.username === "editor")!.id;
    for (const [name, { headlines, ...sample }] of Object.entries(samples)) {
      const seriesId = crypto.randomUUID();
      const row = await insertBulletin(pipeline.db, {
        ...sample,
        seriesId,
        sourceLanguage: "vi",
        createdBy: editor,
        contributors: [editor],
        supersedesId: name === "A" ? ids.E : undefined,
      });
      ids[name] = row.id;
      names.set(row.id, name);
      await insertBulletinTexts(
        pipeline.db,
        Object.entries(headlines).map(([language, headline]) => ({
          bulletinId: row.id,
          language: language as Language,
          headline,
          summary: headline,
          body: headline,
        })),
      );
    }
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  const list = (query: string) => pipeline.request("GET", `/api/v1/bulletins?${query}`, { token: pipeline.tokens.editor });
  /** Which of the samples a query finds (the demo's bulletins are there too, and left out here). */
  const found = async (query: string) => {
    const response = await list(`limit=200&${query}`);
    expect(response.status, response.text).toBe(200);
    return response.json.items
      .map((item: { id: string }) => names.get(item.id))
      .filter((name: string | undefined) => name !== undefined)
      .sort()
      .join("");
  };

  it.each([
    ["area=VN-HT", "ABDE"],
    ["area=VN-HT-CAUTREO", "ABDE"],
    ["area=VN-HT&areaScope=within", "ABE"],
    ["area=VN-HT-CAUTREO&areaScope=within", "A"],
    ["area=VN-HT-HUONGSON&areaScope=within", "AE"],
    ["area=VN-TN", "CD"],
    ["area=VN-QT-LAOBAO", "D"],
    ["area=LA", ""],
    ["area=VN-QT-LAOBAO,VN-TN-MOCBAI&areaScope=within", "C"],
  ])("finds by area (%s: %s)", async (query, expected) => {
    expect(await found(query)).toBe(expected);
  });

  it.each([
    ["category=gate_hours", "AE"],
    ["category=weather,health", "BC"],
    ["urgency=urgent", "B"],
    ["urgency=priority,routine", "ACDE"],
    ["language=km", "C"],
    ["language=lo", "AB"],
    ["language=en,km", "ACD"],
    ["channel=radio", "B"],
    ["channel=voice,radio", "BC"],
    ["mode=exercise", "C"],
    ["mode=test,exercise", "CD"],
    ["mode=actual", "ABE"],
    ["status=published,withdrawn", "AD"],
    ["area=VN-HT&category=gate_hours&language=lo", "A"],
  ])("finds by category, urgency, language, channel, mode and status (%s: %s)", async (query, expected) => {
    expect(await found(query)).toBe(expected);
  });

  it.each([
    ["createdFrom=2026-01-12T00:00:00Z&createdTo=2026-01-20T00:00:00Z", "BC"],
    ["createdFrom=2026-01-20T00:00:00Z&createdTo=2026-01-21T00:00:00Z", "D"],
    ["createdTo=2026-01-10T09:00:00Z", "E"],
    ["publishedFrom=2026-01-11T00:00:00Z&publishedTo=2026-01-13T00:00:00Z", "AB"],
    ["publishedFrom=2026-01-12T09:00:00%2B07:00", "BD"],
    ["inForceAt=2026-01-08T00:00:00Z", "E"],
    ["inForceAt=2026-01-13T00:00:00Z", "AB"],
    ["inForceAt=2026-01-25T00:00:00Z", "AD"],
    ["inForceAt=2026-02-05T00:00:00Z", "A"],
    ["inForceAt=2026-02-20T00:00:00Z", ""],
  ])("finds by period (%s: %s)", async (query, expected) => {
    expect(await found(query)).toBe(expected);
  });

  it.each([
    ["cau treo", "A"],
    ["Cầu Treo", "A"],
    ["CẦU TREO", "A"],
    ["cầu treo".normalize("NFD"), "A"],
    ["treo cua", "A"],
    ["cau xyz", ""],
    ["mua lon", "B"],
    ["mưa lớn hà tĩnh", "B"],
    ["ha tinh", "B"],
    ["dien tap", "C"],
    ["ກ່າວແຕ່ວ", "A"],
    ["ຝົນຕົກ", "B"],
    ["មុកបៃ", "C"],
    ["ម៉ោងបើក", "C"],
    ["entry rules", "D"],
    ["mở cửa", "AE"],
  ])("searches headlines in every language: %s finds %s", async (words, expected) => {
    expect(await found(`q=${encodeURIComponent(words)}`)).toBe(expected);
  });

  it("walks every bulletin once, newest first, with a small page, also through equal creation times", async () => {
    // three bulletins made in one transaction share created_at to the microsecond: only the id tells them apart
    const editor = pipeline.credentials.users.find((user) => user.username === "editor")!.id;
    const twins = await pipeline.db.transaction(async (tx) => {
      const made: string[] = [];
      for (let index = 0; index < 3; index++) {
        const row = await insertBulletin(tx, {
          seriesId: crypto.randomUUID(),
          sourceLanguage: "vi",
          targetLanguages: ["vi"],
          channels: ["sms"],
          areas: ["VN-HT"],
          validFrom: new Date(),
          validUntil: new Date(Date.now() + 86_400_000),
          createdBy: editor,
          contributors: [editor],
        });
        made.push(row.id);
      }
      return made;
    });
    const all = (await list("limit=200")).json.items.map((item: { id: string }) => item.id);
    expect(all).toEqual(expect.arrayContaining([...Object.values(ids), ...twins]));
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status, response.text).toBe(200);
      expect(response.json.items.length).toBeLessThanOrEqual(2);
      walked.push(...response.json.items.map((item: { id: string }) => item.id));
      cursor = response.json.next;
      pages++;
    } while (cursor && pages < 100);
    expect(walked).toEqual(all);
    expect(new Set(walked).size).toBe(walked.length);
    expect(pages).toBe(Math.ceil(all.length / 2));
    // filters hold across pages
    const gateHours: string[] = [];
    cursor = null;
    do {
      const response = await list(`limit=1&category=gate_hours&area=VN-HT${cursor ? `&cursor=${cursor}` : ""}`);
      gateHours.push(...response.json.items.map((item: { id: string }) => names.get(item.id) ?? "demo"));
      cursor = response.json.next;
    } while (cursor);
    expect(gateHours.filter((name) => name !== "demo")).toEqual(["A", "E"]);
  });

  it.each([
    ["cursor=garbage!", "cursor"],
    ["cursor=bm90IGpzb24", "cursor"],
    [`cursor=${Buffer.from(JSON.stringify(["12", "not-a-uuid"])).toString("base64url")}`, "cursor"],
    [`cursor=${Buffer.from(JSON.stringify({ at: 1 })).toString("base64url")}`, "cursor"],
    ["category=gossip", "category"],
    ["urgency=soon", "urgency"],
    ["language=fr", "language"],
    ["channel=fax", "channel"],
    ["mode=drill", "mode"],
    ["status=lost", "status"],
    ["areaScope=near", "areaScope"],
    ["area=VN-XX-NOWHERE", "area"],
    ["area=vn ht", "area"],
    ["createdFrom=yesterday", "createdFrom"],
    ["createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "createdTo"],
    ["inForceAt=2026-01-01", "inForceAt"],
    ["colour=red", ""],
    ["limit=0", "limit"],
  ])("answers 422 problem+json to %s", async (query, path) => {
    const response = await list(query);
    expect(response.status, response.text).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(response.json.type).toMatch(/validation-failed/);
    const paths: string[] = response.json.errors.map((error: { path: string }) => error.path);
    expect(
      paths.some((named) => named === path || named.startsWith(`${path}.`)),
      paths.join(" "),
    ).toBe(true);
  });
});
