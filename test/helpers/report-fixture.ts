// A realistic Report built by hand for the format tests: two provinces and a gate, every section with figures, a
// drill section, reasons, and markup in labels and headlines (which every format must show as text).
import type { Report, ReportFigures, ReportGrouping } from "../../src/domain/index.ts";
import type { ReportSettings } from "../../src/delivery/reports/formats/report-settings.ts";

export const hostileLabel = `<script>alert("x")</script> & <b>Cầu Treo</b>`;

const figures = (scale: number): ReportFigures => ({
  bulletins: {
    totals: { published: 212 * scale, corrected: 9 * scale, withdrawn: 4 * scale },
    bySourceLanguage: [
      { language: "vi", published: 180 * scale },
      { language: "lo", published: 32 * scale },
    ],
    byTargetLanguage: [
      { language: "vi", published: 212 * scale },
      { language: "lo", published: 201 * scale },
      { language: "en", published: 150 * scale },
      { language: "km", published: 12 * scale },
    ],
    groups: [
      { group: { key: "VN-HT", label: "Hà Tĩnh" }, published: 150 * scale, corrected: 6 * scale, withdrawn: 3 * scale },
      { group: { key: "VN-QB", label: "Quảng Bình" }, published: 70 * scale, corrected: 3 * scale, withdrawn: 1 * scale },
      { group: { key: "VN-HT-CAUTREO", label: hostileLabel }, published: 41 * scale, corrected: 2 * scale, withdrawn: 0 },
    ],
  },
  messages: {
    totals: {
      handedOver: 1_234_567 * scale,
      submitted: 1_300_000 * scale,
      delivered: 1_250_431 * scale,
      failed: 49_569 * scale,
      billedParts: 2_500_862 * scale,
      rejected: 17 * scale,
      cancelled: 230 * scale,
    },
    groups: [
      {
        group: { key: "VN-HT", label: "Hà Tĩnh" },
        handedOver: 900_000 * scale,
        submitted: 950_000 * scale,
        delivered: 920_000 * scale,
        failed: 30_000 * scale,
        billedParts: 1_840_000 * scale,
        rejected: 10 * scale,
        cancelled: 200 * scale,
      },
      {
        group: { key: "VN-QB", label: "Quảng Bình" },
        handedOver: 334_567 * scale,
        submitted: 350_000 * scale,
        delivered: 330_431 * scale,
        failed: 19_569 * scale,
        billedParts: 660_862 * scale,
        rejected: 7 * scale,
        cancelled: 30 * scale,
      },
      {
        group: { key: "VN-HT-CAUTREO", label: hostileLabel },
        handedOver: 12_000 * scale,
        submitted: 12_500 * scale,
        delivered: 12_400 * scale,
        failed: 100 * scale,
        billedParts: 24_800 * scale,
        rejected: 0,
        cancelled: 0,
      },
    ],
    reasons: [
      { reason: "withdrawn", rejected: 0, cancelled: 180 * scale },
      { reason: "superseded", rejected: 0, cancelled: 50 * scale },
      { reason: "partner:number_blocked", rejected: 17 * scale, cancelled: 0 },
    ],
  },
  screens: {
    plays: [
      {
        screenId: "scr-1",
        screen: "Cầu Treo - sảnh xuất cảnh",
        gate: "Cầu Treo",
        gateCode: "VN-HT-CAUTREO",
        bulletinId: "b-1",
        headline: "Cửa khẩu Cầu Treo đổi giờ mở cửa",
        language: "vi",
        plays: 4_320 * scale,
        playedSec: 64_800 * scale,
      },
      {
        screenId: "scr-1",
        screen: "Cầu Treo - sảnh xuất cảnh",
        gate: "Cầu Treo",
        gateCode: "VN-HT-CAUTREO",
        bulletinId: "b-1",
        headline: "ດ່ານກ່າວແຕ່ວ ປ່ຽນເວລາເປີດ",
        language: "lo",
        plays: 4_300 * scale,
        playedSec: 64_500 * scale,
      },
      {
        screenId: "scr-2",
        screen: hostileLabel,
        gate: "Cha Lo",
        gateCode: "VN-QB-CHALO",
        bulletinId: "b-2",
        headline: `=HYPERLINK("http://x") <img src=x onerror=alert(1)>`,
        language: "en",
        plays: 900 * scale,
        playedSec: 13_500 * scale,
      },
    ],
    uptime: [
      {
        screenId: "scr-1",
        screen: "Cầu Treo - sảnh xuất cảnh",
        gate: "Cầu Treo",
        gateCode: "VN-HT-CAUTREO",
        heardShare: 0.9875,
        lastContact: "2026-06-14T23:55:00+07:00",
        silentTooLong: false,
      },
      {
        screenId: "scr-2",
        screen: hostileLabel,
        gate: "Cha Lo",
        gateCode: "VN-QB-CHALO",
        heardShare: 0.6125,
        lastContact: "2026-06-10T08:15:00+07:00",
        silentTooLong: true,
      },
    ],
  },
  radio: [
    {
      stationId: "st-1",
      station: "Đài truyền thanh xã Sơn Kim 1",
      area: "Hương Sơn",
      areaCode: "VN-HT-HUONGSON",
      language: "vi",
      fetched: 120 * scale,
      aired: 110 * scale,
      airedMinutes: 330.5 * scale,
    },
    {
      stationId: "st-1",
      station: "Đài truyền thanh xã Sơn Kim 1",
      area: "Hương Sơn",
      areaCode: "VN-HT-HUONGSON",
      language: "lo",
      fetched: 80 * scale,
      aired: 72 * scale,
      airedMinutes: 216 * scale,
    },
  ],
  speed: {
    byChannel: [
      { channel: "sms", urgency: "urgent", count: 25 * scale, medianSec: 42, p95Sec: 118.5 },
      { channel: "sms", urgency: "routine", count: 180 * scale, medianSec: 310, p95Sec: 1_240 },
      { channel: "display", urgency: "routine", count: 190 * scale, medianSec: 95, p95Sec: 600 },
      { channel: "radio", urgency: "urgent", count: 0, medianSec: null, p95Sec: null },
    ],
    corrections: { count: 9 * scale, medianSec: 600, p95Sec: 1_800 },
  },
});

/** A half-year report (15/12/2025-14/06/2026) grouped by province, with a drill section a tenth the size. */
export const buildReportFixture = (overrides: Partial<Report> = {}): Report => ({
  period: {
    from: "2025-12-15T00:00:00+07:00",
    to: "2026-06-15T00:00:00+07:00",
    timeZone: "Asia/Ho_Chi_Minh",
    preset: { kind: "half-year", year: 2026, index: 1 },
  },
  generatedAt: "2026-06-15T02:30:00.000Z",
  groupBy: "province" satisfies ReportGrouping,
  figures: figures(1),
  drills: {
    ...figures(1),
    bulletins: {
      ...figures(1).bulletins,
      totals: { published: 3, corrected: 0, withdrawn: 1 },
      groups: [{ group: { key: "VN-HT", label: "Hà Tĩnh" }, published: 3, corrected: 0, withdrawn: 1 }],
    },
    messages: {
      ...figures(1).messages,
      totals: { handedOver: 60, submitted: 60, delivered: 58, failed: 2, billedParts: 116, rejected: 0, cancelled: 0 },
      groups: [
        { group: { key: "VN-HT", label: "Hà Tĩnh" }, handedOver: 60, submitted: 60, delivered: 58, failed: 2, billedParts: 116, rejected: 0, cancelled: 0 },
      ],
      reasons: [],
    },
    screens: { plays: [], uptime: [] },
    radio: [],
  },
  ...overrides,
});

export const buildReportSettings = (overrides: Partial<ReportSettings> = {}): ReportSettings => ({
  governingBody: { vi: "UBND TỈNH HÀ TĨNH", en: "HA TINH PROVINCIAL PEOPLE'S COMMITTEE" },
  issuingBody: { vi: "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", en: "DEPARTMENT OF INFORMATION AND COMMUNICATIONS" },
  documentNumber: "    /BC-STTTT",
  place: { vi: "Hà Tĩnh", en: "Ha Tinh" },
  signer: { authority: { vi: "KT. GIÁM ĐỐC", en: "FOR THE DIRECTOR" }, title: { vi: "PHÓ GIÁM ĐỐC", en: "DEPUTY DIRECTOR" }, name: "Nguyễn Văn <A>" },
  recipients: [
    { vi: "UBND tỉnh;", en: "Provincial People's Committee;" },
    { vi: "Bộ Ngoại giao;", en: "Ministry of Foreign Affairs;" },
    { vi: "Lưu: VT, TTĐN.", en: "Archive: VT, TTĐN." },
  ],
  sections: { assessment: { vi: ["Các kênh hoạt động ổn định."], en: ["The channels worked steadily."] } },
  ...overrides,
});
