export {
  encodeSms,
  smsLimits,
  unitsOf,
  type EncodedSms,
  type EncodeSmsPolicy,
  type EncodeSmsResult,
  type SmsEmptyError,
  type SmsEncoding,
  type SmsError,
  type SmsTooLongError,
} from "./encode-sms.ts";
export { fitsGsm7, GSM7_BASIC, GSM7_EXTENSION, gsm7Cost, gsm7Length } from "./gsm7.ts";
export { normalizeSmsText, toPlainPunctuation, type NormalizeOptions } from "./normalize-sms-text.ts";
export { SmsPolicySchema, type SmsPolicy } from "./sms-policy.ts";
export { stripVietnameseDiacritics } from "./strip-vietnamese-diacritics.ts";
