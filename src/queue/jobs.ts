// Job definitions: a name and a payload of ids only. Processors live in workers/, one file per job.
import { z } from "zod";

export const BulletinJobPayloadSchema = z.object({ bulletinId: z.uuid() });

export const jobDefinitions = {
  "localize-bulletin": BulletinJobPayloadSchema,
  "format-bulletin": BulletinJobPayloadSchema,
  "draft-translations": BulletinJobPayloadSchema,
} as const;

export type JobName = keyof typeof jobDefinitions;
export type JobPayload<Name extends JobName> = z.infer<(typeof jobDefinitions)[Name]>;
export const isJobName = (name: string): name is JobName => Object.hasOwn(jobDefinitions, name);
