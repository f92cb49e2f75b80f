// The demo: Hà Tĩnh (Cầu Treo gate, Lao border) and Tây Ninh (Mộc Bài and Xa Mát gates, Cambodian border).
// Lao and Khmer names are marked reviewed: false until a native speaker has checked them.
import type { PlaceNames, PlaceKind } from "./schema/index.ts";
import type { Language } from "./schema/index.ts";

export type DemoPlace = { code: string; kind: PlaceKind; parentCode: string | null; names: PlaceNames; languages: Language[]; reviewed: boolean };

export const demoPlaces: DemoPlace[] = [
  { code: "VN", kind: "country", parentCode: null, names: { vi: "Việt Nam", en: "Viet Nam", lo: "ຫວຽດນາມ", km: "វៀតណាម" }, languages: ["vi", "en"], reviewed: false },
  { code: "VN-HT", kind: "province", parentCode: "VN", names: { vi: "Hà Tĩnh", en: "Ha Tinh", lo: "ຮ່າຕິ້ງ" }, languages: ["vi", "lo", "en"], reviewed: false },
  { code: "VN-HT-HUONGSON", kind: "district", parentCode: "VN-HT", names: { vi: "Hương Sơn", en: "Huong Son", lo: "ເຫືອງເຊີນ" }, languages: ["vi", "lo", "en"], reviewed: false },
  { code: "VN-HT-CAUTREO", kind: "gate", parentCode: "VN-HT-HUONGSON", names: { vi: "Cửa khẩu Quốc tế Cầu Treo", en: "Cau Treo International Border Gate", lo: "ດ່ານສາກົນ ກ່າວແຕ່ວ" }, languages: ["vi", "lo", "en"], reviewed: false },
  { code: "VN-TN", kind: "province", parentCode: "VN", names: { vi: "Tây Ninh", en: "Tay Ninh", km: "តៃនិញ" }, languages: ["vi", "km", "en"], reviewed: false },
  { code: "VN-TN-BENCAU", kind: "district", parentCode: "VN-TN", names: { vi: "Bến Cầu", en: "Ben Cau", km: "បេនកូវ" }, languages: ["vi", "km", "en"], reviewed: false },
  { code: "VN-TN-MOCBAI", kind: "gate", parentCode: "VN-TN-BENCAU", names: { vi: "Cửa khẩu Quốc tế Mộc Bài", en: "Moc Bai International Border Gate", km: "ច្រកទ្វារអន្តរជាតិមុកបៃ" }, languages: ["vi", "km", "en"], reviewed: false },
  { code: "VN-TN-TANBIEN", kind: "district", parentCode: "VN-TN", names: { vi: "Tân Biên", en: "Tan Bien", km: "តឹនបៀន" }, languages: ["vi", "km", "en"], reviewed: false },
  { code: "VN-TN-XAMAT", kind: "gate", parentCode: "VN-TN-TANBIEN", names: { vi: "Cửa khẩu Quốc tế Xa Mát", en: "Xa Mat International Border Gate", km: "ច្រកទ្វារអន្តរជាតិសាម៉ាត" }, languages: ["vi", "km", "en"], reviewed: false },
];
