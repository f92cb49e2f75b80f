// ISO 3166-2 subdivision codes as CAP senders write them in <geocode> (valueName "ISO 3166-2"), to gazetteer codes.
// Lao and Cambodian provinces carry their ISO codes in the gazetteer already (LA-BL, KH-16); Vietnamese ones do not
// (Hà Tĩnh is VN-23 in ISO, VN-HT here). ISO 3166-2:VN still lists the provinces before the July 2025 merger, so a
// former province's code leads to the province it is now part of (Long An, VN-41, is in Tây Ninh, VN-TN).
export const vietnamIsoCodes: Readonly<Record<string, string>> = {
  "VN-71": "VN-DB", // Điện Biên
  "VN-05": "VN-SL", // Sơn La
  "VN-21": "VN-TH", // Thanh Hóa
  "VN-22": "VN-NA", // Nghệ An
  "VN-23": "VN-HT", // Hà Tĩnh
  "VN-24": "VN-QT", // Quảng Bình, now in Quảng Trị
  "VN-25": "VN-QT", // Quảng Trị
  "VN-26": "VN-HU", // Thừa Thiên Huế, now Huế city
  "VN-DN": "VN-DN", // Đà Nẵng
  "VN-27": "VN-DN", // Quảng Nam, now in Đà Nẵng
  "VN-29": "VN-QG", // Quảng Ngãi
  "VN-28": "VN-QG", // Kon Tum, now in Quảng Ngãi
  "VN-30": "VN-GL", // Gia Lai
  "VN-31": "VN-GL", // Bình Định, now in Gia Lai
  "VN-33": "VN-DL", // Đắk Lắk
  "VN-32": "VN-DL", // Phú Yên, now in Đắk Lắk
  "VN-35": "VN-LD", // Lâm Đồng
  "VN-72": "VN-LD", // Đắk Nông, now in Lâm Đồng
  "VN-40": "VN-LD", // Bình Thuận, now in Lâm Đồng
  "VN-39": "VN-DI", // Đồng Nai
  "VN-58": "VN-DI", // Bình Phước, now in Đồng Nai
  "VN-37": "VN-TN", // Tây Ninh
  "VN-41": "VN-TN", // Long An, now in Tây Ninh
  "VN-45": "VN-DT", // Đồng Tháp
  "VN-46": "VN-DT", // Tiền Giang, now in Đồng Tháp
  "VN-44": "VN-AG", // An Giang
  "VN-47": "VN-AG", // Kiên Giang, now in An Giang
};

/** The gazetteer code for an ISO 3166-2 code ("VN-23" -> "VN-HT"; "LA-BL", "KH-16" are the same in both). */
export const placeCodeOfIso = (code: string, known: ReadonlySet<string>): string | undefined => {
  const upper = code.trim().toUpperCase();
  const mapped = vietnamIsoCodes[upper] ?? upper;
  return known.has(mapped) ? mapped : undefined;
};
