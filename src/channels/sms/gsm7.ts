// GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table. Partners bill and split by septets, so
// every count here is in septets: an extension character travels as ESC + itself and costs two.

/** The 127 printable characters of the basic table (ESC, 0x1B, is left out: it only introduces the extension). */
export const GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/** The extension table as handsets support it: form feed and ^ { } \ [ ~ ] | € (no national shift tables). */
export const GSM7_EXTENSION = "\f^{}\\[~]|€";

const basicSet = new Set(GSM7_BASIC);
const extensionSet = new Set(GSM7_EXTENSION);

/** Septets one character (one code point) costs in GSM-7, or undefined when it has no GSM-7 form. */
export const gsm7Cost = (char: string): 1 | 2 | undefined => (basicSet.has(char) ? 1 : extensionSet.has(char) ? 2 : undefined);

/** True when every character of `text` has a GSM-7 form. */
export const fitsGsm7 = (text: string) => {
  for (const char of text) if (gsm7Cost(char) === undefined) return false;
  return true;
};

/** Septets the whole text costs, or undefined when some character has no GSM-7 form. */
export const gsm7Length = (text: string): number | undefined => {
  let total = 0;
  for (const char of text) {
    const cost = gsm7Cost(char);
    if (cost === undefined) return undefined;
    total += cost;
  }
  return total;
};
