// Builders for valid inputs; a test overrides only what it is about.
const hours = (count: number) => new Date(Date.now() + count * 3_600_000).toISOString();

export const buildBulletin = (overrides: Record<string, unknown> = {}) => ({
  category: "gate_hours",
  sourceLanguage: "vi",
  targetLanguages: ["vi", "lo", "en"],
  channels: ["sms"],
  areas: ["VN-HT-CAUTREO"],
  urgency: "routine",
  validUntil: hours(48),
  text: buildText("vi"),
  ...overrides,
});

const sampleTexts = {
  vi: {
    headline: "Cửa khẩu Cầu Treo đổi giờ mở cửa",
    summary: "Từ 01/12, cửa khẩu Cầu Treo mở cửa từ 06:00 đến 22:00.",
    body: "Từ ngày 01/12, cửa khẩu quốc tế Cầu Treo mở cửa từ 06:00 đến 22:00 hằng ngày.",
  },
  lo: {
    headline: "ດ່ານກ່າວແຕ່ວ ປ່ຽນເວລາເປີດ",
    summary: "ແຕ່ວັນທີ 01/12, ດ່ານກ່າວແຕ່ວ ເປີດແຕ່ 06:00 ຫາ 22:00.",
    body: "ແຕ່ວັນທີ 01/12, ດ່ານສາກົນກ່າວແຕ່ວ ເປີດທຸກມື້ ແຕ່ 06:00 ຫາ 22:00.",
  },
  en: {
    headline: "Cau Treo gate changes its opening hours",
    summary: "From 1 Dec, Cau Treo gate opens 06:00-22:00.",
    body: "From 1 December, Cau Treo international border gate opens daily from 06:00 to 22:00.",
  },
  km: {
    headline: "ច្រកទ្វារមុកបៃប្ដូរម៉ោងបើក",
    summary: "ចាប់ពីថ្ងៃទី០១ ខែធ្នូ ច្រកទ្វារបើកពីម៉ោង ០៦:០០ ដល់ ២២:០០។",
    body: "ចាប់ពីថ្ងៃទី០១ ខែធ្នូ ច្រកទ្វារអន្តរជាតិបើករៀងរាល់ថ្ងៃ ពីម៉ោង ០៦:០០ ដល់ ២២:០០។",
  },
} as const;

export const buildText = (language: keyof typeof sampleTexts, overrides: Record<string, string> = {}) => ({ ...sampleTexts[language], ...overrides });
