// The main JSON answers of the contracts as zod schemas, for the OpenAPI document: a bulletin, a page of the
// bulletin list, who is signed in, tokens, a partner's batch, a screen's feed. test/integration/http/openapi-routes.test.ts
// parses real answers with them, so they say what the routes answer, not what someone remembers.
import { z } from "zod";
import { bulletinModes, bulletinStatuses, categories, channels, languages, roles, textOrigins, textStates, tokenKinds, urgencies } from "../domain/index.ts";

const instant = z.iso.datetime({ offset: true });
const language = z.enum(languages);
const note = z.object({ code: z.string(), detail: z.string(), at: z.string() });

/** A bulletin as stored: one version of a series. */
export const BulletinSchema = z.object({
  id: z.uuid(),
  seriesId: z.uuid().describe("stable across versions: a correction keeps the series and bumps the version"),
  version: z.number().int().min(1),
  organisationId: z.uuid().nullable(),
  status: z.enum(bulletinStatuses),
  category: z.enum(categories),
  sourceLanguage: language,
  targetLanguages: z.array(language),
  channels: z.array(z.enum(channels)),
  areas: z.array(z.string()).describe("gazetteer place codes"),
  urgency: z.enum(urgencies),
  mode: z.enum(bulletinModes),
  validFrom: instant,
  validUntil: instant,
  supersedesId: z.uuid().nullable().describe("the version this correction replaces"),
  template: z.string().nullable(),
  templateFields: z.record(z.string(), z.unknown()).nullable(),
  droppedLanguages: z.array(z.object({ language, reason: z.string(), by: z.string(), at: z.string() })),
  waitingNotes: z.record(z.string(), note).describe("per language: why it still waits (e.g. machine translation timed out)"),
  notes: z.array(note).describe("what an editor should know, e.g. what a CAP import left out"),
  createdBy: z.uuid(),
  contributors: z.array(z.uuid()).describe("everyone who wrote or edited it or one of its texts (the four-eyes rule)"),
  approvedBy: z.uuid().nullable(),
  rejectionReason: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  submittedAt: instant.nullable(),
  approvedAt: instant.nullable(),
  publishedAt: instant.nullable(),
  withdrawnAt: instant.nullable(),
});

export const TextViewSchema = z.object({
  bulletinId: z.uuid(),
  language,
  headline: z.string(),
  summary: z.string(),
  body: z.string(),
  state: z.enum(textStates),
  origin: z.enum(textOrigins),
  originDetail: z
    .object({
      segments: z.object({ memory: z.number(), machine: z.number(), untranslated: z.number() }).optional(),
      provider: z.string().optional(),
      proposals: z.array(z.object({ source: z.string(), target: z.string(), score: z.number() })).optional(),
      sourceVersion: z.string().optional(),
    })
    .nullable()
    .describe("how an automatic draft was made"),
  updatedBy: z.uuid().nullable(),
  approvedBy: z.uuid().nullable(),
  updatedAt: instant,
  approvedAt: instant.nullable(),
});

/** A bulletin with its texts, each target language's state and the languages still waiting. */
export const BulletinViewSchema = BulletinSchema.extend({
  texts: z.array(TextViewSchema),
  languages: z.array(
    z.object({
      language,
      state: z.enum([...textStates, "missing", "dropped"]),
      origin: z.enum(textOrigins).nullable(),
      waitingReason: z.string().optional(),
      waitingDetail: z.string().optional(),
      reason: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
  waitingLanguages: z.array(language).describe("target languages without an approved text yet"),
});

export const BulletinListPageSchema = z.object({
  items: z.array(BulletinSchema),
  next: z.string().nullable().describe("pass it back as `cursor` for the following page; null on the last"),
});

export const ActorSchema = z.object({ id: z.uuid(), username: z.string(), roles: z.array(z.enum(roles)) });
export const UserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  disabled: z.boolean(),
  createdAt: instant,
});
export const SessionSchema = z.object({
  token: z.string().describe("send it as Authorization: Bearer <token>"),
  expiresAt: instant.nullable(),
  user: UserSchema,
});

const tokenFields = { id: z.uuid(), kind: z.enum(tokenKinds), subjectId: z.uuid(), createdAt: instant, expiresAt: instant.nullable() };
export const TokenListSchema = z.object({ items: z.array(z.object({ ...tokenFields, label: z.string(), revokedAt: instant.nullable() })) });
export const IssuedTokenSchema = z.object({ ...tokenFields, token: z.string().describe("the token itself, shown this once: only its SHA-256 is kept") });

const PartnerMessageSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["sms", "voice"]),
  bulletinId: z.uuid(),
  version: z.number().int(),
  urgency: z.enum(urgencies),
  test: z.boolean().describe("a test or exercise bulletin: not for the public"),
  mode: z.enum(bulletinModes),
  language,
  areas: z.array(z.string()),
  text: z.string(),
  encoding: z.enum(["gsm7", "ucs2"]).nullable().describe("SMS only"),
  parts: z.number().int(),
  sender: z.string(),
  validUntil: instant,
  audio: z.url().optional().describe("voice: 8 kHz mono WAV"),
  audioMp3: z.url().optional().describe("voice: the same speech as MP3"),
  durationSec: z.number().optional(),
});

export const PartnerBatchSchema = z.object({
  id: z.uuid(),
  claimedAt: instant,
  leaseExpiresAt: instant,
  messages: z.array(PartnerMessageSchema),
  cancelled: z.array(z.uuid()).describe("earlier-claimed messages that must not be sent"),
  cancellations: z.array(
    z.object({
      messageId: z.uuid(),
      reason: z.string().describe("withdrawn, superseded, outside_validity"),
      detail: z.string().optional().describe("the editor's reason for a withdrawal"),
    }),
  ),
});
export const BatchClaimSchema = z.object({ batch: PartnerBatchSchema.nullable().describe("null when nothing waits") });

export const ScreenFeedSchema = z.object({
  screen: z.object({ id: z.uuid(), gate: z.string(), languages: z.array(language), width: z.number().int(), height: z.number().int() }),
  generatedAt: instant,
  items: z.array(
    z.object({
      id: z.uuid(),
      bulletinId: z.uuid(),
      version: z.number().int(),
      urgency: z.enum(urgencies),
      language,
      headline: z.string(),
      body: z.string(),
      slide: z.string().describe("the slide's path under /screen/v1/slides/ (PNG)"),
      durationSec: z.number(),
      validFrom: instant,
      expiresAt: instant,
      test: z.boolean(),
      mode: z.enum(bulletinModes),
    }),
  ),
});

/** A list answer whose items are not described further here. */
export const itemsOf = (description: string) => ({
  type: "object",
  required: ["items"],
  properties: { items: { type: "array", description, items: { type: "object" } } },
});
/** A JSON object answer not described further here. */
export const anObject = { type: "object" };

const ProposalSchema = z.object({
  origin: z.enum(["memory", "machine"]),
  kind: z.enum(["exact", "fuzzy", "machine"]),
  text: z.string(),
  score: z.number().nullable().describe("1 for an exact memory match, the similarity for a similar one, null for the machine"),
  source: z.string().optional().describe("memory: the source sentence the memory holds"),
  provider: z.string().optional().describe("machine: the provider's name, e.g. libretranslate"),
});

export const SuggestionsSchema = z.object({
  sourceLanguage: z.enum(languages),
  language: z.enum(languages),
  threshold: z.number(),
  machine: z
    .object({ status: z.enum(["off", "ok", "failed"]), provider: z.string().optional(), code: z.string().optional(), detail: z.string().optional() })
    .describe(
      "off: no provider configured; ok; failed: the provider did not answer (code mt_timeout, mt_unavailable, mt_refused, mt_bad_response), the memory's proposals are still given",
    ),
  segments: z.array(
    z.object({
      field: z.enum(["headline", "summary", "body"]),
      line: z.number().int().describe("the line of the field the sentence is on"),
      source: z.string(),
      exact: z.string().optional().describe("the memory's exact match, when there is one"),
      fuzzy: z.array(z.object({ source: z.string(), target: z.string(), score: z.number() })),
      proposals: z.array(ProposalSchema).describe("every proposal, best first: exact memory, machine, similar memory"),
    }),
  ),
});
