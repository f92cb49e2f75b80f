import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeSms, fitsGsm7, normalizeSmsText, smsLimits, unitsOf, type EncodedSms, type SmsEncoding } from "../../../../src/channels/sms/index.ts";
import { formatDateRange, formatDateTime, formatNumber, formatTimeRange } from "../../../../src/localize/format-locale.ts";

const policy = { stripDiacritics: false, maxParts: 10 };
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Every invariant a successful encoding must hold, whatever the input. */
const expectSoundSplit = (input: string, sms: EncodedSms, stripDiacritics: boolean) => {
  expect(sms.text).toBe(normalizeSmsText(input, { stripDiacritics }));
  expect(sms.parts.join("")).toBe(sms.text);
  expect(sms.partCount).toBe(sms.parts.length);
  expect(sms.encoding).toBe(fitsGsm7(sms.text) ? "gsm7" : "ucs2");
  expect(sms.units).toBe(unitsOf(sms.text, sms.encoding));
  const limit = sms.partCount === 1 ? smsLimits[sms.encoding].single : smsLimits[sms.encoding].part;
  const boundaries = new Set([...graphemes.segment(sms.text)].map((segment) => segment.index));
  let offset = 0;
  for (const [index, part] of sms.parts.entries()) {
    expect(part.length).toBeGreaterThan(0);
    expect(unitsOf(part, sms.encoding)).toBeLessThanOrEqual(limit);
    expect(part.isWellFormed()).toBe(true);
    expect(isLowSurrogate(part.charCodeAt(0))).toBe(false);
    expect(isHighSurrogate(part.charCodeAt(part.length - 1))).toBe(false);
    if (index > 0) {
      // a part boundary is a grapheme boundary of the whole text and never leaves a mark or subscript orphaned
      expect(boundaries.has(offset)).toBe(true);
      expect(part).not.toMatch(/^\p{M}/u);
      expect(sms.parts[index - 1]).not.toMatch(/\u17D2$/u);
    }
    offset += part.length;
  }
};

const encodeOk = (input: string, options = policy) => {
  const result = encodeSms(input, options);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  expectSoundSplit(input, result.sms, options.stripDiacritics);
  return result.sms;
};

const encodeError = (input: string, options = policy) => {
  const result = encodeSms(input, options);
  if (result.ok) throw new Error(`expected an error, got ${result.sms.partCount} parts`);
  return result.error;
};

describe("encodeSms: GSM-7", () => {
  it("sends 160 GSM-7 characters as one part and 161 as two parts of 153 + 8", () => {
    expect(encodeOk("a".repeat(160))).toMatchObject({ encoding: "gsm7", partCount: 1, units: 160 });
    const sms = encodeOk("a".repeat(161));
    expect(sms).toMatchObject({ encoding: "gsm7", partCount: 2, units: 161 });
    expect(sms.parts.map((part) => part.length)).toEqual([153, 8]);
  });

  it("counts extension characters as two septets", () => {
    expect(encodeOk("{".repeat(80))).toMatchObject({ encoding: "gsm7", partCount: 1, units: 160 });
    expect(encodeOk("{".repeat(81))).toMatchObject({ encoding: "gsm7", partCount: 2, units: 162 });
    expect(encodeOk("€ ^ | ~ [ ] \\ }").units).toBe(15 + 8);
  });

  it("moves a { that would straddle the 153-septet boundary whole into the next part", () => {
    const sms = encodeOk(`${"a".repeat(152)}{${"b".repeat(20)}`);
    expect(sms.parts).toEqual(["a".repeat(152), `{${"b".repeat(20)}`]);
    expect(unitsOf(sms.parts[0]!, "gsm7")).toBe(152);
  });

  it("keeps a € that ends exactly on the 153rd septet in the first part", () => {
    const sms = encodeOk(`${"a".repeat(151)}€${"b".repeat(20)}`);
    expect(sms.parts).toEqual([`${"a".repeat(151)}€`, "b".repeat(20)]);
    expect(unitsOf(sms.parts[0]!, "gsm7")).toBe(153);
  });

  it("keeps English with typographic quotes, dashes and ellipses in GSM-7", () => {
    const sms = encodeOk("“Cau Treo” gate – open 06:00‒22:00… don’t wait");
    expect(sms.encoding).toBe("gsm7");
    expect(sms.text).toBe('"Cau Treo" gate - open 06:00-22:00... don\'t wait');
  });

  it("does not let a zero-width space or a narrow no-break space force UCS-2", () => {
    expect(encodeOk("Open 06:00\u202F-\u202F22:00\u200B today")).toMatchObject({ encoding: "gsm7", text: "Open 06:00 - 22:00 today", units: 24 });
    // 160 characters plus an ICU zero-width space is still one 160-septet part
    expect(encodeOk(`${"a".repeat(80)}\u200B${"a".repeat(80)}`)).toMatchObject({ encoding: "gsm7", partCount: 1, units: 160 });
  });

  it("keeps an English or diacritics-stripped Vietnamese SMS with ICU-formatted dates, times and numbers in GSM-7", () => {
    const from = Date.UTC(2026, 11, 1, 11, 30);
    const until = Date.UTC(2026, 11, 3, 23, 0);
    const english = `Cau Treo gate closed ${formatDateRange("en", { from: from, until }, { style: "long" })}, reopens ${formatDateTime("en", until)}; ${formatNumber("en", 1250)} trucks waiting. Hours: ${formatTimeRange("en", { from: from, until })}`;
    expect(english).toMatch(/[\u2009\u2013]/u);
    expect(encodeOk(english)).toMatchObject({
      encoding: "gsm7",
      partCount: 1,
      text: "Cau Treo gate closed 1 - 4 December 2026, reopens 04/12/2026, 06:00; 1,250 trucks waiting. Hours: 01/12/2026, 18:30 - 04/12/2026, 06:00",
    });
    const vietnamese = `Đóng cửa khẩu Cầu Treo ${formatDateRange("vi", { from: from, until })}, mở lại ${formatDateTime("vi", until, { style: "long" })}; ${formatNumber("vi", 1250)} xe chờ`;
    expect(encodeOk(vietnamese).encoding).toBe("ucs2");
    expect(encodeOk(vietnamese, { stripDiacritics: true, maxParts: 10 })).toMatchObject({
      encoding: "gsm7",
      partCount: 1,
      text: "Dong cua khau Cau Treo 1/12/2026 - 4/12/2026, mo lai luc 06:00 4 thang 12, 2026; 1.250 xe cho",
    });
  });

  it("counts a CRLF line end as one septet", () => {
    expect(encodeOk("line one\r\nline two")).toMatchObject({ text: "line one\nline two", units: 17 });
  });
});

describe("encodeSms: UCS-2", () => {
  it("sends Vietnamese with diacritics as UCS-2 and keeps its typography", () => {
    expect(encodeOk("“Cửa khẩu” mở cửa")).toMatchObject({ encoding: "ucs2", text: "“Cửa khẩu” mở cửa", units: 17 });
  });

  it("normalises NFD input to NFC before counting", () => {
    const nfd = "ả".repeat(70).normalize("NFD");
    expect(nfd.length).toBe(140);
    expect(encodeOk(nfd)).toMatchObject({ encoding: "ucs2", text: "ả".repeat(70), units: 70, partCount: 1 });
  });

  it("counts Khmer in UTF-16 units: 70 units is one part, 71 units two", () => {
    const khmer70 = "ក".repeat(70);
    expect(encodeOk(khmer70)).toMatchObject({ encoding: "ucs2", partCount: 1, units: 70 });
    expect(encodeOk(`${khmer70}ក`)).toMatchObject({ encoding: "ucs2", partCount: 2, units: 71 });
  });

  it("counts a Khmer sentence by its code units, marks and subscripts included", () => {
    const sentence = "ច្រកទ្វារអន្តរជាតិបិទពីម៉ោង១៤:០០";
    expect(encodeOk(sentence)).toMatchObject({ encoding: "ucs2", partCount: 1, units: sentence.length });
  });

  it("counts Lao in UTF-16 units: 70 is one part, 71 two, 135 three (67 + 67 + 1)", () => {
    expect(encodeOk("ລ".repeat(70))).toMatchObject({ encoding: "ucs2", partCount: 1, units: 70 });
    expect(encodeOk("ລ".repeat(71))).toMatchObject({ encoding: "ucs2", partCount: 2, units: 71 });
    const sms = encodeOk("ລາວ".repeat(45));
    expect(sms).toMatchObject({ encoding: "ucs2", partCount: 3, units: 135 });
    expect(sms.parts.map((part) => part.length)).toEqual([67, 67, 1]); // ລ າ ວ are three clusters: າ is a spacing vowel, not a mark
  });

  it("never splits a Khmer cluster with a subscript consonant (coeng) across parts", () => {
    // ក្រ = KA + COENG + RO, three code units, placed across the 67-unit boundary
    const sms = encodeOk(`${"ក".repeat(65)}ក្រ${"ក".repeat(10)}`);
    expect(sms.parts[0]).toBe("ក".repeat(65));
    expect(sms.parts[1]!.startsWith("ក្រ")).toBe(true);
    // ស្ត្រី = two subscripts and a vowel sign, six code units
    const woman = encodeOk(`${"ក".repeat(63)}ស្ត្រី${"ក".repeat(10)}`);
    expect(woman.parts[0]).toBe("ក".repeat(63));
    expect(woman.parts[1]!.startsWith("ស្ត្រី")).toBe(true);
  });

  it("never splits a Lao consonant from its vowel and tone marks", () => {
    const sms = encodeOk(`${"ກ".repeat(66)}ກີ້${"ກ".repeat(10)}`);
    expect(sms.parts[0]).toBe("ກ".repeat(66));
    expect(sms.parts[1]!.startsWith("ກີ້")).toBe(true);
  });

  it("never splits a surrogate pair (emoji) across parts", () => {
    const sms = encodeOk(`${"a".repeat(66)}😀${"b".repeat(10)}`);
    expect(sms.parts[0]).toBe("a".repeat(66));
    expect(sms.parts[1]!.startsWith("😀")).toBe(true);
  });

  it("keeps a flag and a family emoji whole", () => {
    const flag = encodeOk(`${"a".repeat(65)}🇻🇳${"b".repeat(10)}`);
    expect(flag.parts[1]!.startsWith("🇻🇳")).toBe(true);
    const family = encodeOk(`${"a".repeat(60)}👨‍👩‍👧${"b".repeat(10)}`);
    expect(family.parts[0]).toBe("a".repeat(60));
    expect(family.parts[1]!.startsWith("👨‍👩‍👧")).toBe(true);
  });
});

describe("encodeSms: where parts break", () => {
  it("prefers to break after a space, every part still within 153 septets", () => {
    const words = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");
    const sms = encodeOk(words);
    expect(sms.partCount).toBeGreaterThan(2);
    for (const part of sms.parts.slice(0, -1)) expect(part.endsWith(" ")).toBe(true);
  });

  it("prefers to break after a line break", () => {
    const sms = encodeOk(`${"a".repeat(120)}\n${"b".repeat(60)}`);
    expect(sms.parts).toEqual([`${"a".repeat(120)}\n`, "b".repeat(60)]);
  });

  it("cuts a long word rather than leave a part less than half full", () => {
    const sms = encodeOk(`ab ${"c".repeat(200)}`);
    expect(sms.parts[0]).toHaveLength(153);
  });

  it("stays within 67 units when a word break is followed by a cluster too long for the rest of the part", () => {
    // "x" + 34 combining acutes is one 35-unit cluster (no precomposed form); ending the first part at the space
    // would leave 68 units for the second, so the two parts the message needs end mid-word
    const cluster = `x${"\u0301".repeat(34)}`;
    const sms = encodeOk(`${"a".repeat(33)} ${"b".repeat(33)}${cluster}`);
    expect(sms.parts).toEqual([`${"a".repeat(33)} ${"b".repeat(33)}`, cluster]);
  });
});

describe("encodeSms: partner policy", () => {
  it("strips Vietnamese diacritics when the partner asks, giving GSM-7", () => {
    const sms = encodeOk("Đóng cửa khẩu “Cầu Treo” từ 14:00", { stripDiacritics: true, maxParts: 4 });
    expect(sms).toMatchObject({ encoding: "gsm7", text: 'Dong cua khau "Cau Treo" tu 14:00', units: 33 });
  });

  it("fits three times the text in GSM-7 without diacritics as in UCS-2 with them", () => {
    const text = "Mưa lớn kéo dài, đề phòng lũ quét và sạt lở đất tại các huyện miền núi. ".repeat(3).trim();
    expect(encodeOk(text, { stripDiacritics: false, maxParts: 10 })).toMatchObject({ encoding: "ucs2", partCount: 4 });
    expect(encodeOk(text, { stripDiacritics: true, maxParts: 10 })).toMatchObject({ encoding: "gsm7", partCount: 2 });
  });

  it("accepts a message of exactly maxParts parts", () => {
    expect(encodeOk("a".repeat(153 * 3), { stripDiacritics: false, maxParts: 3 })).toMatchObject({ partCount: 3 });
    expect(encodeOk("a".repeat(160), { stripDiacritics: false, maxParts: 1 })).toMatchObject({ partCount: 1 });
  });

  it("refuses a GSM-7 message over the partner's maximum with sms_too_long and the counts, never cutting it", () => {
    const error = encodeError("a".repeat(153 * 3 + 1), { stripDiacritics: false, maxParts: 3 });
    expect(error).toMatchObject({ code: "sms_too_long", partCount: 4, maxParts: 3, encoding: "gsm7", units: 460 });
    expect(error.detail).toMatch(/460 GSM-7 characters make 4 parts; at most 3/);
    expect(encodeError("a".repeat(161), { stripDiacritics: false, maxParts: 1 })).toMatchObject({ partCount: 2, maxParts: 1 });
  });

  it("refuses a Khmer message over the partner's maximum with its UCS-2 counts", () => {
    const error = encodeError("ក".repeat(67 * 2 + 1), { stripDiacritics: false, maxParts: 2 });
    expect(error).toMatchObject({ code: "sms_too_long", partCount: 3, maxParts: 2, encoding: "ucs2", units: 135 });
    expect(error.detail).toMatch(/135 UCS-2 units make 3 parts/);
  });

  it("refuses a message whose single character cluster is longer than a part rather than break it", () => {
    const error = encodeError(`x${"\u0301".repeat(79)}`);
    expect(error).toMatchObject({ code: "sms_too_long", encoding: "ucs2", units: 80, partCount: 2 });
    expect(error.detail).toMatch(/cluster/);
  });

  it("refuses an empty message or one of only blanks and invisible characters with sms_empty", () => {
    for (const input of ["", "   ", " \u200B \r\n", "\u2060\uFEFF"]) {
      expect(encodeError(input)).toMatchObject({ code: "sms_empty", partCount: 0, units: 0, maxParts: 10 });
    }
  });
});

describe("encodeSms: random mixed-script messages", () => {
  // tokens are whole clusters as people type them; each entry of an alphabet is picked as one unit
  const alphabets: Record<string, string[]> = {
    gsmBasic: [..."abcXYZ019 .,:;!?@£$¥èéÇØÅΔ_ÆßÉ¡ÄÖÑÜ§¿äöñüà'\"#%&()*+-/<=>"],
    extension: [..."{}[]~^|€\\"],
    vietnamese: [..."ăâđêôơưĐáàảãạẤẦẨẪẬữựỳỷỹỵ", "ả".normalize("NFD"), "Ữ".normalize("NFD"), "ệ".normalize("NFD")],
    khmer: ["ក", "ខ", "គ", "ក្រ", "ស្ត្រី", "ព្រះ", "កៀ", "ធំ", "១", "\u200B"],
    lao: ["ກ", "ຂ", "ຄ", "ຂ້", "ດີ", "ເປີດ", "ກີ້", "໑"],
    emoji: ["😀", "🇻🇳", "👍🏽", "👨‍👩‍👧", "⚠️"],
    typography: ["“", "”", "’", "–", "—", "…", "•", "\u00A0", "\u202F", "\u200B", "\u2060", "\u00AD"],
    whitespace: [" ", " ", "\n", "\r\n"],
  };
  const names = Object.keys(alphabets);

  // mulberry32 with a fixed seed: a failure is reproducible
  let seed = 0x5eed_2026;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;

  it("splits 500 random messages within limits, at cluster boundaries, losing nothing", () => {
    const seen = { gsm7: 0, ucs2: 0, multipart: 0, tooLong: 0 };
    for (let round = 0; round < 500; round += 1) {
      const mix = names.filter(() => random() < 0.4);
      const pool = (mix.length > 0 ? mix : [pick(names)]).flatMap((name) => alphabets[name]!);
      const length = 1 + Math.floor(random() * 400);
      const input = Array.from({ length }, () => pick(pool)).join("");
      const stripDiacritics = random() < 0.3;
      const maxParts = 1 + Math.floor(random() * 10);
      const result = encodeSms(input, { stripDiacritics, maxParts });
      const text = normalizeSmsText(input, { stripDiacritics });
      if (result.ok) {
        expectSoundSplit(input, result.sms, stripDiacritics);
        expect(result.sms.partCount).toBeLessThanOrEqual(maxParts);
        seen[result.sms.encoding] += 1;
        if (result.sms.partCount > 1) seen.multipart += 1;
      } else if (result.error.code === "sms_too_long") {
        expect(result.error.partCount).toBeGreaterThan(maxParts);
        expect(result.error.units).toBe(unitsOf(text, result.error.encoding));
        seen.tooLong += 1;
      } else {
        expect(text.trim()).toBe("");
      }
    }
    // the generator really exercised every path
    expect(Math.min(seen.gsm7, seen.ucs2, seen.multipart, seen.tooLong)).toBeGreaterThan(20);
  });

  // The encoder takes shortcuts for speed (one cluster a character for Latin text without marks; a sliding-window
  // search for each part's end). This is the plain version of the same rules: Intl.Segmenter clusters with Khmer
  // coeng pairs kept together, and every possible end of every part tried. Both must cut exactly the same parts.
  const plainSplit = (text: string, encoding: SmsEncoding) => {
    const pieces: string[] = [];
    for (const { segment } of graphemes.segment(text)) {
      if (pieces.length > 0 && /\u17D2$/u.test(pieces[pieces.length - 1]!)) pieces[pieces.length - 1] += segment;
      else pieces.push(segment);
    }
    const clusters = pieces.map((piece) => ({ text: piece, units: unitsOf(piece, encoding), breakAfter: /^[ \n\u200B]$/u.test(piece) }));
    const count = clusters.length;
    const limit = smsLimits[encoding].part;
    const reach = clusters.map((_, start) => {
      let end = start;
      for (let units = 0; end < count && units + clusters[end]!.units <= limit; end += 1) units += clusters[end]!.units;
      return end;
    });
    const after = new Array<number>(count + 1).fill(0);
    for (let start = count - 1; start >= 0; start -= 1) after[start] = 1 + after[reach[start]!]!;
    const partCount = after[0]!;
    // best[r][i]: the most cuts after a word break with which clusters i.. make exactly r parts; cut[r][i]: its first end
    const best = [Array.from({ length: count + 1 }, (_, index) => (index === count ? 0 : -Infinity))];
    const cut: number[][] = [[]];
    for (let remaining = 1; remaining <= partCount; remaining += 1) {
      best.push(new Array<number>(count + 1).fill(-Infinity));
      cut.push(new Array<number>(count + 1).fill(count));
      for (let start = count - 1; start >= 0; start -= 1) {
        for (let end = reach[start]!; end > start; end -= 1) {
          const score = best[remaining - 1]![end]! + (end < count && clusters[end - 1]!.breakAfter ? 1 : 0);
          if (score > best[remaining]![start]!) {
            best[remaining]![start] = score;
            cut[remaining]![start] = end;
          }
        }
      }
    }
    const parts: string[] = [];
    for (let start = 0, remaining = partCount; start < count; remaining -= 1) {
      const end = cut[remaining]![start]!;
      parts.push(
        clusters
          .slice(start, end)
          .map((cluster) => cluster.text)
          .join(""),
      );
      start = end;
    }
    return parts;
  };

  it("cuts 400 random multi-part messages exactly where the plain search over every possible end cuts them", () => {
    let compared = 0;
    for (let round = 0; round < 400; round += 1) {
      const mix = names.filter(() => random() < 0.4);
      const pool = (mix.length > 0 ? mix : [pick(names)]).flatMap((name) => alphabets[name]!);
      const input = Array.from({ length: 60 + Math.floor(random() * 600) }, () => pick(pool)).join("");
      const result = encodeSms(input, { stripDiacritics: random() < 0.3, maxParts: 20 });
      if (!result.ok || result.sms.partCount < 2) continue;
      expect(result.sms.parts).toEqual(plainSplit(result.sms.text, result.sms.encoding));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(200);
  });
});

describe("encodeSms: never one part more than needed", () => {
  const englishWords = ["Cau", "Treo", "gate", "closed", "from", "14:00;", "trucks", "wait", "at", "the", "border", "until", "further", "notice."];
  const extensionWords = ["{QL8A}", "fee", "€5", "[gate", "3]", "a|b", "~2h", "^", "\\", "open"];
  const vietnameseWords = ["Mưa", "lớn", "kéo", "dài,", "đề", "phòng", "lũ", "quét", "và", "sạt", "lở", "đất", "tại", "cửa", "khẩu"];
  const laoWords = ["ດ່ານ", "ສາກົນ", "ນ້ຳບາວ", "ປິດ", "ເວລາ", "໑໔:໐໐", "ຝົນ", "ຕົກ", "ໜັກ"];
  const khmerWords = ["ច្រកទ្វារ", "អន្តរជាតិ", "បិទ", "ពីម៉ោង", "១៤:០០", "ភ្លៀង", "ធ្លាក់", "ខ្លាំង", "ស្ត្រី"];

  /** Words joined by `separator`, padded with `pad` (one unit) to exactly `units` units: the text people write. */
  const textOf = (units: number, options: { encoding: SmsEncoding; words: string[]; separator?: string; pad: string }) => {
    const { encoding, words, separator = " ", pad } = options;
    let text = "";
    for (let index = 0; ; index += 1) {
      const next = text === "" ? words[0]! : `${text}${separator}${words[index % words.length]}`;
      if (unitsOf(next, encoding) > units) break;
      text = next;
    }
    while (unitsOf(text, encoding) < units) text += pad;
    return text;
  };

  const expectParts = (text: string, expected: { encoding: SmsEncoding; units: number; partCount: number }) => {
    const sms = encodeOk(text);
    expect(sms).toMatchObject(expected);
    return sms;
  };

  const gsm7Cases = [
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
  ] as const;
  const ucs2Cases = [
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
    [201, 3],
    [202, 4],
  ] as const;

  it.each(gsm7Cases)("sends %i septets of English words in %i parts", (units, partCount) => {
    const sms = expectParts(textOf(units, { encoding: "gsm7", words: englishWords, pad: "." }), { encoding: "gsm7", units, partCount });
    if (units === 459) expect(sms.parts.map((part) => part.length)).toEqual([153, 153, 153]);
  });

  it.each(gsm7Cases)("sends %i septets of English with extension characters (two septets each) in %i parts", (units, partCount) => {
    const text = textOf(units, { encoding: "gsm7", words: [...englishWords, ...extensionWords], pad: "." });
    expect(text).toMatch(/[{}[\]€|~^\\]/u);
    expect(text.length).toBeLessThan(units);
    expectParts(text, { encoding: "gsm7", units, partCount });
  });

  it.each(ucs2Cases)("sends %i UCS-2 units of Vietnamese with diacritics in %i parts", (units, partCount) => {
    expectParts(textOf(units, { encoding: "ucs2", words: vietnameseWords, pad: "ạ" }), { encoding: "ucs2", units, partCount });
  });

  it.each(ucs2Cases)("sends %i UCS-2 units of Lao and of Khmer (zero-width spaces between words) in %i parts", (units, partCount) => {
    // a Lao or Khmer cluster is often several units, so a text fills its parts to the unit only when each 67-unit
    // stretch ends on a cluster boundary: here each ends with a zero-width space
    const blocks = (options: { words: string[]; pad: string }) => {
      const script = { encoding: "ucs2" as const, separator: "\u200B", ...options };
      if (units <= smsLimits.ucs2.single) return textOf(units, script);
      let text = "";
      let rest = units;
      for (; rest > smsLimits.ucs2.part; rest -= smsLimits.ucs2.part) text += `${textOf(smsLimits.ucs2.part - 1, script)}\u200B`;
      return text + textOf(rest, script);
    };
    expectParts(blocks({ words: laoWords, pad: "ກ" }), { encoding: "ucs2", units, partCount });
    expectParts(blocks({ words: khmerWords, pad: "ក" }), { encoding: "ucs2", units, partCount });
  });

  it("sends 459 English characters as three full parts of 153, as the operator does, not four ending at spaces", () => {
    const text = textOf(459, { encoding: "gsm7", words: englishWords, pad: "." });
    const sms = encodeOk(text, { stripDiacritics: false, maxParts: 3 });
    expect(sms.parts).toEqual([text.slice(0, 153), text.slice(153, 306), text.slice(306)]);
  });

  it("keeps an escape pair whole at the boundary: a € on septets 153-154 costs the first part its last septet", () => {
    // 151 + € ends exactly on septet 153: two full parts
    expect(expectParts(`${"a".repeat(151)}€${"b".repeat(153)}`, { encoding: "gsm7", units: 306, partCount: 2 }).parts).toEqual([
      `${"a".repeat(151)}€`,
      "b".repeat(153),
    ]);
    // 152 + € would straddle 153/154: the € opens the second part, 152 + 153 septets
    expect(expectParts(`${"a".repeat(152)}€${"b".repeat(151)}`, { encoding: "gsm7", units: 305, partCount: 2 }).parts).toEqual([
      "a".repeat(152),
      `€${"b".repeat(151)}`,
    ]);
    // one septet more and no split of 306 septets in two keeps the pair whole
    expectParts(`${"a".repeat(152)}€${"b".repeat(152)}`, { encoding: "gsm7", units: 306, partCount: 3 });
    // 160 septets with a final } is one part; one more septet before it, two
    expectParts(`${"a".repeat(158)}}`, { encoding: "gsm7", units: 160, partCount: 1 });
    expectParts(`${"a".repeat(159)}}`, { encoding: "gsm7", units: 161, partCount: 2 });
  });

  it("keeps a surrogate pair whole at the boundary of 70, 67, 134 and 201 units", () => {
    expectParts(`${"a".repeat(68)}😀`, { encoding: "ucs2", units: 70, partCount: 1 });
    expect(expectParts(`${"a".repeat(69)}😀`, { encoding: "ucs2", units: 71, partCount: 2 }).parts).toEqual(["a".repeat(67), "aa😀"]);
    // the emoji ends exactly on unit 67: two full parts
    expect(expectParts(`${"a".repeat(65)}😀${"b".repeat(67)}`, { encoding: "ucs2", units: 134, partCount: 2 }).parts).toEqual([
      `${"a".repeat(65)}😀`,
      "b".repeat(67),
    ]);
    // the emoji would straddle units 67/68: it opens the second part, and 134 units no longer fit in two
    expect(expectParts(`${"a".repeat(66)}😀${"b".repeat(65)}`, { encoding: "ucs2", units: 133, partCount: 2 }).parts).toEqual([
      "a".repeat(66),
      `😀${"b".repeat(65)}`,
    ]);
    expectParts(`${"a".repeat(66)}😀${"b".repeat(66)}`, { encoding: "ucs2", units: 134, partCount: 3 });
    const ends = `${"a".repeat(65)}😀 ${"b".repeat(64)}😀${"c".repeat(67)}`;
    expectParts(ends, { encoding: "ucs2", units: 201, partCount: 3 });
    expectParts(`${ends}c`, { encoding: "ucs2", units: 202, partCount: 4 });
  });
});

describe("encodeSms: property: the count a plain greedy split over clusters gives, whole clusters, nothing lost", () => {
  const breakAfter = /[ \n\u200B]$/u;

  /** The reference: clusters as the spec defines them (a Khmer coeng keeps the next cluster), each part filled as far as it goes. */
  const greedyParts = (text: string, encoding: SmsEncoding) => {
    const limit = smsLimits[encoding];
    if (unitsOf(text, encoding) <= limit.single) return [text];
    const clusters: string[] = [];
    for (const { segment } of graphemes.segment(text)) {
      if (clusters.at(-1)?.endsWith("\u17D2")) clusters[clusters.length - 1] += segment;
      else clusters.push(segment);
    }
    const parts: string[] = [];
    let room = 0;
    for (const cluster of clusters) {
      const units = unitsOf(cluster, encoding);
      if (units > limit.part) throw new Error("the generator made a cluster longer than a part");
      if (units > room) {
        parts.push("");
        room = limit.part;
      }
      parts[parts.length - 1] += cluster;
      room -= units;
    }
    return parts;
  };
  const wordBreaks = (parts: string[]) => parts.slice(0, -1).filter((part) => breakAfter.test(part)).length;

  // tokens are whole clusters as people type them (NFD Vietnamese too); a message may carry emoji and GSM-7
  // extension characters in any language, English its typographic punctuation
  const emoji = ["😀", "🇻🇳", "👍🏽", "👨‍👩‍👧", "⚠️"];
  const extension = ["€", "{", "}", "[", "]", "~", "^", "|", "\\"];
  const languages: Record<string, { tokens: string[]; separators: string[] }> = {
    en: { tokens: [..."abcdefghijklmnopqrstuvwxyzCTQL0123456789.,:;!?@£$-'\"()/", "“", "”", "’", "–", "…"], separators: [" ", "\n"] },
    vi: {
      tokens: [..."aăâbcdđeêghiklmnoôơpqrstuưvxyĐáàảãạấầẩẫậếềểễệớờởỡợứừửữựỳỷỹỵ", "ả".normalize("NFD"), "Ữ".normalize("NFD")],
      separators: [" ", "\n"],
    },
    viPlain: { tokens: [..."abcdeghiklmnopqrstuvxyDCT0123456789.,:"], separators: [" ", "\n"] },
    lo: { tokens: ["ກ", "ຂ", "ຄ", "ງ", "ຂ້", "ດີ", "ເປີດ", "ກີ້", "ນ້ຳ", "ບໍ່", "໑", "໔", "ໜັກ"], separators: ["\u200B", " "] },
    km: { tokens: ["ក", "ខ", "គ", "ក្រ", "ស្ត្រី", "ព្រះ", "កៀ", "ធំ", "ច្រ", "ន្ត", "១", "៤", "ភ្លៀ"], separators: ["\u200B", " "] },
  };
  const boundaries = [70, 71, 134, 135, 160, 161, 201, 202, 268, 306, 307, 459, 460, 612];

  const message = fc
    .record({
      language: fc.constantFrom(...Object.keys(languages)),
      extras: fc.subarray([emoji, extension]).map((lists) => lists.flat()),
      // lengths around every boundary, and any length
      target: fc.oneof(
        fc.constantFrom(...boundaries).chain((boundary) => fc.integer({ min: boundary - 3, max: boundary + 3 })),
        fc.integer({ min: 1, max: 700 }),
      ),
      stripDiacritics: fc.boolean(),
      maxParts: fc.integer({ min: 1, max: 10 }),
    })
    .chain(({ language, extras, target, stripDiacritics, maxParts }) => {
      const { tokens, separators } = languages[language]!;
      // mostly the language's own tokens, now and then an extra, a separator every few
      const token = fc.oneof(
        { arbitrary: fc.constantFrom(...tokens), weight: 12 },
        { arbitrary: fc.constantFrom(...(extras.length > 0 ? extras : tokens)), weight: 1 },
        { arbitrary: fc.constantFrom(...separators), weight: 3 },
      );
      // a token costs at least one unit once normalised, but for invisible ones: a few more than the target
      return fc.record({
        tokens: fc.array(token, { minLength: target + 20, maxLength: target + 20 }),
        target: fc.constant(target),
        policy: fc.constant({ stripDiacritics, maxParts }),
      });
    })
    .map(({ tokens, target, policy: options }) => {
      const unitsOfPrefix = (count: number) => {
        const text = normalizeSmsText(tokens.slice(0, count).join(""), options);
        return unitsOf(text, fitsGsm7(text) ? "gsm7" : "ucs2");
      };
      // the most tokens whose normalised text is at most `target` units (near enough where encodings change)
      let low = 1;
      let high = tokens.length;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (unitsOfPrefix(middle) <= target) low = middle;
        else high = middle - 1;
      }
      return { input: tokens.slice(0, low).join(""), options };
    });

  it("gives the greedy count, joins back to the text, keeps every part within its limit and clusters whole", () => {
    const seen = { gsm7: 0, ucs2: 0, multipart: 0, tooLong: 0, empty: 0 };
    fc.assert(
      fc.property(message, ({ input, options }) => {
        const text = normalizeSmsText(input, options);
        const result = encodeSms(input, options);
        if (!result.ok && result.error.code === "sms_empty") {
          expect(text).toMatch(/^[\s\p{Cf}]*$/u);
          seen.empty += 1;
          return;
        }
        const encoding = fitsGsm7(text) ? "gsm7" : "ucs2";
        const reference = greedyParts(text, encoding);
        if (!result.ok) {
          expect(result.error).toMatchObject({ code: "sms_too_long", partCount: reference.length, encoding, units: unitsOf(text, encoding) });
          expect(reference.length).toBeGreaterThan(options.maxParts);
          seen.tooLong += 1;
          return;
        }
        expect(result.sms.partCount).toBe(reference.length);
        // parts join back to the text, each within 160/153 septets or 70/67 units, cut between whole clusters
        expectSoundSplit(input, result.sms, options.stripDiacritics);
        // within that count, at least as many parts end at a word break as when every part is filled
        expect(wordBreaks(result.sms.parts)).toBeGreaterThanOrEqual(wordBreaks(reference));
        seen[result.sms.encoding] += 1;
        if (result.sms.partCount > 1) seen.multipart += 1;
      }),
      { numRuns: 1000 },
    );
    // the generator really exercised every path
    expect(Math.min(seen.gsm7, seen.ucs2, seen.multipart, seen.tooLong)).toBeGreaterThan(50);
  });
});
