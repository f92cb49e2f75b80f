import { describe, expect, it } from "vitest";
import { fitsGsm7, normalizeSmsText } from "../../../../src/channels/sms/index.ts";

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
});
