// The compose screen's live preview: what a bulletin being written would become, per target language, without
// creating or writing anything. The text each language would have (the source, a template's rendering, or a draft
// from the translation memory or machine translation, marked as a draft), every partner's SMS as it would be sent,
// the slide for every screen at the bulletin's gates (drawn on a separate request, so the SMS answer stays quick),
// the radio script with its reading time and the voice message's duration; and the field errors of the same schema
// POST /api/v1/bulletins applies. Reference data (places, partners, screens, stations) is read at most every few
// seconds per process; drafts and drawn slides are kept in bounded memory by content.
import { createHash } from "node:crypto";
import { requireRole, type Actor } from "../access/actor.ts";
import { CreateBulletinSchema } from "./bulletin-schemas.ts";
import { renderSlide, slideKey, SlideTooLongError, type RenderedSlide, type SlideInput, type SlideProfile } from "../channels/display/index.ts";
import { buildRadioScript } from "../channels/radio/index.ts";
import { encodeSms, normalizeSmsText, smsLimits, unitsOf } from "../channels/sms/index.ts";
import { estimateVoiceSeconds, voiceParts } from "../channels/voice/index.ts";
import type { Db } from "../db/client.ts";
import { areasOverlap, listPlaces, type Place } from "../db/queries/places.ts";
import { listActivePartners, type Partner } from "../db/queries/partners.ts";
import { listActiveScreens, type Screen } from "../db/queries/screens.ts";
import { listActiveStations, type Station } from "../db/queries/stations.ts";
import {
  bulletinModes,
  channels as allChannels,
  languages as allLanguages,
  urgencies,
  type BulletinMode,
  type Channel,
  type Language,
  type Urgency,
} from "../domain/index.ts";
import { ChannelSchema, LanguageSchema, PlaceCodeSchema } from "../domain/field-schemas.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { draftFor } from "../localize/draft-translations.ts";
import type { MachineTranslator } from "../localize/machine-translation.ts";
import { areasOf, languagesOf, placesOf, renderTemplate, TemplateInputSchema, type TemplateInput } from "../localize/templates/index.ts";
import { slideInput } from "../delivery/display-renditions.ts";
import { radioStrings, stationNameIn, voiceStrings } from "../delivery/spoken-strings.ts";

export type PreviewDeps = { db: Db; clock: () => Date; logger: Logger; machineTranslator?: MachineTranslator };

type TextFields = { headline: string; summary: string; body: string };

export type SmsPreview = {
  partner: string;
  sender: string;
  fits: boolean;
  /** the text exactly as sent (normalised, diacritics stripped where the partner asks) */
  text: string;
  encoding: "gsm7" | "ucs2" | null;
  /** the parts as sent; empty when it does not fit */
  parts: string[];
  partCount: number;
  maxParts: number;
  /** septets (GSM-7) or UTF-16 units (UCS-2) of the whole text */
  units: number;
  /** room left in the last part before another part is needed (0 when it does not fit) */
  charactersLeft: number;
  /** the partner asked for Vietnamese without diacritics, and some were taken off */
  diacriticsStripped: boolean;
  problem?: { code: string; detail: string };
};

export type SlidePreview = {
  screen: { id: string; name: string; gateCode: string; width: number; height: number };
  /** GET it: /api/v1/bulletins/preview/slides/{file} (drawn on request, kept in memory) */
  file: string;
  durationSec: number;
};

export type RadioPreview = { station: string; script: string; readingSec: number };

export type LanguagePreview = {
  language: Language;
  /** the text this language would have; null while it waits for a translator */
  text: TextFields | null;
  origin: "source" | "template" | "memory" | "machine" | null;
  /** memory and machine proposals are drafts until a translator approves them */
  draft: boolean;
  /** which machine translator proposed it (the demo phrasebook names itself) */
  provider?: string;
  segments?: { memory: number; machine: number; untranslated: number };
  waiting?: { code: string; detail: string };
  sms: SmsPreview[];
  slides: SlidePreview[];
  radio: RadioPreview[];
  voice?: { estimatedSec: number };
};

export type BulletinPreview = {
  valid: boolean;
  /** field path ("text.summary", "areas.1", "template.fields.gate") -> messages */
  errors: Record<string, string[]>;
  sourceLanguage: Language;
  areas: string[];
  channels: Channel[];
  targetLanguages: Language[];
  /** what the areas call for: their display languages (the default the API applies) and the channels that reach them */
  suggested: { targetLanguages: Language[]; channels: Channel[] };
  languages: LanguagePreview[];
};

// ---- bounded memory ----------------------------------------------------------------------------------------------

/** A map that forgets its oldest entries past `max` entries, and entries older than `ttlMs`. */
const boundedCache = <V>(max: number, ttlMs: number) => {
  const entries = new Map<string, { at: number; value: V }>();
  return {
    get: (key: string, now: number) => {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now - entry.at > ttlMs) {
        entries.delete(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set: (key: string, value: V, now: number) => {
      entries.delete(key);
      entries.set(key, { at: now, value });
      while (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    clear: () => entries.clear(),
  };
};

type Reference = { places: Map<string, Place>; partners: Partner[]; screens: Screen[]; stations: Station[] };

/** How long a process reuses the places, partners, screens and stations it read for previews. */
export const referenceTtlMs = 2_000;
const references = new WeakMap<Db, { at: number; value: Promise<Reference> }>();

const referenceData = (db: Db, now: number) => {
  const cached = references.get(db);
  if (cached && now - cached.at <= referenceTtlMs) return cached.value;
  const value = Promise.all([listPlaces(db), listActivePartners(db), listActiveScreens(db), listActiveStations(db)]).then(
    ([places, partners, screens, stations]) => ({
      places: new Map(places.map((place) => [place.code, place])),
      partners,
      screens,
      stations,
    }),
  );
  references.set(db, { at: now, value });
  value.catch(() => references.delete(db));
  return value;
};

/** The gazetteer by code, as previews see it (read at most every `referenceTtlMs` per process): for the compose
 *  screen's area picker and form, which ask on every keystroke. */
export const previewPlaces = async (db: Db, now: number): Promise<ReadonlyMap<string, Place>> => (await referenceData(db, now)).places;

const drafts = boundedCache<Awaited<ReturnType<typeof draftFor>>>(500, 30_000);
const smsPreviews = boundedCache<SmsPreview>(1_000, 30_000);

/** Machine translations by sentence: while the editor types, one sentence changes and the others are not asked
 *  again (of the provider, or of the demo translator's memory lookups). Only answers are kept, never failures. */
const machineSentences = boundedCache<string>(2_000, 30_000);
/** The translator as a preview asks it at `now` (the app's clock): sentences it answered in the last 30 s are not
 *  asked again. */
const remembering = (translator: MachineTranslator, now: number): MachineTranslator => ({
  name: translator.name,
  translate: async (request, signal) => {
    const key = JSON.stringify([translator.name, request.source, request.target, request.text]);
    const known = machineSentences.get(key, now);
    if (known !== undefined) return known;
    const text = await translator.translate(request, signal);
    machineSentences.set(key, text, now);
    return text;
  },
});

/** Slides a preview named, by file: the input to draw, then the drawing. Bounded by count. */
const slideInputs = boundedCache<{ input: SlideInput; profile: SlideProfile }>(2_000, 30 * 60_000);
const drawnSlides = boundedCache<RenderedSlide>(200, 30 * 60_000);

/** Forget everything remembered (tests that change partners or the memory between previews). */
export const forgetPreviewCaches = () => {
  drafts.clear();
  smsPreviews.clear();
  machineSentences.clear();
  slideInputs.clear();
  drawnSlides.clear();
};

/** The PNG of a slide a preview named; undefined when this process never named it (or forgot it). */
export const previewSlide = async (file: string, now = Date.now()) => {
  const key = file.replace(/\.png$/u, "");
  const drawn = drawnSlides.get(key, now);
  if (drawn) return drawn;
  const wanted = slideInputs.get(key, now);
  if (!wanted) return undefined;
  let slide: RenderedSlide;
  try {
    slide = await renderSlide(wanted.input, wanted.profile);
  } catch (error) {
    if (error instanceof SlideTooLongError) throw new AppError("slide_too_long", error.message);
    throw error;
  }
  drawnSlides.set(key, slide, now);
  return slide;
};

// ---- reading the input leniently ------------------------------------------------------------------------------

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const validList = <T>(value: unknown, check: (item: unknown) => T | undefined): T[] =>
  Array.isArray(value) ? [...new Set(value.map(check).filter((item): item is T => item !== undefined))] : [];
const parsed =
  <T>(schema: { safeParse: (value: unknown) => { success: boolean; data?: T } }) =>
  (value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  };
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** A problem the preview finds: a zod issue (its code and parameters), or one of its own ("unknown_place"). */
export type PreviewIssue = { path: readonly PropertyKey[]; message: string; code?: string; params?: Record<string, unknown> };
/** Words a problem in a reader's language (the console); without it the English message stands (the API). */
export type DescribeIssue = (issue: PreviewIssue) => string;

const fieldErrors = (issues: readonly PreviewIssue[], describe: DescribeIssue) => {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "body";
    (errors[key] ??= []).push(describe(issue));
  }
  return errors;
};

const unknownPlace = (path: string, code: string): PreviewIssue => ({
  code: "custom",
  path: path.split("."),
  message: `unknown place ${code}`,
  params: { rule: "unknown_place", code },
});

// ---- the preview ----------------------------------------------------------------------------------------------

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url");

const smsPreview = (partner: Partner, summary: string): SmsPreview => {
  const policy = partner.smsPolicy;
  const result = encodeSms(summary, policy);
  const stripped = policy.stripDiacritics && normalizeSmsText(summary, { stripDiacritics: false }) !== normalizeSmsText(summary, { stripDiacritics: true });
  const base = { partner: partner.name, sender: policy.sender, maxParts: policy.maxParts, diacriticsStripped: stripped };
  if (!result.ok) {
    return {
      ...base,
      fits: false,
      text: normalizeSmsText(summary, { stripDiacritics: policy.stripDiacritics }),
      encoding: result.error.encoding ?? null,
      parts: [],
      partCount: result.error.partCount,
      units: result.error.units,
      charactersLeft: 0,
      problem: { code: result.error.code, detail: result.error.detail },
    };
  }
  const { sms } = result;
  const limit = smsLimits[sms.encoding];
  const last = sms.parts[sms.parts.length - 1]!;
  const charactersLeft = sms.partCount === 1 ? limit.single - sms.units : limit.part - unitsOf(last, sms.encoding);
  return { ...base, fits: true, text: sms.text, encoding: sms.encoding, parts: sms.parts, partCount: sms.partCount, units: sms.units, charactersLeft };
};

/** The preview of a compose form's input (the body POST /api/v1/bulletins takes, complete or not). */
export const previewBulletin = async (deps: PreviewDeps, actor: Actor, body: unknown, options: { describe?: DescribeIssue } = {}): Promise<BulletinPreview> => {
  const describe = options.describe ?? ((issue: PreviewIssue) => issue.message);
  requireRole(actor, "editor");
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new AppError("validation_failed", "body: a JSON object, as for POST /api/v1/bulletins");
  const now = deps.clock();
  const check = CreateBulletinSchema.safeParse(body);
  const errors = check.success ? {} : fieldErrors(check.error.issues, describe);
  const input = record(body);
  const reference = await referenceData(deps.db, now.getTime());
  const { places } = reference;

  const sourceLanguage = parsed<Language>(LanguageSchema)(input.sourceLanguage) ?? "vi";
  const template = input.template === undefined ? undefined : parsed<TemplateInput>(TemplateInputSchema)(input.template);
  const given = record(input.text);
  const source: TextFields = { headline: text(given.headline), summary: text(given.summary), body: text(given.body) };
  const urgency =
    parsed<Urgency>({ safeParse: (value: unknown) => ({ success: urgencies.includes(value as Urgency), data: value as Urgency }) })(input.urgency) ?? "routine";
  const mode =
    parsed<BulletinMode>({ safeParse: (value: unknown) => ({ success: bulletinModes.includes(value as BulletinMode), data: value as BulletinMode }) })(
      input.mode,
    ) ?? "actual";
  const validUntilGiven = typeof input.validUntil === "string" ? new Date(input.validUntil) : undefined;
  const validUntil = validUntilGiven && !Number.isNaN(validUntilGiven.getTime()) ? validUntilGiven : new Date(now.getTime() + 24 * 3_600_000);

  // areas: those given that the gazetteer knows, else the template's places
  let areas = validList(input.areas, parsed<string>(PlaceCodeSchema));
  if (!Array.isArray(input.areas) && template) areas = areasOf(template);
  const unknown = areas.filter((code) => !places.has(code));
  unknown.forEach((code) => (errors.areas ??= []).push(describe(unknownPlace("areas", code))));
  areas = areas.filter((code) => places.has(code));
  if (template) {
    for (const { path, code } of placesOf(template))
      if (!places.has(code)) (errors[`template.fields.${path}`] ??= []).push(describe(unknownPlace(`template.fields.${path}`, code)));
  }

  const chosenChannels = validList(input.channels, parsed<Channel>(ChannelSchema));
  const byCode = places;
  const partners = reference.partners.filter((partner) => areasOverlap(byCode, partner.areas, areas));
  const screens = reference.screens.filter((screen) => areasOverlap(byCode, [screen.gateCode], areas));
  const stations = reference.stations.filter((station) => areasOverlap(byCode, [station.areaCode], areas));
  const suggestedLanguages = [...new Set([sourceLanguage, ...languagesOf(areas, places)])];
  const suggestedChannels = allChannels.filter((channel) =>
    channel === "sms"
      ? partners.some((partner) => partner.kinds.includes("sms"))
      : channel === "voice"
        ? partners.some((partner) => partner.kinds.includes("voice"))
        : channel === "radio"
          ? stations.length > 0
          : channel === "display"
            ? screens.length > 0
            : false,
  );
  const givenLanguages = validList(input.targetLanguages, parsed<Language>(LanguageSchema));
  const targetLanguages = Array.isArray(input.targetLanguages) ? [...new Set([sourceLanguage, ...givenLanguages])] : suggestedLanguages;
  const ordered = allLanguages
    .filter((language) => targetLanguages.includes(language))
    .sort((a, b) => (a === sourceLanguage ? -1 : b === sourceLanguage ? 1 : 0));

  // the text of each language
  const hasSource = Boolean(source.headline.trim() || source.summary.trim() || source.body.trim());
  const texts = await Promise.all(
    ordered.map(async (language): Promise<Omit<LanguagePreview, "sms" | "slides" | "radio">> => {
      if (template && (template.name !== "public-notice" || language === sourceLanguage)) {
        return { language, text: renderTemplate(template, language, { places }), origin: "template", draft: false };
      }
      if (!template && language === sourceLanguage) return { language, text: source, origin: "source", draft: false };
      if (!template && !hasSource)
        return { language, text: null, origin: null, draft: false, waiting: { code: "no_source_text", detail: `nothing written in ${sourceLanguage} yet` } };
      const frame = { sourceLanguage, template: template?.name ?? null, templateFields: template?.fields ?? null };
      const key = hash([frame, source, language, deps.machineTranslator?.name ?? ""]);
      let draft = drafts.get(key, now.getTime());
      if (!draft) {
        draft = await draftFor(
          { ...deps, ...(deps.machineTranslator ? { machineTranslator: remembering(deps.machineTranslator, now.getTime()) } : {}) },
          frame,
          source,
          language,
          now,
        );
        drafts.set(key, draft, now.getTime());
      }
      const segments = draft.detail.segments;
      return {
        language,
        text: draft.text ?? null,
        origin: draft.text ? draft.origin : null,
        draft: Boolean(draft.text),
        ...(draft.detail.provider ? { provider: draft.detail.provider } : {}),
        ...(segments ? { segments: { memory: segments.memory ?? 0, machine: segments.machine ?? 0, untranslated: segments.untranslated ?? 0 } } : {}),
        ...(draft.note ? { waiting: { code: draft.note.code, detail: draft.note.detail } } : {}),
      };
    }),
  );

  const frame = { areas, urgency, mode, validUntil };
  const languages = texts.map((entry): LanguagePreview => {
    const preview: LanguagePreview = { ...entry, sms: [], slides: [], radio: [] };
    const written = entry.text;
    if (!written) return preview;
    const language = entry.language;
    if (chosenChannels.includes("sms")) {
      preview.sms = partners
        .filter((partner) => partner.kinds.includes("sms") && partner.languages.includes(language))
        .map((partner) => {
          // the SMS depends on the summary and the partner's policy alone: typing in the headline or the body,
          // choosing areas or channels shows the one already worked out
          const key = JSON.stringify([partner.name, partner.smsPolicy, written.summary]);
          let sms = smsPreviews.get(key, now.getTime());
          if (!sms) smsPreviews.set(key, (sms = smsPreview(partner, written.summary)), now.getTime());
          return sms;
        });
    }
    // a slide needs a headline and a body to draw
    if (chosenChannels.includes("display") && written.headline.trim() && written.body.trim()) {
      for (const screen of screens) {
        if (!screen.languages.includes(language)) continue;
        const gate = places.get(screen.gateCode);
        const unbreakable = [...new Set([screen.gateCode, ...areas].flatMap((code) => places.get(code)?.names[language] ?? []))].sort();
        const input: SlideInput = {
          ...slideInput(frame, { language, headline: written.headline, body: written.body }, gate?.names[language] ?? screen.gateCode),
          unbreakable,
        };
        const profile = { width: screen.width, height: screen.height };
        const key = slideKey(input, profile);
        slideInputs.set(key, { input, profile }, now.getTime());
        preview.slides.push({
          screen: { id: screen.id, name: screen.name, gateCode: screen.gateCode, width: screen.width, height: screen.height },
          file: `${key}.png`,
          durationSec: Math.min(30, Math.max(8, Math.round((written.headline.length + written.body.length) / 15))),
        });
      }
    }
    if (chosenChannels.includes("radio")) {
      for (const station of stations) {
        if (!station.languages.includes(language)) continue;
        const script = buildRadioScript({
          language,
          headline: written.headline,
          body: written.body,
          urgency,
          mode,
          strings: radioStrings(frame, places, { language, stationName: stationNameIn(station, language) }),
        });
        preview.radio.push({ station: station.name, script: script.script, readingSec: script.readingSec });
      }
    }
    if (chosenChannels.includes("voice") || chosenChannels.includes("radio")) {
      const parts = voiceParts({
        language,
        headline: written.headline,
        summary: written.summary,
        body: written.body,
        urgency,
        mode,
        strings: voiceStrings(frame, places, language),
      });
      preview.voice = { estimatedSec: estimateVoiceSeconds(language, parts) };
    }
    return preview;
  });

  return {
    valid: Object.keys(errors).length === 0,
    errors,
    sourceLanguage,
    areas,
    channels: chosenChannels,
    targetLanguages: ordered,
    suggested: { targetLanguages: suggestedLanguages, channels: suggestedChannels },
    languages,
  };
};
