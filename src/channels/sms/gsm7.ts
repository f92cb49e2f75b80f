// The GSM 03.38 default alphabet and its extension table (each extension character costs an escape plus itself).
const basic =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const extension = "\f^{}\\[~]|€";

const basicSet = new Set(basic);
const extensionSet = new Set(extension);

/** Septets a character costs in GSM-7, or undefined when it has no GSM-7 form. */
export const gsm7Cost = (char: string): 1 | 2 | undefined => (basicSet.has(char) ? 1 : extensionSet.has(char) ? 2 : undefined);

export const fitsGsm7 = (text: string) => {
  for (const char of text) if (gsm7Cost(char) === undefined) return false;
  return true;
};

/** Septets the whole text costs; assumes fitsGsm7(text). */
export const gsm7Length = (text: string) => {
  let total = 0;
  for (const char of text) total += gsm7Cost(char) ?? 0;
  return total;
};
