// The public audience, /public/v1, without a token: national alert hubs read the Atom feed of bulletins in force
// and each published bulletin's CAP 1.2 document; media (slides) are fetched by their content-addressed names.
import { createHash } from "node:crypto";
import { Hono, type Context } from "hono";
import { getBulletin } from "../../db/queries/bulletins.ts";
import { getAudioByFile } from "../../db/queries/audio.ts";
import { getSlideByFile } from "../../db/queries/slides.ts";
import { capDocument } from "../../delivery/cap-document.ts";
import { capFeed } from "../../delivery/cap-feed.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../app-env.ts";
import { describeRoute, etagHeader, media, notModified } from "../describe-route.ts";

const alertName = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.xml)?$/;
const slideFile = /^[0-9a-f]{32}\.png$/;
const audioFile = /^[0-9a-f]{64}\.(wav|mp3)$/;
// what a hub may fetch: what was published, including what has since ended (a withdrawal is a Cancel)
const publicStatuses = new Set(["published", "expired", "superseded", "withdrawn"]);

/** A document that hubs poll: a strong ETag over its bytes, revalidated on every poll, so a withdrawal shows at once. */
const polled = (c: Context<AppEnv>, body: string, contentType: string) => {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  const headers = { "content-type": contentType, etag, "cache-control": "no-cache" };
  const asked = c.req.header("if-none-match");
  if (asked?.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*")) return c.body(null, 304, headers);
  return c.body(body, 200, headers);
};

export const publicRoutes = new Hono<AppEnv>()
  .get(
    "/alerts.atom",
    describeRoute({
      summary: "Atom 1.0 feed of every bulletin in force, urgent first; each entry links its CAP 1.2 document (no token; ETag, If-None-Match answers 304)",
      tag: "public",
      responses: { "200": media("Atom feed", { "application/atom+xml": { type: "string" } }, etagHeader), "304": notModified },
      problems: ["503"],
    }),
    async (c) => {
      const { db, publicUrl, clock } = c.get("deps");
      return polled(c, await capFeed(db, publicUrl, clock()), "application/atom+xml; charset=utf-8");
    },
  )
  // /alerts/{id}.xml, or /alerts/{id}: a draft, or an id that does not exist, looks the same from outside
  .get(
    "/alerts/:name",
    describeRoute({
      summary:
        "A published (or since expired, superseded or withdrawn) bulletin as CAP 1.2; a withdrawn one is a Cancel. At /public/v1/alerts/{id}.xml or /public/v1/alerts/{id} (no token)",
      tag: "public",
      parameters: { name: { description: "the bulletin's id, with or without .xml" } },
      responses: { "200": media("CAP 1.2", { "application/cap+xml": { type: "string" } }, etagHeader), "304": notModified },
      problems: ["404", "503"],
    }),
    async (c) => {
      const { db, publicUrl } = c.get("deps");
      const id = alertName.exec(c.req.param("name"))?.[1];
      const bulletin = id ? await getBulletin(db, id) : undefined;
      if (!bulletin?.publishedAt || !publicStatuses.has(bulletin.status)) {
        throw new AppError("not_found", `no published alert ${c.req.param("name")}`);
      }
      return polled(c, await capDocument(db, bulletin, publicUrl), "application/cap+xml; charset=utf-8");
    },
  )
  .get(
    "/media/:file",
    describeRoute({
      summary:
        "A slide (PNG) or voice audio (8 kHz mono WAV, MP3) named in a CAP document, a partner's voice message or a radio script; content-addressed, Cache-Control: immutable (no token)",
      tag: "public",
      responses: {
        "200": media(
          "The file",
          {
            "image/png": { type: "string", format: "binary" },
            "audio/wav": { type: "string", format: "binary" },
            "audio/mpeg": { type: "string", format: "binary" },
          },
          etagHeader,
        ),
        "304": notModified,
      },
      problems: ["404", "503"],
    }),
    async (c) => {
      const file = c.req.param("file");
      const immutable = { "cache-control": "public, max-age=31536000, immutable", etag: `"${file.replace(/\.\w+$/, "")}"` };
      if (audioFile.test(file)) {
        // voice messages and radio audio: telephony and station systems fetch these links without a token
        const row = await getAudioByFile(c.get("deps").db, file);
        if (!row) throw new AppError("not_found", `no media ${file}`);
        if (c.req.header("if-none-match") === immutable.etag) return c.body(null, 304, immutable);
        return c.body(new Uint8Array(row.bytes), 200, { "content-type": row.mimeType, "content-length": String(row.bytes.byteLength), ...immutable });
      }
      const slide = slideFile.test(file) ? await getSlideByFile(c.get("deps").db, file) : undefined;
      if (!slide) throw new AppError("not_found", `no media ${file}`);
      return c.body(new Uint8Array(slide.png), 200, {
        "content-type": "image/png",
        "cache-control": "public, max-age=31536000, immutable",
        etag: `"${file.slice(0, -4)}"`,
      });
    },
  );
