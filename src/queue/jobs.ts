// Job definitions: a name and a payload of ids only. Processors live in workers/, one file per job.
import { z } from "zod";
import { LanguageSchema, type BulletinStatus } from "../domain/index.ts";

export const BulletinJobPayloadSchema = z.object({ bulletinId: z.uuid() });
/** A screen or radio station added or changed: it gets its renditions of everything already in force. */
/** One language of a bulletin: its voice message's MP3, encoded once the WAV is out. */
export const VoiceLanguageJobPayloadSchema = z.object({ bulletinId: z.uuid(), language: LanguageSchema });
export const EndpointJobPayloadSchema = z.object({ kind: z.enum(["screen", "station"]), id: z.uuid() });

export const jobDefinitions = {
  "localize-bulletin": BulletinJobPayloadSchema,
  "format-bulletin": BulletinJobPayloadSchema,
  "draft-translations": BulletinJobPayloadSchema,
  "synthesize-voice": BulletinJobPayloadSchema,
  "encode-voice-mp3": VoiceLanguageJobPayloadSchema,
  "render-for-endpoint": EndpointJobPayloadSchema,
} as const;

export type JobName = keyof typeof jobDefinitions;

/** The pipeline's steps and the bulletin status each moves a bulletin on from: while the bulletin is still there,
 *  it waits for that step (a step that failed for good is tried again by the reconciler). */
export const pipelineSteps = [
  { name: "localize-bulletin", bulletinStatus: "approved" },
  { name: "format-bulletin", bulletinStatus: "localized" },
  { name: "synthesize-voice", bulletinStatus: "published" },
  { name: "encode-voice-mp3", bulletinStatus: "published" },
] as const satisfies readonly { name: JobName; bulletinStatus: BulletinStatus }[];
export type JobPayload<Name extends JobName> = z.infer<(typeof jobDefinitions)[Name]>;
export const isJobName = (name: string): name is JobName => Object.hasOwn(jobDefinitions, name);

/** How far along the pipeline a job is. Within one urgency, later stages run first, so a bulletin already on
 *  its way is published before the next one starts (behind a backlog, the first published bulletin does not
 *  wait for every other bulletin's first step). */
const stages: Record<JobName, number> = {
  "draft-translations": 0,
  "localize-bulletin": 0,
  "format-bulletin": 1,
  "synthesize-voice": 2,
  "encode-voice-mp3": 3,
  "render-for-endpoint": 1,
};

/** The queue's priority of a job (lower runs first): its urgency first, then its stage. */
export const queuePriority = (job: { name: string; priority: number }) => job.priority * 10 - (isJobName(job.name) ? stages[job.name] : 0);
