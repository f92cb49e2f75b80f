// The screen feed's answer, serialized once per (screen, ETag) and compressed once per encoding a screen asks for
// (gzip, br), then served as those bytes until the feed's ETag moves. The ETag already covers everything in the body
// but `generatedAt` (the screen's id, gate, languages and size, and every item), so a body kept for a tag is the
// body that tag stands for; `generatedAt` says when it was made. A new tag for the screen replaces its entry: a feed
// change (NOTIFY, expiry, withdrawal) is forgotten here the moment the route computes the new tag. Bounded: past
// `maxEntries` entries or `maxBytes` bytes, the least recently served screens go first.
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

export type FeedEncoding = "br" | "gzip" | "identity";

/** Bodies smaller than this go uncompressed (as hono's compress middleware does): the header costs more than it saves. */
export const compressFrom = 1_024;

const compressors: Record<Exclude<FeedEncoding, "identity">, (bytes: Buffer) => Promise<Buffer>> = {
  gzip: (bytes) => promisify(gzip)(bytes, { level: 6 }),
  br: (bytes) =>
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 6,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }),
};

/** bytes in an ArrayBuffer of their own, as a Response body takes them without a copy */
type Bytes = Uint8Array<ArrayBuffer>;
const own = (buffer: Buffer): Bytes => new Uint8Array(buffer);

type Entry = { etag: string; identity: Bytes; encoded: Partial<Record<FeedEncoding, Promise<Bytes>>>; bytes: number };

export type FeedBody = { bytes: Bytes; encoding: FeedEncoding };

export type FeedBodies = {
  /** The body of `key`'s feed at `etag` in the encoding asked for (identity when the body is too small to be worth
   *  compressing); `serialize` is called only when nothing is kept for that tag. */
  body: (key: string, etag: string, encoding: FeedEncoding, serialize: () => string) => Promise<FeedBody>;
  /** what is kept: entries and bytes (identity and compressed) */
  size: () => { entries: number; bytes: number };
  clear: () => void;
};

export const createFeedBodies = (options: { maxEntries?: number; maxBytes?: number } = {}): FeedBodies => {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxBytes = options.maxBytes ?? 64 * 1_048_576;
  // a Map iterates in insertion order: re-inserting on use keeps the least recently served first
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const forget = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const trim = () => {
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) return;
      forget(key);
    }
  };

  return {
    body: async (key, etag, encoding, serialize) => {
      let entry = entries.get(key);
      if (entry?.etag === etag) {
        entries.delete(key);
        entries.set(key, entry);
      } else {
        forget(key);
        const identity = own(Buffer.from(serialize()));
        entry = { etag, identity, encoded: {}, bytes: identity.byteLength };
        entries.set(key, entry);
        bytes += entry.bytes;
        trim();
      }
      if (encoding === "identity" || entry.identity.byteLength < compressFrom) return { bytes: entry.identity, encoding: "identity" };
      let encoded = entry.encoded[encoding];
      if (!encoded) {
        // kept as a promise: requests arriving while it is compressed wait for the same bytes
        const kept = entry;
        encoded = entry.encoded[encoding] = compressors[encoding](Buffer.from(entry.identity.buffer)).then((buffer) => {
          const compressed = own(buffer);
          // counted only while the entry is still the one kept for this key
          if (entries.get(key) === kept) {
            kept.bytes += compressed.byteLength;
            bytes += compressed.byteLength;
            trim();
          }
          return compressed;
        });
      }
      return { bytes: await encoded, encoding };
    },
    size: () => ({ entries: entries.size, bytes }),
    clear: () => {
      entries.clear();
      bytes = 0;
    },
  };
};

/** The encoding to answer in for an Accept-Encoding header: br, else gzip, where the client takes it (q > 0). */
export const chooseEncoding = (header: string | undefined): FeedEncoding => {
  if (!header) return "identity";
  // screens send the same header on every poll
  const known = chosen.get(header);
  if (known) return known;
  const encoding = parseAcceptEncoding(header);
  if (chosen.size >= 256) chosen.clear();
  chosen.set(header, encoding);
  return encoding;
};
const chosen = new Map<string, FeedEncoding>();

const parseAcceptEncoding = (header: string): FeedEncoding => {
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name === "x-gzip" ? "gzip" : name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name: string) => weights.get(name) ?? weights.get("*") ?? 0;
  const br = weight("br");
  const gz = weight("gzip");
  if (br > 0 && br >= gz) return "br";
  return gz > 0 ? "gzip" : "identity";
};
