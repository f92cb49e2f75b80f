// The reason codes a delivery-log row carries (why a message was skipped, cancelled or rejected, why a voice message
// waits for a recording), each with its words in locales/<lng>/console.json under delivery.reasons. A partner may
// report a code of its own (`[a-z0-9_.-]`): that one is shown as the code it sent.
export const deliveryReasons = [
  "language_not_approved",
  "language_dropped",
  "outside_validity",
  "withdrawn",
  "superseded",
  "partner_rejected",
  "network_congestion",
  "content_filtered",
  "sender_not_registered",
  "sms_too_long",
  "sms_empty",
  "slide_too_long",
  "needs_recording",
  "engine_not_installed",
  "no_voice",
  "engine_failed",
] as const;
export type DeliveryReason = (typeof deliveryReasons)[number];

export const isDeliveryReason = (code: string): code is DeliveryReason => (deliveryReasons as readonly string[]).includes(code);

/** The delivery-log events, in the order a hand-over goes through them (their words: console.json delivery.events,
 *  the dots written as underscores). */
export const deliveryEvents = [
  "message.queued",
  "message.skipped",
  "message.claimed",
  "message.lease_expired",
  "message.sent",
  "message.rejected",
  "message.report_repeated",
  "message.cancelled",
  "voice.needs_recording",
  "display.served",
  "display.played",
  "radio.fetched",
  "radio.aired",
] as const;
export const isDeliveryEvent = (event: string): event is (typeof deliveryEvents)[number] => (deliveryEvents as readonly string[]).includes(event);
