// Vietnamese without diacritics, for partners that send plain GSM-7: đ -> d, Đ -> D, tones and marks removed.

/** Removes Vietnamese tones and marks (NFC or NFD input); other scripts are left as they are. */
export const stripVietnameseDiacritics = (text: string) =>
  text
    .normalize("NFD")
    // combining diacritical marks only: Lao and Khmer vowel signs are outside this block and stay
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
