export { encodeSms, limits, unitsOf, type EncodedSms, type EncodeResult, type SmsEncoding, type SmsError } from "./encode-sms.ts";
export { fitsGsm7, gsm7Cost, gsm7Length } from "./gsm7.ts";
export { normalizeSmsText, toPlainPunctuation } from "./normalize-sms-text.ts";
export { SmsPolicySchema, type SmsPolicy } from "./sms-policy.ts";
export { stripVietnameseDiacritics } from "./strip-vietnamese-diacritics.ts";
