// The demo's history, for reports: about eight months of bulletins in both demo provinces (Hà Tĩnh, Tây Ninh) as
// the pipeline would have left them: texts rendered from the templates (every language) or written by the editor and
// translator, approvals, corrections and withdrawals, test and exercise bulletins; the partners' claims and reports
// (submitted, delivered, failed; some rejected, some reported twice, some leases expired); messages cancelled when
// their bulletin was withdrawn or superseded, or could not go out in time while a partner was down; screens' feed
// serves, plays (some reported late after a network cut) and five-minute contact slots (one screen silent for weeks);
// the radio station's fetches and airings. Deterministic: one seeded generator decides everything, so the same `now`
// gives the same history. Written in bulk (src/db/queries/history.ts): it runs on every `npm start` on a fresh
// database, into an empty database only (the caller checks).
import type { Db } from "../db/client.ts";
import type { Bulletin } from "../db/queries/bulletins.ts";
import { backdateDemoEndpoints, hasBulletins, insertHistory, type ContactWindow, type HistoryRows, type PlayWindow } from "../db/queries/history.ts";
import { listPartners } from "../db/queries/partners.ts";
import { areasOverlap, placeLookup } from "../db/queries/places.ts";
import { listScreens } from "../db/queries/screens.ts";
import { listActiveStations } from "../db/queries/stations.ts";
import { buildRadioScript } from "../channels/radio/index.ts";
import { encodeSms } from "../channels/sms/encode-sms.ts";
import { radioStrings, stationNameIn } from "../delivery/spoken-strings.ts";
import type { BulletinMode, Category, Channel, Language, Urgency } from "../domain/index.ts";
import { categoryOf, renderTemplate, TemplateInputSchema, type RenderedText, type TemplateInput } from "../localize/templates/index.ts";
import type { DemoCredentials } from "./seed-demo.ts";

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const slotMs = 5 * minute;

/** How far back the history goes, and how many bulletins it holds (corrections come on top). */
export const demoHistoryDays = 240;
export const demoHistoryBulletins = 200;

/** mulberry32: small, fast and good enough for demo data; the same seed gives the same sequence. */
export const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

type Random = () => number;
const between = (random: Random, low: number, high: number) => low + random() * (high - low);
const integer = (random: Random, low: number, high: number) => Math.floor(between(random, low, high + 1));
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const chance = (random: Random, p: number) => random() < p;
const weighted = <T>(random: Random, entries: readonly (readonly [T, number])[]): T => {
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1]![0];
};
const uuid = (random: Random) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex.slice(17, 20)}-${hex.slice(20)}`;
};
const floorSlot = (ms: number) => Math.floor(ms / slotMs) * slotMs;
/** The wall-clock date and time in Viet Nam (UTC+7, no daylight saving). */
const local = (ms: number) => new Date(ms + 7 * hour).toISOString();
const localDay = (ms: number) => local(ms).slice(0, 10);
const localInstant = (ms: number) => `${local(ms).slice(0, 16)}:00+07:00`;
/** The next time at or after `ms` that the clock in Viet Nam shows one of `hours`. */
const nextLocalHour = (ms: number, hours: readonly number[]) => {
  const midnight = Math.floor((ms + 7 * hour) / day) * day - 7 * hour;
  for (let offset = 0; offset < 3; offset += 1) {
    for (const h of hours) {
      const at = midnight + offset * day + h * hour;
      if (at >= ms) return at;
    }
  }
  return ms;
};

type Province = { code: "VN-HT" | "VN-TN"; districts: string[]; gates: string[]; languages: Language[]; recipients: [number, number] };
const provinces: Province[] = [
  { code: "VN-HT", districts: ["VN-HT-HUONGSON"], gates: ["VN-HT-CAUTREO"], languages: ["vi", "lo", "en"], recipients: [4_000, 30_000] },
  {
    code: "VN-TN",
    districts: ["VN-TN-TANBIEN", "VN-TN-BENCAU", "VN-TN-TANCHAU", "VN-TN-CHAUTHANH"],
    // the demo's screens stand at Mộc Bài and Xa Mát: most gate bulletins are about them
    gates: ["VN-TN-MOCBAI", "VN-TN-MOCBAI", "VN-TN-XAMAT", "VN-TN-XAMAT", "VN-TN-TANNAM", "VN-TN-KATUM"],
    languages: ["vi", "km", "en"],
    recipients: [6_000, 45_000],
  },
];

/** Free-text bulletins (trade, tourism, policy, notices, corrections of false information): the editor's text and its
 *  translation, in Vietnamese and English. */
type FreeText = { category: Category; vi: RenderedText; en: RenderedText };
const freeTexts: FreeText[] = [
  {
    category: "trade",
    vi: {
      headline: "Phiên chợ biên giới cuối tuần",
      summary: "Phiên chợ biên giới họp sáng thứ Bảy và Chủ nhật tại khu kinh tế cửa khẩu. Hàng hóa phải có nguồn gốc rõ ràng.",
      body: "Phiên chợ biên giới họp từ 6 giờ đến 11 giờ sáng thứ Bảy và Chủ nhật tại khu kinh tế cửa khẩu. Hàng hóa mua bán phải có nguồn gốc rõ ràng. Xin cảm ơn.",
    },
    en: {
      headline: "Weekend border market",
      summary: "The border market opens on Saturday and Sunday mornings in the border-gate economic zone. Goods must be of known origin.",
      body: "The border market opens from 6 to 11 a.m. on Saturdays and Sundays in the border-gate economic zone. Goods traded must be of known origin. Thank you.",
    },
  },
  {
    category: "tourism",
    vi: {
      headline: "Lễ hội văn hóa du lịch biên giới",
      summary: "Lễ hội văn hóa du lịch biên giới diễn ra trong ba ngày với chợ ẩm thực và biểu diễn nghệ thuật. Vào cửa tự do.",
      body: "Lễ hội văn hóa du lịch biên giới diễn ra trong ba ngày tại quảng trường trung tâm, với chợ ẩm thực, biểu diễn nghệ thuật và giới thiệu sản phẩm địa phương. Vào cửa tự do.",
    },
    en: {
      headline: "Border culture and tourism festival",
      summary: "The border culture and tourism festival runs for three days with a food market and performances. Free entry.",
      body: "The border culture and tourism festival runs for three days on the central square, with a food market, performances and local products. Free entry.",
    },
  },
  {
    category: "policy",
    vi: {
      headline: "Thủ tục cấp giấy thông hành biên giới",
      summary: "Cư dân biên giới làm giấy thông hành tại công an huyện, mang căn cước công dân và ảnh 4x6. Thời gian giải quyết 5 ngày làm việc.",
      body: "Cư dân biên giới làm giấy thông hành biên giới tại công an huyện. Người làm thủ tục mang căn cước công dân và hai ảnh 4x6. Thời gian giải quyết 5 ngày làm việc.",
    },
    en: {
      headline: "Applying for a border pass",
      summary: "Border residents apply for a border pass at the district police with their ID card and a 4x6 photo. It takes 5 working days.",
      body: "Border residents apply for a border pass at the district police. Bring your citizen ID card and two 4x6 photos. Applications are handled within 5 working days.",
    },
  },
  {
    category: "notice",
    vi: {
      headline: "Tạm dừng tiếp nhận hồ sơ trực tuyến",
      summary: "Cổng dịch vụ công tạm dừng tiếp nhận hồ sơ trực tuyến để bảo trì trong một ngày. Người dân nộp hồ sơ trực tiếp tại bộ phận một cửa.",
      body: "Cổng dịch vụ công tạm dừng tiếp nhận hồ sơ trực tuyến để bảo trì trong một ngày. Trong thời gian này, người dân nộp hồ sơ trực tiếp tại bộ phận một cửa. Xin cảm ơn.",
    },
    en: {
      headline: "Online applications paused",
      summary: "The public services portal is down for maintenance for one day. Please apply in person at the one-stop office.",
      body: "The public services portal stops taking online applications for one day of maintenance. In the meantime, please apply in person at the one-stop office. Thank you.",
    },
  },
  {
    category: "correction",
    vi: {
      headline: "Thông tin cửa khẩu đóng cửa là sai sự thật",
      summary: "Thông tin trên mạng xã hội về việc đóng cửa khẩu là sai sự thật. Cửa khẩu vẫn hoạt động bình thường.",
      body: "Thông tin lan truyền trên mạng xã hội về việc đóng cửa khẩu là sai sự thật. Cửa khẩu vẫn hoạt động bình thường theo giờ quy định. Đề nghị người dân không chia sẻ thông tin chưa được kiểm chứng.",
    },
    en: {
      headline: "Reports of the gate closing are false",
      summary: "Reports on social media that the border gate is closing are false. The gate is operating normally.",
      body: "Reports spreading on social media that the border gate is closing are false. The gate operates normally during its usual hours. Please do not share unverified information.",
    },
  },
  {
    category: "correction",
    vi: {
      headline: "Không có dịch bệnh lạ tại khu vực biên giới",
      summary: "Cơ quan y tế khẳng định không có dịch bệnh lạ tại khu vực biên giới như tin đồn. Người dân theo dõi thông tin chính thức.",
      body: "Cơ quan y tế tỉnh khẳng định không có dịch bệnh lạ tại khu vực biên giới như tin đồn trên mạng. Người dân theo dõi thông tin chính thức từ cơ quan chức năng.",
    },
    en: {
      headline: "No unknown disease in the border area",
      summary: "The health authorities confirm there is no unknown disease in the border area, contrary to rumours. Follow official information.",
      body: "The provincial health authorities confirm there is no unknown disease in the border area, contrary to rumours online. Please follow official information.",
    },
  },
  {
    category: "trade",
    vi: {
      headline: "Hướng dẫn khai báo hàng hóa qua cửa khẩu",
      summary: "Thương nhân khai báo hàng hóa điện tử trước khi qua cửa khẩu để rút ngắn thời gian thông quan.",
      body: "Thương nhân khai báo hàng hóa qua hệ thống điện tử trước khi đến cửa khẩu. Việc khai báo trước giúp rút ngắn thời gian thông quan. Liên hệ bộ phận hải quan cửa khẩu để được hướng dẫn.",
    },
    en: {
      headline: "Declaring goods at the border gate",
      summary: "Traders declare goods electronically before reaching the gate to speed up clearance.",
      body: "Traders declare goods through the electronic system before reaching the border gate. Declaring ahead shortens clearance. Ask the gate's customs office for help.",
    },
  },
];

const withdrawalReasons = ["Thông tin chưa chính xác, sẽ phát hành lại", "Sự kiện đã hủy", "Cơ quan chức năng đã thay đổi quyết định"];
const rejectionReasons = ["partner_rejected", "network_congestion", "content_filtered", "sender_not_registered"];
const newsHours = [6, 11, 17] as const;

type Kind = "gate-hours-change" | "gate-closure" | "weather-warning" | "health-advisory" | "free";

type Planned = {
  bulletin: Bulletin;
  texts: Map<Language, RenderedText & { origin: "template" | "source" | "translator" }>;
  template?: TemplateInput;
  /** when it stopped being in force: withdrawn, superseded or expired */
  endedAt: number;
};

export type DemoHistorySummary = {
  from: string;
  to: string;
  bulletins: number;
  drills: number;
  messages: number;
  deliveries: number;
  plays: number;
  contactSlots: number;
  radioScripts: number;
  elapsedMs: number;
};

/** Seeds the history into a database the demo was just seeded into (seedDemo's endpoints and users). */
export const seedDemoHistory = async (
  db: Db,
  credentials: Pick<DemoCredentials, "users">,
  now: Date,
  /** `delivery: false` writes the bulletins, their texts and audit only: for benchmarks of lists, which need many
   *  bulletins and none of what happened to them */
  options: { seed?: number; bulletins?: number; days?: number; delivery?: boolean } = {},
): Promise<DemoHistorySummary> => {
  const started = performance.now();
  // a database with bulletins of its own is no demo: its figures must not be mixed with made-up ones
  if (await hasBulletins(db)) throw new Error("the demo history goes into a database without bulletins only");
  const random = seededRandom(options.seed ?? 20_261_203);
  const userId = (username: string) => {
    const user = credentials.users.find((candidate) => candidate.username === username);
    if (!user) throw new Error(`demo user ${username} is missing`);
    return user.id;
  };
  const editor = userId("editor");
  const translator = userId("translator");
  const approver = userId("approver");
  const [places, partners, screens, stations] = await Promise.all([placeLookup(db), listPartners(db), listScreens(db), listActiveStations(db)]);
  const end = floorSlot(now.getTime()) - hour;
  const start = floorSlot(end - (options.days ?? demoHistoryDays) * day);
  const count = options.bulletins ?? demoHistoryBulletins;

  const rows: HistoryRows = { bulletins: [], texts: [], audit: [], messages: [], batches: [], batchMessages: [], radioScripts: [], deliveries: [] };
  const plays: PlayWindow[] = [];

  // the screens' outages: network cuts (the player keeps playing and reports later) and power cuts (nothing plays);
  // the Xa Mát LED panel is dark for three weeks in the middle of the history
  type Outage = { from: number; until: number; playing: boolean };
  const outages = new Map<string, Outage[]>();
  screens.forEach((screen, index) => {
    const list: Outage[] = [];
    for (let at = start + between(random, 0, 6) * day; at < end; at += between(random, 4, 14) * day) {
      const playing = chance(random, 0.7);
      const from = floorSlot(at);
      list.push({ from, until: floorSlot(from + between(random, playing ? 0.5 : 1, playing ? 8 : 14) * hour), playing });
    }
    if (index === screens.length - 1) {
      const from = floorSlot(start + 0.45 * (end - start));
      list.push({ from, until: from + 21 * day, playing: false });
    }
    list.sort((a, b) => a.from - b.from);
    outages.set(screen.id, list);
  });
  const contacts: ContactWindow[] = [];
  for (const screen of screens) {
    let from = start;
    for (const outage of outages.get(screen.id)!) {
      if (outage.from > from)
        contacts.push({ screenId: screen.id, from: new Date(from).toISOString(), until: new Date(Math.min(outage.from, end)).toISOString() });
      from = Math.max(from, outage.until);
    }
    if (from < end) contacts.push({ screenId: screen.id, from: new Date(from).toISOString(), until: new Date(end).toISOString() });
  }
  /** The outage a screen was in at `at`, if any: cut off but playing (reports come at `until`), or dark. */
  const screenState = (screenId: string, at: number) => outages.get(screenId)!.find((outage) => outage.from <= at && at < outage.until);

  const audit = (
    at: number,
    actorId: string | null,
    bulletinId: string,
    action: string,
    fromStatus: string | null,
    toStatus: string | null,
    detail?: Record<string, unknown>,
  ) => rows.audit.push({ at: new Date(at), actorId, entity: "bulletin", entityId: bulletinId, action, fromStatus, toStatus, ...(detail ? { detail } : {}) });

  const planned: Planned[] = [];
  const times = Array.from({ length: count }, () => between(random, start + day, end - 11 * day)).sort((a, b) => a - b);
  times.forEach((createdAt, index) => {
    const province = pick(random, provinces);
    const mode: BulletinMode = index % 13 === 5 ? "test" : index % 31 === 17 ? "exercise" : "actual";
    const kind = weighted<Kind>(random, [
      ["gate-hours-change", 15],
      ["gate-closure", 10],
      ["weather-warning", 20],
      ["health-advisory", 20],
      ["free", 35],
    ]);
    const validDays = between(random, 1, 6);
    let template: TemplateInput | undefined;
    let free: FreeText | undefined;
    let urgency: Urgency = "routine";
    let areas: string[];
    switch (kind) {
      case "gate-hours-change": {
        const gate = pick(random, province.gates);
        const opens = pick(random, ["05:30", "06:00", "07:00"]);
        const closes = pick(random, ["19:00", "21:00", "22:00"]);
        template = {
          name: kind,
          fields: {
            gate,
            from: localDay(createdAt + day),
            opens,
            closes,
            reason: pick(random, ["holiday", "high_traffic", "trade_event", "authority_decision"] as const),
          },
        };
        urgency = weighted(random, [
          ["routine", 7],
          ["priority", 3],
        ] as const);
        areas = [gate];
        break;
      }
      case "gate-closure": {
        const gate = pick(random, province.gates);
        const alternativeGate = province.gates.find((other) => other !== gate);
        template = {
          name: kind,
          fields: {
            gate,
            from: localInstant(createdAt + 3 * hour),
            reopening: localInstant(createdAt + 3 * hour + integer(random, 1, 3) * day),
            reason: pick(random, ["flooding", "landslide", "security", "maintenance", "disease_control"] as const),
            ...(alternativeGate && chance(random, 0.6) ? { alternativeGate } : {}),
          },
        };
        urgency = weighted(random, [
          ["urgent", 6],
          ["priority", 3],
          ["routine", 1],
        ] as const);
        areas = [gate];
        break;
      }
      case "weather-warning": {
        const hazard = pick(random, ["typhoon", "flood", "landslide", "heat", "cold"] as const);
        areas = chance(random, 0.5) ? [province.code] : [pick(random, province.districts)];
        template = {
          name: kind,
          fields: {
            hazard,
            areas,
            from: localInstant(createdAt + 2 * hour),
            until: localInstant(createdAt + 2 * hour + validDays * day),
            advice:
              hazard === "heat"
                ? ["drink_water", "stay_indoors"]
                : hazard === "cold"
                  ? ["keep_warm", "protect_livestock"]
                  : ["avoid_rivers", "secure_homes", "follow_authorities"],
          },
        };
        urgency =
          hazard === "typhoon" || hazard === "flood"
            ? weighted(random, [
                ["urgent", 5],
                ["priority", 4],
                ["routine", 1],
              ] as const)
            : weighted(random, [
                ["priority", 4],
                ["routine", 6],
              ] as const);
        break;
      }
      case "health-advisory": {
        const disease = pick(random, ["dengue", "malaria", "hand_foot_mouth", "avian_influenza", "african_swine_fever", "foot_and_mouth", "rabies"] as const);
        const human = ["dengue", "malaria", "hand_foot_mouth"].includes(disease);
        areas = chance(random, 0.4) ? [province.code] : [pick(random, province.districts)];
        template = {
          name: kind,
          fields: {
            disease,
            areas,
            actions:
              disease === "dengue"
                ? ["remove_standing_water", "use_mosquito_nets", "see_doctor_fever"]
                : human
                  ? ["wash_hands", "boil_water", "see_doctor_fever"]
                  : ["report_sick_animals", "do_not_move_animals", "disinfect_barns"],
          },
        };
        urgency = weighted(random, [
          ["priority", 4],
          ["routine", 6],
        ] as const);
        break;
      }
      case "free":
        free = pick(random, freeTexts);
        areas = chance(random, 0.5) ? [province.code] : [pick(random, [...province.districts, ...province.gates])];
        urgency =
          free.category === "correction"
            ? weighted(random, [
                ["priority", 6],
                ["urgent", 2],
                ["routine", 2],
              ] as const)
            : "routine";
        break;
    }
    if (template) template = TemplateInputSchema.parse(template);
    const sourceLanguage: Language = free && chance(random, 0.25) ? "en" : "vi";
    // templates render every language of the province; free text goes out in Vietnamese and English
    const targetLanguages: Language[] = template
      ? chance(random, 0.15)
        ? province.languages.filter((language) => language !== "en")
        : province.languages
      : ["vi", "en"];
    const reachesScreen = screens.some((screen) => areasOverlap(places, [screen.gateCode], areas));
    const reachesStation = stations.some((station) => areasOverlap(places, [station.areaCode], areas));
    const channels: Channel[] = [
      ...(chance(random, 0.96) ? (["sms"] as const) : []),
      ...(urgency !== "routine" && chance(random, 0.7) ? (["voice"] as const) : []),
      ...(reachesScreen && chance(random, 0.9) ? (["display"] as const) : []),
      ...(reachesStation && chance(random, 0.85) ? (["radio"] as const) : []),
    ];
    if (channels.length === 0) channels.push("sms");
    const texts = new Map<Language, RenderedText & { origin: "template" | "source" | "translator" }>();
    for (const language of targetLanguages) {
      if (template) texts.set(language, { ...renderTemplate(template, language, { places }), origin: "template" });
      else texts.set(language, { ...(language === "vi" ? free!.vi : free!.en), origin: language === sourceLanguage ? "source" : "translator" });
    }
    const submittedAt = createdAt + between(random, 3, 40) * minute;
    const approvalWait = urgency === "urgent" ? between(random, 2, 12) : urgency === "priority" ? between(random, 5, 45) : between(random, 15, 300);
    const approvedAt = submittedAt + approvalWait * minute;
    const publishedAt = approvedAt + between(random, 4, 40) * 1000;
    const validUntil = publishedAt + validDays * day;
    const id = uuid(random);
    const bulletin: Bulletin = {
      id,
      seriesId: uuid(random),
      version: 1,
      organisationId: null,
      status: "expired",
      category: template ? categoryOf(template) : free!.category,
      sourceLanguage,
      targetLanguages,
      channels,
      areas,
      urgency,
      mode,
      validFrom: new Date(publishedAt),
      validUntil: new Date(validUntil),
      supersedesId: null,
      template: template?.name ?? null,
      templateFields: (template?.fields as Record<string, unknown> | undefined) ?? null,
      droppedLanguages: [],
      waitingNotes: {},
      notes: [],
      createdBy: editor,
      contributors: template ? [editor] : [editor, translator],
      approvedBy: approver,
      rejectionReason: null,
      withdrawalReason: null,
      createdAt: new Date(createdAt),
      updatedAt: new Date(validUntil),
      submittedAt: new Date(submittedAt),
      approvedAt: new Date(approvedAt),
      publishedAt: new Date(publishedAt),
      withdrawnAt: null,
    };
    planned.push({ bulletin, texts, template, endedAt: validUntil });

    // a correction (a new version that supersedes this one) for some templated bulletins, a withdrawal for others
    if (template && mode === "actual" && chance(random, 0.08)) {
      const correctedAt = publishedAt + between(random, 1, 20) * hour;
      const fields = { ...template.fields } as Record<string, unknown>;
      if (template.name === "gate-closure") fields.reopening = localInstant(correctedAt + integer(random, 1, 2) * day);
      else if (template.name === "gate-hours-change") fields.closes = fields.closes === "22:00" ? "21:00" : "22:00";
      else if (template.name === "weather-warning") fields.until = localInstant(validUntil + day);
      else if (template.name === "health-advisory")
        fields.actions = [...(fields.actions as string[]), "see_doctor_fever", "vaccinate"].filter((action, at, all) => all.indexOf(action) === at).slice(0, 4);
      const corrected = TemplateInputSchema.parse({ name: template.name, fields });
      const correctionTexts = new Map<Language, RenderedText & { origin: "template" | "source" | "translator" }>();
      for (const language of targetLanguages) correctionTexts.set(language, { ...renderTemplate(corrected, language, { places }), origin: "template" });
      const correctionApproved = correctedAt + between(random, 10, 50) * minute;
      const correctionPublished = correctionApproved + between(random, 4, 30) * 1000;
      const correctionUntil = Math.max(validUntil, correctionPublished + day);
      bulletin.status = "superseded";
      bulletin.updatedAt = new Date(correctionPublished);
      const planEntry = planned[planned.length - 1]!;
      planEntry.endedAt = correctionPublished;
      planned.push({
        bulletin: {
          ...bulletin,
          id: uuid(random),
          version: 2,
          status: "expired",
          supersedesId: id,
          templateFields: corrected.fields as Record<string, unknown>,
          validFrom: new Date(correctionPublished),
          validUntil: new Date(correctionUntil),
          createdAt: new Date(correctedAt),
          updatedAt: new Date(correctionUntil),
          submittedAt: new Date(correctedAt + 5 * minute),
          approvedAt: new Date(correctionApproved),
          publishedAt: new Date(correctionPublished),
        },
        texts: correctionTexts,
        template: corrected,
        endedAt: correctionUntil,
      });
    } else if (mode === "actual" && chance(random, 0.06)) {
      // withdrawn soon after publication: some partners had not claimed yet
      const withdrawnAt = publishedAt + (chance(random, 0.5) ? between(random, 1, 8) * minute : between(random, 1, 20) * hour);
      bulletin.status = "withdrawn";
      bulletin.withdrawnAt = new Date(withdrawnAt);
      bulletin.withdrawalReason = pick(random, withdrawalReasons);
      bulletin.updatedAt = new Date(withdrawnAt);
      planned[planned.length - 1]!.endedAt = withdrawnAt;
    }
  });

  // VinaTel's gateway is down for forty hours once, from just before a bulletin that was later corrected: its
  // messages wait, and those whose bulletin was superseded or lapsed meanwhile are cancelled
  const halfway = start + 0.5 * (end - start);
  const corrected = planned.filter((entry) => entry.bulletin.status === "superseded");
  const anchor = corrected.find((entry) => entry.bulletin.publishedAt!.getTime() > halfway) ?? corrected[0];
  const outageFrom = anchor ? anchor.bulletin.publishedAt!.getTime() - minute : halfway;
  const partnerOutage = { partner: partners.find((partner) => partner.name === "VinaTel")?.id, from: outageFrom, until: outageFrom + 40 * hour };
  const messageRows = new Map<string, HistoryRows["messages"][number]>();
  for (const { bulletin, texts, template, endedAt } of planned) {
    const id = bulletin.id;
    const created = bulletin.createdAt.getTime();
    const approved = bulletin.approvedAt!.getTime();
    const published = bulletin.publishedAt!.getTime();
    rows.bulletins.push(bulletin);
    audit(
      created,
      editor,
      id,
      bulletin.supersedesId ? "correct" : "create",
      null,
      "draft",
      bulletin.supersedesId ? { supersedes: bulletin.supersedesId, version: 2 } : template ? { template: template.name } : undefined,
    );
    for (const [language, text] of texts) {
      const writtenAt = text.origin === "translator" ? created + between(random, 10, 120) * minute : created;
      rows.texts.push({
        bulletinId: id,
        language,
        headline: text.headline,
        summary: text.summary,
        body: text.body,
        state: "approved",
        origin: text.origin,
        originDetail: null,
        updatedBy: text.origin === "translator" ? translator : editor,
        approvedBy: text.origin === "translator" ? translator : null,
        updatedAt: new Date(writtenAt),
        approvedAt: new Date(text.origin === "translator" ? writtenAt + 5 * minute : created),
      });
      if (text.origin === "translator") {
        audit(writtenAt, translator, id, `text:${language}:write`, null, null);
        audit(writtenAt + 5 * minute, translator, id, `text:${language}:approve`, null, null, { origin: "translator" });
      }
    }
    audit(bulletin.submittedAt!.getTime(), editor, id, "status:submitted", "draft", "submitted");
    audit(approved, approver, id, "status:approved", "submitted", "approved");
    audit(approved + 2_000, null, id, "status:localized", "approved", "localized");
    audit(published, null, id, "status:published", "localized", "published");
    if (bulletin.status === "withdrawn") audit(endedAt, approver, id, "status:withdrawn", "published", "withdrawn", { reason: bulletin.withdrawalReason });
    else if (bulletin.status === "superseded")
      audit(endedAt, null, id, "status:superseded", "published", "superseded", {
        by: planned.find((entry) => entry.bulletin.supersedesId === id)?.bulletin.id,
      });
    else audit(bulletin.validUntil.getTime(), null, id, "status:expired", "published", "expired");

    // SMS and voice: per partner one batch (sometimes a second, when the first lease expired), one report each
    const province = provinces.find((entry) => bulletin.areas.some((area) => area.startsWith(entry.code)))!;
    const audience = Math.round(between(random, ...province.recipients) * (bulletin.areas[0] === province.code ? 1 : 0.35));
    const urgencyDelay = bulletin.urgency === "urgent" ? [2, 30] : bulletin.urgency === "priority" ? [5, 90] : [10, 600];
    for (const partner of partners) {
      const kinds = (["sms", "voice"] as const).filter((kind) => bulletin.channels.includes(kind) && partner.kinds.includes(kind));
      type Message = { id: string; kind: "sms" | "voice"; language: Language; parts: number };
      const messages: Message[] = [];
      for (const kind of kinds) {
        for (const [language, text] of texts) {
          if (!partner.languages.includes(language)) continue;
          const messageId = uuid(random);
          let parts = 0;
          let messageText = text.summary;
          let encoding: "gsm7" | "ucs2" | null = null;
          if (kind === "sms") {
            const encoded = encodeSms(text.summary, partner.smsPolicy);
            if (!encoded.ok) {
              rows.deliveries.push({
                at: new Date(published),
                bulletinId: id,
                partnerId: partner.id,
                channel: "sms",
                language,
                event: "message.skipped",
                reason: encoded.error.code,
                dedupeKey: `skip:${id}:${language}:${partner.id}:sms`,
                detail: { detail: encoded.error.detail },
              });
              continue;
            }
            parts = encoded.sms.partCount;
            messageText = encoded.sms.text;
            encoding = encoded.sms.encoding;
          }
          messages.push({ id: messageId, kind, language, parts });
          messageRows.set(messageId, {
            id: messageId,
            bulletinId: id,
            partnerId: partner.id,
            kind,
            language,
            status: "pending",
            urgency: bulletin.urgency,
            rank: bulletin.urgency === "urgent" ? 0 : bulletin.urgency === "priority" ? 1 : 2,
            mode: bulletin.mode,
            areas: bulletin.areas,
            text: messageText,
            encoding,
            parts,
            durationSec: kind === "voice" ? Math.round(between(random, 25, 80)) : null,
            sender: partner.smsPolicy.sender,
            validFrom: bulletin.validFrom,
            validUntil: bulletin.validUntil,
            createdAt: new Date(published),
          });
          rows.deliveries.push({
            at: new Date(published),
            bulletinId: id,
            messageId,
            partnerId: partner.id,
            channel: kind,
            language,
            event: "message.queued",
            dedupeKey: `queued:${messageId}`,
          });
        }
      }
      if (messages.length === 0) continue;
      const messageRow = (messageId: string) => messageRows.get(messageId)!;
      let claimAt = published + between(random, urgencyDelay[0]!, urgencyDelay[1]!) * 1000 * (partner.name === "VinaTel" ? 1.5 : 1);
      if (partner.id === partnerOutage.partner && claimAt >= partnerOutage.from && claimAt < partnerOutage.until)
        claimAt = partnerOutage.until + between(random, 1, 10) * minute;
      // not claimed before it stopped being in force: cancelled (withdrawn, superseded, or lapsed while the partner was down)
      if (claimAt >= endedAt) {
        const reason = bulletin.status === "withdrawn" ? "withdrawn" : bulletin.status === "superseded" ? "superseded" : "outside_validity";
        for (const message of messages) {
          Object.assign(messageRow(message.id), { status: "cancelled", cancelReason: reason, finishedAt: new Date(endedAt) });
          rows.deliveries.push({
            at: new Date(endedAt),
            bulletinId: id,
            messageId: message.id,
            partnerId: partner.id,
            channel: message.kind,
            language: message.language,
            event: "message.cancelled",
            reason,
            dedupeKey: `cancel:${message.id}`,
            detail: { wasClaimed: false, ...(reason === "withdrawn" ? { reasonDetail: bulletin.withdrawalReason } : {}) },
          });
        }
        continue;
      }
      const leaseExpired = chance(random, 0.05);
      const firstBatch = uuid(random);
      const batchIds = leaseExpired ? [firstBatch, uuid(random)] : [firstBatch];
      batchIds.forEach((batchId, attempt) => {
        const at = claimAt + attempt * 10 * minute;
        rows.batches.push({ id: batchId, partnerId: partner.id, claimedAt: new Date(at), leaseExpiresAt: new Date(at + 10 * minute), ackedAt: null });
        for (const message of messages) {
          rows.batchMessages.push({ batchId, messageId: message.id, role: "offer" });
          if (attempt > 0) {
            rows.deliveries.push({
              at: new Date(at),
              bulletinId: id,
              messageId: message.id,
              partnerId: partner.id,
              batchId: firstBatch,
              channel: message.kind,
              language: message.language,
              event: "message.lease_expired",
              dedupeKey: `lease-expired:${firstBatch}:${message.id}`,
            });
          }
          rows.deliveries.push({
            at: new Date(at),
            bulletinId: id,
            messageId: message.id,
            partnerId: partner.id,
            batchId,
            channel: message.kind,
            language: message.language,
            event: "message.claimed",
            dedupeKey: `claimed:${batchId}:${message.id}`,
            detail: { attempt: attempt + 1, leaseExpiresAt: new Date(at + 10 * minute).toISOString() },
          });
        }
      });
      const lastBatch = batchIds[batchIds.length - 1]!;
      const lastClaim = claimAt + (batchIds.length - 1) * 10 * minute;
      const ackAt = lastClaim + between(random, 1, 25) * minute;
      rows.batches[rows.batches.length - 1]!.ackedAt = new Date(ackAt);
      for (const message of messages) {
        const rejected = chance(random, 0.05);
        const reach = Math.round(
          audience *
            (message.kind === "voice" ? 0.2 : 1) *
            between(random, 0.9, 1.1) *
            (message.language === "vi" ? 1 : message.language === "en" ? 0.05 : 0.25),
        );
        const delivered = rejected ? 0 : Math.round(reach * between(random, 0.86, 0.985));
        const counts = rejected ? { submitted: 0, delivered: 0, failed: 0 } : { submitted: reach, delivered, failed: reach - delivered };
        const reason = rejected ? pick(random, rejectionReasons) : null;
        Object.assign(messageRow(message.id), {
          status: rejected ? "rejected" : "sent",
          batchId: lastBatch,
          leaseExpiresAt: new Date(lastClaim + 10 * minute),
          claimCount: batchIds.length,
          claimedAt: new Date(lastClaim),
          finishedAt: new Date(ackAt),
          cancelReason: reason,
        });
        rows.deliveries.push({
          at: new Date(ackAt),
          bulletinId: id,
          messageId: message.id,
          partnerId: partner.id,
          batchId: lastBatch,
          channel: message.kind,
          language: message.language,
          event: rejected ? "message.rejected" : "message.sent",
          reason,
          ...counts,
          dedupeKey: `ack:${message.id}`,
        });
        // the partner sent its report again later: logged, never counted twice
        if (chance(random, 0.03)) {
          rows.deliveries.push({
            at: new Date(ackAt + between(random, 5, 180) * minute),
            bulletinId: id,
            messageId: message.id,
            partnerId: partner.id,
            batchId: lastBatch,
            channel: message.kind,
            language: message.language,
            event: "message.report_repeated",
            reason,
            detail: { status: rejected ? "rejected" : "sent", ...counts },
          });
        }
      }
    }

    // screens: the feed serves each item once, then the screen shows it in its loop until it leaves the feed (a play
    // every one to two and a half hours: the demo's figures, not a busy gate's)
    if (bulletin.channels.includes("display")) {
      for (const screen of screens) {
        if (!areasOverlap(places, [screen.gateCode], bulletin.areas)) continue;
        for (const language of texts.keys()) {
          if (!screen.languages.includes(language)) continue;
          let servedAt = published + between(random, 2, 60) * 1000;
          // cut off or dark when the item came: the screen fetches its feed when it is back
          const state = screenState(screen.id, servedAt);
          if (state) servedAt = state.until + between(random, 10, 120) * 1000;
          if (servedAt >= endedAt) continue;
          rows.deliveries.push({
            at: new Date(servedAt),
            bulletinId: id,
            screenId: screen.id,
            channel: "display",
            language,
            event: "display.served",
            dedupeKey: `served:${screen.id}:${id}:${language}`,
            detail: { demoHistory: true },
          });
          const everySec = Math.round(between(random, 75, 150) * 60);
          const durationSec = bulletin.urgency === "urgent" ? 20 : 15;
          // split the time in force at the screen's outages: dark, nothing; cut off, reported when it came back
          let from = servedAt;
          for (const outage of outages.get(screen.id)!) {
            if (outage.until <= from || outage.from >= endedAt) continue;
            if (outage.from > from)
              plays.push({
                bulletinId: id,
                screenId: screen.id,
                language,
                from: new Date(from).toISOString(),
                until: new Date(outage.from).toISOString(),
                everySec,
                durationSec,
              });
            const until = Math.min(outage.until, endedAt);
            if (outage.playing && until > Math.max(from, outage.from)) {
              plays.push({
                bulletinId: id,
                screenId: screen.id,
                language,
                from: new Date(Math.max(from, outage.from)).toISOString(),
                until: new Date(until).toISOString(),
                everySec,
                durationSec,
                reportedAt: new Date(outage.until + 30_000).toISOString(),
              });
            }
            from = until;
          }
          if (from < endedAt)
            plays.push({
              bulletinId: id,
              screenId: screen.id,
              language,
              from: new Date(from).toISOString(),
              until: new Date(endedAt).toISOString(),
              everySec,
              durationSec,
            });
        }
      }
    }

    // radio: the station fetches the script within minutes and airs it (urgent at once, otherwise in the next news
    // slot at 06:00, 11:00 or 17:00); now and then it reports an airing days late
    if (bulletin.channels.includes("radio")) {
      for (const station of stations) {
        if (!areasOverlap(places, [station.areaCode], bulletin.areas)) continue;
        for (const [language, text] of texts) {
          if (!station.languages.includes(language)) continue;
          const scriptId = uuid(random);
          const content = buildRadioScript({
            language,
            headline: text.headline,
            body: text.body,
            urgency: bulletin.urgency,
            mode: bulletin.mode,
            strings: radioStrings(bulletin, places, { language, stationName: stationNameIn(station, language) }),
          });
          rows.radioScripts.push({ id: scriptId, bulletinId: id, stationId: station.id, language, content, createdAt: new Date(published) });
          const fetchedAt = published + between(random, 1, 15) * minute;
          if (fetchedAt >= endedAt) continue;
          rows.deliveries.push({
            at: new Date(fetchedAt),
            bulletinId: id,
            stationId: station.id,
            channel: "radio",
            language,
            event: "radio.fetched",
            dedupeKey: `radio-fetched:${scriptId}`,
            detail: { scriptId },
          });
          if (!chance(random, 0.88)) continue;
          const airedAt =
            bulletin.urgency === "urgent" ? fetchedAt + between(random, 3, 20) * minute : nextLocalHour(fetchedAt, newsHours) + between(random, 0, 20) * minute;
          if (airedAt >= endedAt || airedAt >= end) continue;
          const reportedAt = chance(random, 0.1) ? airedAt + between(random, 1, 3) * day : airedAt + content.readingSec * 1000 + between(random, 5, 120) * 1000;
          rows.deliveries.push({
            at: new Date(Math.min(reportedAt, end)),
            occurredAt: new Date(airedAt),
            bulletinId: id,
            stationId: station.id,
            channel: "radio",
            language,
            event: "radio.aired",
            dedupeKey: `radio-aired:${scriptId}`,
            detail: { scriptId, airedAt: new Date(airedAt).toISOString() },
          });
        }
      }
    }
  }

  rows.messages = [...messageRows.values()];
  // the log in the order things happened, as the pipeline would have appended it
  rows.deliveries.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  rows.audit.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  const delivery = options.delivery ?? true;
  const inserted = await insertHistory(
    db,
    delivery
      ? { rows, plays, contacts }
      : { rows: { ...rows, messages: [], batches: [], batchMessages: [], radioScripts: [], deliveries: [] }, plays: [], contacts: [] },
  );
  await backdateDemoEndpoints(db, new Date(start));
  return {
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    bulletins: inserted.bulletins,
    drills: planned.filter((entry) => entry.bulletin.mode !== "actual").length,
    messages: inserted.messages,
    deliveries: inserted.deliveries + inserted.plays,
    plays: inserted.plays,
    contactSlots: inserted.contactSlots,
    radioScripts: inserted.radioScripts,
    elapsedMs: Math.round(performance.now() - started),
  };
};

/** One line for the console: what the history holds and what it cost. */
export const describeDemoHistory = (summary: DemoHistorySummary) =>
  `demo history: ${summary.bulletins} bulletins (${summary.drills} test or exercise) from ${summary.from.slice(0, 10)} to ${summary.to.slice(0, 10)}, ` +
  `${summary.messages} messages, ${summary.plays} screen plays, ${summary.contactSlots} screen contact slots, ${summary.radioScripts} radio scripts, ` +
  `seeded in ${(summary.elapsedMs / 1000).toFixed(1)} s`;
