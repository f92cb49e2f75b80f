import { z } from "zod";

export const SmsPolicySchema = z.strictObject({
  // an alphanumeric sender ID: operators accept at most 11 characters and only plain ASCII reaches every handset
  sender: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 ._-]{1,11}$/, "at most 11 plain characters: ASCII letters, digits, space, dot, dash, underscore")
    .refine((value) => /[A-Za-z0-9]/.test(value), "must contain a letter or digit"),
  maxParts: z.number().int().min(1).max(10).default(4),
  stripDiacritics: z.boolean().default(false),
});

export type SmsPolicy = z.infer<typeof SmsPolicySchema>;
