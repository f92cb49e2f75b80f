// Voice messages and radio scripts of a bulletin, for editors and admins: each language's SSML, script, estimated
// and real duration, audio links, and whether it needs recording; an admin uploads a recording.
import { Hono } from "hono";
import { z } from "zod";
import { getBulletin } from "../../db/queries/bulletins.ts";
import { listBulletinRadioScripts } from "../../db/queries/radio-scripts.ts";
import { listVoiceRenditions } from "../../db/queries/renditions.ts";
import { LanguageSchema } from "../../domain/index.ts";
import { mediaUrl } from "../../delivery/media.ts";
import type { VoiceRenditionContent } from "../../delivery/voice-renditions.ts";
import { uploadVoiceRecording } from "../../bulletins/upload-voice-recording.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";
import { validate } from "../middleware/validate.ts";

const IdParamSchema = z.object({ id: z.uuid({ message: "not a bulletin id" }) });
const RecordingParamSchema = IdParamSchema.extend({ language: LanguageSchema });

export const voiceRoutes = new Hono<AppEnv>()
  .get("/:id/voice", validate("param", IdParamSchema), async (c) => {
    const { db, publicUrl } = c.get("deps");
    const { id } = c.req.valid("param");
    if (!(await getBulletin(db, id))) throw new AppError("not_found", `no bulletin ${id}`);
    const rows = await listVoiceRenditions(db, id);
    const items = rows.map((row) => {
      const content = row.content as VoiceRenditionContent;
      return {
        language: row.language,
        status: content.status,
        estimatedSec: content.estimatedSec,
        ...(content.audio
          ? { durationSec: content.audio.durationSec, audio: mediaUrl(publicUrl, content.audio.wav), ...(content.audio.mp3 ? { audioMp3: mediaUrl(publicUrl, content.audio.mp3) } : {}), source: content.audio.source }
          : {}),
        ...(content.note ? { note: content.note } : {}),
        script: content.script,
        ssml: content.ssml,
      };
    });
    return c.json({ items }, 200);
  })
  .get("/:id/radio", validate("param", IdParamSchema), async (c) => {
    const { db } = c.get("deps");
    const { id } = c.req.valid("param");
    if (!(await getBulletin(db, id))) throw new AppError("not_found", `no bulletin ${id}`);
    const rows = await listBulletinRadioScripts(db, id);
    return c.json({ items: rows.map(({ script, station }) => ({ id: script.id, station, stationId: script.stationId, language: script.language, ...script.content })) }, 200);
  })
  // the recording is the body: audio/wav or audio/mpeg, up to 25 MB (json-body.ts lets it through)
  .put("/:id/voice/:language/recording", validate("param", RecordingParamSchema), async (c) => {
    const { id, language } = c.req.valid("param");
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!/^audio\/(wav|wave|x-wav|vnd\.wave|mpeg|mp3)$/.test(type)) throw new AppError("unsupported_media_type", "send the recording as audio/wav or audio/mpeg");
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await uploadVoiceRecording(c.get("deps"), c.get("actor"), { bulletinId: id, language, bytes, mimeType: type }), 200);
  });
