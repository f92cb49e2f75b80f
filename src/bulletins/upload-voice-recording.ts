// An admin uploads a voice artist's recording for a voice message no engine could speak (Lao and Khmer, or any
// language on a machine without a speech engine), or to replace synthesised speech with a human voice. The
// recording becomes telephone audio like synthesised speech, and goes out the same way.
import { requireRole, type Actor } from "../access/actor.ts";
import { loadBulletinForUpdate } from "./load-bulletin.ts";
import type { CommandDeps } from "./command-deps.ts";
import { AudioDecodeError, decodeUploadedAudio } from "../channels/voice/index.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { setPendingVoiceAudio } from "../db/queries/messages.ts";
import type { Language } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { attachVoiceAudio, voiceRendition } from "../delivery/voice-renditions.ts";

export const uploadVoiceRecording = async (
  deps: CommandDeps,
  actor: Actor,
  options: { bulletinId: string; language: Language; bytes: Uint8Array; mimeType: string },
) => {
  requireRole(actor, "admin");
  // decoded before any transaction: a bad file changes nothing
  const encoded = await decodeUploadedAudio(options.bytes, options.mimeType).catch((error: unknown) => {
    if (error instanceof AudioDecodeError) throw new AppError("audio_unreadable", error.message);
    throw error;
  });
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const bulletin = await loadBulletinForUpdate(tx, options.bulletinId);
    const rendition = await voiceRendition(tx, bulletin.id, options.language);
    if (!rendition)
      throw new AppError("not_found", `bulletin ${bulletin.id} has no ${options.language} voice message (is it published, with the voice or radio channel?)`);
    if (bulletin.status !== "published")
      throw new AppError("conflict", `the bulletin is ${bulletin.status}: recordings are taken for published bulletins only`);
    const attached = await attachVoiceAudio(tx, {
      bulletin,
      language: options.language,
      encoded,
      source: `recording by ${actor.username}`,
      status: "recorded",
      at: now,
    });
    // voice messages not yet claimed carry the new recording
    await setPendingVoiceAudio(tx, { bulletinId: bulletin.id, language: options.language, audio: attached.audio! });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: bulletin.id,
      action: "voice:recorded",
      detail: { language: options.language, durationSec: encoded.durationSec, audio: attached.audio!.mp3, replaced: rendition.content.status },
    });
    return {
      bulletinId: bulletin.id,
      language: options.language,
      status: "recorded" as const,
      durationSec: encoded.durationSec,
      estimatedSec: rendition.content.estimatedSec,
      audio: attached.audio!,
      voiceMessages: attached.messages,
    };
  });
};
