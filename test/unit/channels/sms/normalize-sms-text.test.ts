import { describe, expect, it } from "vitest";
import { fitsGsm7, normalizeSmsText } from "../../../../src/channels/sms/index.ts";
import { formatDateRange, formatDateTime, formatTimeRange, icuInvisibles, icuSpaces, icuSpecialCharacters } from "../../../../src/localize/format-locale.ts";

const keep = { stripDiacritics: false };

describe("normalizeSmsText", () => {
  it("turns NFD input into NFC", () => {
    const nfd = "Cửa khẩu Lao Bảo".normalize("NFD");
    expect(nfd).not.toBe("Cửa khẩu Lao Bảo");
    expect(normalizeSmsText(nfd, keep)).toBe("Cửa khẩu Lao Bảo");
  });

  it("composes e + combining acute into the GSM-7 letter é", () => {
    expect(normalizeSmsText("Cafe\u0301", keep)).toBe("Café");
  });

  it("ends every line with LF, whatever the input used", () => {
    expect(normalizeSmsText("one\r\ntwo\rthree\u2028four\u2029five\u0085six", keep)).toBe("one\ntwo\nthree\nfour\nfive\nsix");
  });

  it("maps typographic quotes, dashes, ellipsis and bullets in English to plain GSM-7 characters", () => {
    const text = normalizeSmsText("“Bo Y” gate – open ‘06:00’—22:00… • bring ID „now” ‚ok‘ 5′ 6″ «x» ‹y› `z´", keep);
    expect(text).toBe(`"Bo Y" gate - open '06:00'-22:00... - bring ID "now" 'ok' 5' 6" "x" 'y' 'z'`);
    expect(fitsGsm7(text)).toBe(true);
  });

  it("maps Unicode spaces to a plain space and removes invisible characters, so they never force UCS-2", () => {
    const text = normalizeSmsText("06:00\u202F–\u202F22:00\u00A0on\u2009Mon\u2007\u3000da\u200By\u2060 re\u00ADopen\uFEFF\u200E", keep);
    expect(text).toBe("06:00 - 22:00 on Mon  day reopen");
    expect(fitsGsm7(text)).toBe(true);
  });

  it("keeps the typography and zero-width word breaks of a message that needs UCS-2 anyway", () => {
    expect(normalizeSmsText("“Cửa khẩu” – mở…", keep)).toBe("“Cửa khẩu” – mở…");
    expect(normalizeSmsText("ច្រកទ្វារ\u200Bបើក", keep)).toBe("ច្រកទ្វារ\u200Bបើក");
    expect(normalizeSmsText("ດ່ານ\u00A0ເປີດ", keep)).toBe("ດ່ານ\u00A0ເປີດ");
  });

  it("strips Vietnamese diacritics when asked, and then maps typography to reach GSM-7", () => {
    const text = normalizeSmsText("“Đóng cửa” – Cầu Treo…", { stripDiacritics: true });
    expect(text).toBe('"Dong cua" - Cau Treo...');
    expect(fitsGsm7(text)).toBe(true);
  });

  it("trims leading and trailing blank lines and spaces", () => {
    expect(normalizeSmsText("\n  Gate open \u00A0\r\n\r\n", keep)).toBe("Gate open");
    expect(normalizeSmsText(" \u200B ", keep)).toBe("");
  });

  describe("ICU output", () => {
    // 1 December 2026 18:30 to 4 December 2026 06:00 in Ho Chi Minh City
    const from = Date.UTC(2026, 11, 1, 11, 30);
    const until = Date.UTC(2026, 11, 3, 23, 0);

    it("maps every space ICU may insert, and the other Unicode spaces, to a plain space", () => {
      const spaces = [...icuSpaces, "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2008", "\u200A"];
      for (const space of spaces) expect(normalizeSmsText(`06:00${space}22:00`, keep)).toBe("06:00 22:00");
    });

    it("drops every invisible character ICU may insert from a message that can be GSM-7", () => {
      for (const invisible of [...icuInvisibles, "\u200C", "\u200D", "\uFEFF"]) {
        expect(normalizeSmsText(`Gate${invisible} open`, keep)).toBe("Gate open");
      }
    });

    it("turns an ICU date range, date-time range and time range in English into GSM-7", () => {
      const range = formatDateRange("en", { from: from, until }, { style: "long" });
      expect(range).toContain(icuSpecialCharacters.thinSpace);
      expect(normalizeSmsText(`Closed ${range}`, keep)).toBe("Closed 1 - 4 December 2026");
      const days = formatTimeRange("en", { from: from, until });
      expect(normalizeSmsText(`Closed ${days}`, keep)).toBe("Closed 01/12/2026, 18:30 - 04/12/2026, 06:00");
      const hours = formatTimeRange("en", { from: Date.UTC(2026, 11, 1, 23, 0), until: Date.UTC(2026, 11, 2, 15, 0) });
      expect(normalizeSmsText(`Open ${hours}`, keep)).toBe("Open 06:00-22:00");
    });

    it("turns Vietnamese with an ICU date range into GSM-7 once diacritics are stripped", () => {
      const text = normalizeSmsText(
        `Đóng cửa khẩu ${formatDateRange("vi", { from: from, until }, { style: "long" })}, mở lại lúc ${formatDateTime("vi", until)}`,
        {
          stripDiacritics: true,
        },
      );
      expect(text).toBe("Dong cua khau 1 - 4 thang 12, 2026, mo lai luc 06:00 04/12/2026");
      expect(fitsGsm7(text)).toBe(true);
    });

    it("leaves ICU characters, ZWNJ and ZWJ in a Lao or Khmer message, which is UCS-2 anyway", () => {
      const khmer = `បិទ ${formatDateTime("km", from, { style: "long" })}`;
      expect(khmer).toContain(icuSpecialCharacters.zeroWidthSpace);
      expect(normalizeSmsText(khmer, keep)).toBe(khmer);
      expect(normalizeSmsText("ក\u200Cា ກ\u200Dວ", keep)).toBe("ក\u200Cា ກ\u200Dວ");
      const lao = `ປິດ ${formatDateRange("lo", { from: from, until })}`;
      expect(normalizeSmsText(lao, keep)).toBe(lao);
    });
  });
});
