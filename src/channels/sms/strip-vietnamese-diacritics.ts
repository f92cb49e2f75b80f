// Vietnamese without diacritics ("Cua khau Cau Treo"), for partners that only send plain GSM-7: đ -> d, Đ -> D,
// tones and vowel marks removed. Readers are used to this form; it fits more text per part than UCS-2.

// Every Vietnamese tone and vowel mark (grave, acute, tilde, hook above, dot below, breve, circumflex, horn) lives in
// Combining Diacritical Marks; Lao and Khmer vowel signs and tone marks are in their own blocks and stay.
const combiningDiacriticalMarks = /[\u0300-\u036f]/g;

/** Removes Vietnamese tones and marks from NFC or NFD input; returns NFC. Other scripts are left as they are. */
export const stripVietnameseDiacritics = (text: string) =>
  text
    .normalize("NFD")
    .replace(combiningDiacriticalMarks, "")
    // đ and Đ have no decomposition; Ð (U+00D0, eth) looks the same as Đ and comes from legacy Vietnamese encodings
    .replace(/đ/g, "d")
    .replace(/[ĐÐ]/g, "D")
    .normalize("NFC");
