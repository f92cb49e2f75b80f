import { describe, expect, it } from "vitest";
import { normalizeSegment, segmentSentences } from "../../../src/localize/translation-memory/segment-sentences.ts";
import { graphemes, similarity, similarityAtLeast } from "../../../src/localize/translation-memory/similarity.ts";

describe("segmentSentences", () => {
  it("splits Vietnamese on . ! ? and keeps each sentence's punctuation", () => {
    const text =
      "Cửa khẩu quốc tế Cầu Treo tạm đóng cửa từ 7 giờ sáng ngày 15/3. Người dân vui lòng đi qua cửa khẩu Nậm Cắn! Cần hỗ trợ? Gọi đường dây nóng 1900 1234.";
    expect(segmentSentences("vi", text)).toEqual([
      "Cửa khẩu quốc tế Cầu Treo tạm đóng cửa từ 7 giờ sáng ngày 15/3.",
      "Người dân vui lòng đi qua cửa khẩu Nậm Cắn!",
      "Cần hỗ trợ?",
      "Gọi đường dây nóng 1900 1234.",
    ]);
  });

  it("splits English, not inside 'p.m.' followed by a lower-case word", () => {
    const text = "The Cau Treo gate closes at 7 p.m. today. Travellers should use Nam Can instead.  Thank you!";
    expect(segmentSentences("en", text)).toEqual(["The Cau Treo gate closes at 7 p.m. today.", "Travellers should use Nam Can instead.", "Thank you!"]);
  });

  it("splits Khmer after ។ and ៕, with or without a following space", () => {
    const text = "ច្រកទ្វារព្រំដែនអន្តរជាតិត្រូវបានបិទជាបណ្តោះអាសន្ន។ សូមអ្នកដំណើរទាំងអស់ប្រើច្រកផ្សេង។ អរគុណ៕";
    expect(segmentSentences("km", text)).toEqual(["ច្រកទ្វារព្រំដែនអន្តរជាតិត្រូវបានបិទជាបណ្តោះអាសន្ន។", "សូមអ្នកដំណើរទាំងអស់ប្រើច្រកផ្សេង។", "អរគុណ៕"]);
    expect(segmentSentences("km", "ច្រកទ្វារព្រំដែនត្រូវបានបិទ។សូមប្រើច្រកផ្សេង។")).toEqual(["ច្រកទ្វារព្រំដែនត្រូវបានបិទ។", "សូមប្រើច្រកផ្សេង។"]);
    expect(segmentSentences("km", "តើច្រកបើកទេ? បាទ បើក!")).toEqual(["តើច្រកបើកទេ?", "បាទ បើក!"]);
  });

  it("splits Lao after '.', and leaves unpunctuated Lao (spaces between phrases) as one segment", () => {
    expect(segmentSentences("lo", "ດ່ານຊາຍແດນສາກົນນ້ຳພາວຈະປິດຊົ່ວຄາວ. ກະລຸນາໃຊ້ດ່ານອື່ນ. ຂໍຂອບໃຈ")).toEqual(["ດ່ານຊາຍແດນສາກົນນ້ຳພາວຈະປິດຊົ່ວຄາວ.", "ກະລຸນາໃຊ້ດ່ານອື່ນ.", "ຂໍຂອບໃຈ"]);
    expect(segmentSentences("lo", "ປະຊາຊົນຄວນລະວັງ ໄພນ້ຳຖ້ວມ ຢູ່ແຂວງອັດຕະປື ໃນອາທິດນີ້")).toEqual(["ປະຊາຊົນຄວນລະວັງ ໄພນ້ຳຖ້ວມ ຢູ່ແຂວງອັດຕະປື ໃນອາທິດນີ້"]);
  });

  it("keeps every line its own segment and drops blank lines", () => {
    const text = "THÔNG BÁO KHẨN\r\n\r\n  Mưa lớn tại Hà Tĩnh. Đề phòng lũ quét\nTránh đi qua ngầm tràn!\n\n\n- Số điện thoại: 113 \u2028Hết";
    expect(segmentSentences("vi", text)).toEqual([
      "THÔNG BÁO KHẨN",
      "Mưa lớn tại Hà Tĩnh.",
      "Đề phòng lũ quét",
      "Tránh đi qua ngầm tràn!",
      "- Số điện thoại: 113",
      "Hết",
    ]);
    expect(segmentSentences("km", "ព័ត៌មានបន្ទាន់\nភ្លៀងធ្លាក់ខ្លាំង។ សូមប្រុងប្រយ័ត្ន។")).toEqual(["ព័ត៌មានបន្ទាន់", "ភ្លៀងធ្លាក់ខ្លាំង។", "សូមប្រុងប្រយ័ត្ន។"]);
  });

  it("gives nothing for empty or blank text", () => {
    expect(segmentSentences("en", "")).toEqual([]);
    expect(segmentSentences("lo", " \n\t\n ")).toEqual([]);
  });
});

describe("normalizeSegment", () => {
  it("is NFC with whitespace collapsed and trimmed", () => {
    const decomposed = "Cu\u031B\u0309a kha\u0302\u0309u"; // "Cửa khẩu" in NFD
    expect(normalizeSegment(`  ${decomposed}\t\n  Cầu   Treo `)).toBe("Cửa khẩu Cầu Treo");
    expect(normalizeSegment("Cửa khẩu Cầu Treo")).toBe("Cửa khẩu Cầu Treo");
  });
});

describe("similarity", () => {
  it("is 1 for identical segments, and for segments equal after normalization", () => {
    expect(similarity("Cửa khẩu Cầu Treo đóng cửa.", "Cửa khẩu Cầu Treo đóng cửa.")).toBe(1);
    expect(similarity("Cu\u031B\u0309a kha\u0302\u0309u  Cầu Treo", "Cửa khẩu Cầu Treo")).toBe(1);
    expect(similarity("", "")).toBe(1);
    expect(similarity("", "abc")).toBe(0);
  });

  it("stays at or above 0.85 when one word of a ten-word sentence changes", () => {
    expect(similarity("Cửa khẩu Cầu Treo sẽ đóng cửa vào sáng mai.", "Cửa khẩu Cầu Treo sẽ đóng cửa vào chiều mai.")).toBeGreaterThanOrEqual(0.85);
    expect(
      similarity("The border gate at Cau Treo will close tomorrow morning.", "The border gate at Cau Treo will close tomorrow evening."),
    ).toBeGreaterThanOrEqual(0.85);
    expect(similarity("ດ່ານຊາຍແດນສາກົນນ້ຳພາວຈະປິດຊົ່ວຄາວໃນວັນຈັນ", "ດ່ານຊາຍແດນສາກົນນ້ຳພາວຈະປິດຊົ່ວຄາວໃນວັນພຸດ")).toBeGreaterThanOrEqual(0.85);
  });

  it("is below 0.5 for unrelated sentences", () => {
    expect(similarity("The border gate at Cau Treo will close tomorrow morning.", "Heavy rain is expected in Attapeu province this week.")).toBeLessThan(0.5);
    expect(similarity("ច្រកទ្វារព្រំដែនត្រូវបានបិទ។", "ភ្លៀងធ្លាក់ខ្លាំងនៅខេត្តរតនគិរី។")).toBeLessThan(0.5);
  });

  it("counts a Khmer or Lao cluster (consonant + coeng/vowel/tone marks) as one unit", () => {
    expect(graphemes("ព្រំ")).toEqual(["ព្រំ"]); // 4 code points, one cluster
    expect(graphemes("ព្រំដែន")).toEqual(["ព្រំ", "ដែ", "ន"]);
    // dropping the subscript and the nikahit is one substitution out of three clusters, not three edits out of seven
    expect(similarity("ព្រំដែន", "ពដែន")).toBeCloseTo(2 / 3, 10);
    // a Lao tone mark changed: one cluster of three
    expect(graphemes("ດ່ານ")).toEqual(["ດ່", "າ", "ນ"]);
    expect(similarity("ດ່ານ", "ດ້ານ")).toBeCloseTo(2 / 3, 10);
  });
});

describe("similarityAtLeast", () => {
  it("returns undefined without comparing when the lengths alone rule the threshold out", () => {
    // 10 vs 20 clusters: at most 0.5 similar
    expect(similarityAtLeast("abcdefghij", "abcdefghijabcdefghij", 0.85)).toBeUndefined();
    expect(similarityAtLeast("abcdefghij", "abcdefghijabcdefghij", 0.5)).toBe(0.5);
  });

  it("agrees with similarity() on random pairs", () => {
    // a small deterministic PRNG (mulberry32)
    let seed = 0x5eed;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const alphabet = ["a", "b", "c", "đ", "ử", "ẩ", " ", "ព្រំ", "ដែ", "ន", "ក", "ດ່", "າ", "ນ", "ໃ", "."] as const;
    const randomText = (length: number) => Array.from({ length }, () => pick(alphabet)).join("");
    const mutate = (text: string, edits: number) => {
      const clusters = graphemes(text);
      for (let i = 0; i < edits; i++) {
        const at = Math.floor(random() * (clusters.length + 1));
        const kind = random();
        if (kind < 0.34) clusters.splice(at, 0, pick(alphabet));
        else if (kind < 0.67) clusters.splice(at, 1);
        else clusters.splice(at, 1, pick(alphabet));
      }
      return clusters.join("");
    };

    let matched = 0;
    let rejected = 0;
    for (let round = 0; round < 600; round++) {
      const a = randomText(1 + Math.floor(random() * 40));
      const b = random() < 0.8 ? mutate(a, Math.floor(random() * 8)) : randomText(Math.floor(random() * 40));
      const full = similarity(a, b);
      for (const threshold of [0, 0.5, 0.85, 0.9, 1]) {
        const fast = similarityAtLeast(a, b, threshold);
        expect(fast, `${JSON.stringify(a)} ~ ${JSON.stringify(b)} @ ${threshold}`).toBe(full >= threshold ? full : undefined);
        if (threshold === 0.85) fast === undefined ? rejected++ : matched++;
      }
    }
    // the pairs exercise both sides of the threshold
    expect(matched).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(50);
  });
});
