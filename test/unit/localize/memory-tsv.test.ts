import { describe, expect, it } from "vitest";
import { formatMemoryTsv, parseMemoryTsv } from "../../../src/localize/translation-memory/memory-tsv.ts";

describe("translation-memory TSV", () => {
  it("reads one trimmed pair a line and skips blank lines", () => {
    expect(parseMemoryTsv("Xin cảm ơn.\tសូមអរគុណ។\r\n\n  Cửa khẩu mở cửa. \t ច្រកទ្វារបើក។\n")).toEqual({
      pairs: [
        { source: "Xin cảm ơn.", target: "សូមអរគុណ។" },
        { source: "Cửa khẩu mở cửa.", target: "ច្រកទ្វារបើក។" },
      ],
      problems: [],
    });
  });

  it("names every line that is not a plain-text pair by its line number in the file", () => {
    const { pairs, problems } = parseMemoryTsv("one column\n\na\tb\tc\n\tempty source\nok\tfine\n<b>bold</b>\tđậm\n");
    expect(pairs).toEqual([{ source: "ok", target: "fine" }]);
    expect(problems).toEqual([
      { line: 1, message: 'expected "source<TAB>target"' },
      { line: 3, message: 'expected "source<TAB>target"' },
      { line: 4, message: 'expected "source<TAB>target"' },
      { line: 6, message: expect.stringContaining("contains markup") },
    ]);
  });

  it("writes one line a pair, folding tabs and line breaks inside a text into spaces", () => {
    expect(formatMemoryTsv([])).toBe("");
    expect(formatMemoryTsv([{ source: "Dòng một\nDòng\thai", target: "Line one\r\nline  two" }])).toBe("Dòng một Dòng hai\tLine one line two\n");
  });

  it("reads back what it writes", () => {
    const pairs = [
      { source: "Xin cảm ơn.", target: "ຂອບໃຈ." },
      { source: "Cửa khẩu mở cửa.", target: "ច្រកទ្វារបើក។" },
    ];
    expect(parseMemoryTsv(formatMemoryTsv(pairs))).toEqual({ pairs, problems: [] });
  });
});
