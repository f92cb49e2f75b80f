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
import { describeRoute, json } from "../describe-route.ts";
import { anObject, itemsOf } from "../response-schemas.ts";
import { validate } from "../middleware/validate.ts";

const IdParamSchema = z.object({ id: z.uuid({ message: "not a bulletin id" }) });
const RecordingParamSchema = IdParamSchema.extend({ language: LanguageSchema });

export const voiceRoutes = new Hono<AppEnv>()
  .get(
    "/:id/voice",
    describeRoute({
      summary:
        "Voice messages per language: SSML, script, estimated and spoken duration, audio links, status (synthesizing, ready, needs_recording, recorded) and why one needs recording",
      tag: "voice",
      responses: { "200": json("One voice message per language", itemsOf("one per language")) },
    }),
    validate("param", IdParamSchema),
    async (c) => {
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
            ? {
                durationSec: content.audio.durationSec,
                audio: mediaUrl(publicUrl, content.audio.wav),
                ...(content.audio.mp3 ? { audioMp3: mediaUrl(publicUrl, content.audio.mp3) } : {}),
                source: content.audio.source,
              }
            : {}),
          ...(content.note ? { note: content.note } : {}),
          script: content.script,
          ssml: content.ssml,
        };
      });
      return c.json({ items }, 200);
    },
  )
  .get(
    "/:id/radio",
    describeRoute({
      summary: "Radio scripts per station and language, with reading times",
      tag: "voice",
      responses: { "200": json("The radio scripts", itemsOf("one per station and language")) },
    }),
    validate("param", IdParamSchema),
    async (c) => {
      const { db } = c.get("deps");
      const { id } = c.req.valid("param");
      if (!(await getBulletin(db, id))) throw new AppError("not_found", `no bulletin ${id}`);
      const rows = await listBulletinRadioScripts(db, id);
      return c.json(
        { items: rows.map(({ script, station }) => ({ id: script.id, station, stationId: script.stationId, language: script.language, ...script.content })) },
        200,
      );
    },
  )
  // the recording is the body: audio/wav or audio/mpeg, up to 25 MB (json-body.ts lets it through)
  .put(
    "/:id/voice/:language/recording",
    describeRoute({
      summary:
        "Upload a voice artist's recording (admin): body audio/wav or audio/mpeg, up to 25 MB; it becomes 8 kHz mono WAV and MP3 and goes to voice partners and radio stations",
      tag: "voice",
      body: { "audio/wav": { schema: { type: "string", format: "binary" } }, "audio/mpeg": { schema: { type: "string", format: "binary" } } },
      responses: { "200": json("The voice message with the recording", anObject) },
      problems: ["400", "401", "403", "404", "409", "413", "415", "422", "503"],
    }),
    validate("param", RecordingParamSchema),
    async (c) => {
      const { id, language } = c.req.valid("param");
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (!/^audio\/(wav|wave|x-wav|vnd\.wave|mpeg|mp3)$/.test(type))
        throw new AppError("unsupported_media_type", "send the recording as audio/wav or audio/mpeg");
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await uploadVoiceRecording(c.get("deps"), c.get("actor"), { bulletinId: id, language, bytes, mimeType: type }), 200);
    },
  );
