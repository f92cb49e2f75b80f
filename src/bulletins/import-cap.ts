// CAP import: a CAP 1.2 alert from a national hub becomes a draft bulletin with a text per <info> language, for
// an editor to check, translate further and submit like any other. Everything is checked before the first write,
// and the writes happen in one transaction: bad input changes nothing.
import type { Actor } from "../access/actor.ts";
import { requireRole } from "../access/actor.ts";
import {
  capLanguageOf,
  parseCap,
  plainTextFromCap,
  type CapProblem,
  type ParsedCapAlert,
  type ParsedCapArea,
  type ParsedCapInfo,
} from "../channels/cap/parse-cap.ts";
import { recordAudit } from "../db/queries/audit.ts";
import { listPlaces, type Place } from "../db/queries/places.ts";
import type { BulletinMode, Category, Channel, Language, Urgency } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { segmentSentences } from "../localize/translation-memory/segment-sentences.ts";
import { dispatchJobs } from "../queue/outbox.ts";
import type { JobQueue, QueuedJob } from "../queue/job-queue.ts";
import { BulletinTextSchema, CreateBulletinSchema, type BulletinTextInput } from "./bulletin-schemas.ts";
import type { CommandDeps } from "./command-deps.ts";
import { createBulletin } from "./create-bulletin.ts";
import { putBulletinText } from "./put-bulletin-text.ts";

export type CapImportOptions = { areas?: string[]; channels?: Channel[] };

/** What an alert says a bulletin is, before its areas are looked up in the gazetteer. */
export type CapDraft = {
  sourceLanguage: Language;
  targetLanguages: Language[];
  texts: Partial<Record<Language, BulletinTextInput>>;
  category: Category;
  urgency: Urgency;
  mode: BulletinMode;
  validFrom: Date;
  validUntil: Date;
  areas: ParsedCapArea[];
};

const modes: Partial<Record<ParsedCapAlert["status"], BulletinMode>> = { Actual: "actual", Exercise: "exercise", Test: "test" };
const capCategories: Record<string, Category> = { Met: "weather", Geo: "disaster", Env: "disaster", Health: "health" };
const defaultValidityMs = 24 * 3_600_000;
const maxSummarySentence = 160;

const urgencyOf = (info: ParsedCapInfo): Urgency =>
  info.urgency === "Immediate" || info.severity === "Extreme" ? "urgent" : info.urgency === "Expected" ? "priority" : "routine";

const categoryOf = (info: ParsedCapInfo): Category => info.categories.map((category) => capCategories[category]).find((category) => category !== undefined) ?? "notice";

/** Headline (else the event), body (the description, then the instruction as its own paragraph) and summary, the
 *  SMS text: the headline, or without one a short first sentence of the description. All as plain text. */
const textOf = (info: ParsedCapInfo, language: Language) => {
  const headline = plainTextFromCap(info.headline ?? info.event ?? "");
  const description = plainTextFromCap(info.description ?? "");
  const instruction = plainTextFromCap(info.instruction ?? "");
  const body = [description, instruction].filter((part) => part !== "").join("\n\n") || headline;
  const first = !info.headline && description ? segmentSentences(language, description)[0] : undefined;
  const summary = first && first.length <= maxSummarySentence ? first : headline;
  return { headline, summary, body };
};

/** The bulletin an alert describes, or every reason it cannot become one (pure: `now` is given). */
export const bulletinFromCap = (alert: ParsedCapAlert, now: Date): { ok: true; draft: CapDraft } | { ok: false; problems: CapProblem[] } => {
  const problems: CapProblem[] = [];
  const mode = modes[alert.status];
  if (!mode) problems.push({ path: "alert.status", message: `a ${alert.status} message is not a bulletin: bantin imports Actual, Exercise and Test alerts` });
  if (alert.msgType === "Cancel") {
    problems.push({ path: "alert.msgType", message: "a Cancel is not imported: withdraw the bulletin instead (POST /api/v1/bulletins/{id}/withdraw)" });
  } else if (alert.msgType !== "Alert" && alert.msgType !== "Update") {
    problems.push({ path: "alert.msgType", message: `an ${alert.msgType} message is not an alert: bantin imports Alert and Update` });
  }
  if (alert.infos.length === 0) problems.push({ path: "alert.info", message: "the alert has no <info>: there is no text to import" });

  const infos = new Map<Language, ParsedCapInfo>();
  alert.infos.forEach((info, index) => {
    const language = capLanguageOf(info.language);
    if (!language) {
      problems.push({ path: `alert.info[${index}].language`, message: `unsupported language "${info.language}": bantin takes vi, lo, en and km` });
    } else if (infos.has(language)) {
      problems.push({ path: `alert.info[${index}].language`, message: `a second <info> in ${language} ("${info.language}"): bantin takes one text per language` });
    } else {
      infos.set(language, info);
    }
  });

  const texts: CapDraft["texts"] = {};
  for (const [language, info] of infos) {
    const parsed = BulletinTextSchema.safeParse(textOf(info, language));
    if (parsed.success) texts[language] = parsed.data;
    else for (const issue of parsed.error.issues) problems.push({ path: `info(${language}).${issue.path.join(".")}`, message: issue.message });
  }

  const sourceLanguage: Language | undefined = infos.has("vi") ? "vi" : [...infos.keys()][0];
  const source = sourceLanguage ? infos.get(sourceLanguage) : undefined;
  let validFrom = now;
  let validUntil = new Date(now.getTime() + defaultValidityMs);
  if (source) {
    // a missing <effective> means <sent> (CAP 1.2, 3.2.2); a warning starts now, however early it was sent
    const effective = source.effective ?? alert.sent;
    validFrom = effective > now ? effective : now;
    validUntil = source.expires ?? new Date(validFrom.getTime() + defaultValidityMs);
    if (source.expires && source.expires <= now) {
      problems.push({ path: `info(${sourceLanguage}).expires`, message: `the alert expired at ${source.expires.toISOString()}: there is nothing left to send` });
    } else if (validUntil <= validFrom) {
      problems.push({ path: `info(${sourceLanguage}).expires`, message: "expires is not after effective" });
    }
  }

  if (problems.length > 0 || !source || !sourceLanguage || !mode) return { ok: false, problems };
  return {
    ok: true,
    draft: {
      sourceLanguage,
      targetLanguages: [sourceLanguage, ...[...infos.keys()].filter((language) => language !== sourceLanguage)],
      texts,
      category: categoryOf(source),
      urgency: urgencyOf(source),
      mode,
      validFrom,
      validUntil,
      areas: [...infos.values()].flatMap((info) => info.areas),
    },
  };
};

// --- areas ---------------------------------------------------------------------------------------------------

/** Lower case, Vietnamese diacritics and đ folded, punctuation as spaces; Lao and Khmer marks are kept. */
export const foldPlaceName = (value: string) =>
  value
    .normalize("NFD")
    .replace(/[\u0300-\u036F]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .trim();

// words around a place's proper name in gazetteer names, compared before folding: "tỉnh" (province) must not
// take the "Tịnh" of Tịnh Biên. Khmer writes them without a space.
const genericWords = [
  "cửa khẩu quốc tế",
  "cửa khẩu",
  "tỉnh",
  "huyện",
  "international border gate",
  "border gate",
  "province",
  "district",
  "ດ່ານສາກົນ",
  "ດ່ານຊາຍແດນ",
  "ច្រកទ្វារអន្តរជាតិ",
  "ច្រកព្រំដែន",
];

const isLatin = (name: string) => /^[a-z0-9 ]+$/.test(name);

const namesOf = (place: Pick<Place, "names">) => {
  const names = new Set<string>();
  for (const name of Object.values(place.names)) {
    const lower = name.normalize("NFC").toLowerCase().trim();
    names.add(foldPlaceName(lower));
    for (const generic of genericWords) {
      const gap = /^[\p{Script=Latin} ]+$/u.test(generic) ? " " : "";
      if (lower.startsWith(`${generic}${gap}`)) names.add(foldPlaceName(lower.slice(generic.length)));
      if (lower.endsWith(`${gap}${generic}`)) names.add(foldPlaceName(lower.slice(0, -generic.length)));
    }
  }
  return [...names].filter((name) => name.length >= 2);
};

type Match = { code: string; start: number; end: number };

/** Where `name` occurs in `text`: as whole words in Latin script; anywhere in scripts written without spaces. */
const occurrences = (text: string, name: string) => {
  const latin = isLatin(name);
  const haystack = latin ? ` ${text} ` : text;
  const needle = latin ? ` ${name} ` : name;
  const found: { start: number; end: number }[] = [];
  for (let index = haystack.indexOf(needle); index >= 0; index = haystack.indexOf(needle, index + 1)) {
    found.push({ start: index, end: index + needle.length });
  }
  return found;
};

/** The gazetteer places an <areaDesc> names, in any language ("Hà Tĩnh", "Ha Tinh province"). The longest
 *  name wins where names overlap ("Lao Bao" is a gate, not Laos); of a place and one inside it named the same
 *  ("Điện Biên"), the larger is kept. */
export const placesNamedIn = (areaDesc: string, places: readonly Pick<Place, "code" | "names" | "parentCode">[]) => {
  const text = foldPlaceName(areaDesc);
  const matches: Match[] = places.flatMap((place) => namesOf(place).flatMap((name) => occurrences(text, name).map((span) => ({ code: place.code, ...span }))));
  const inside = (a: Match, b: Match) => a.start >= b.start && a.end <= b.end && a.end - a.start < b.end - b.start;
  const longest = matches.filter((match) => !matches.some((other) => inside(match, other)));
  const parents = new Map(places.map((place) => [place.code, place.parentCode]));
  const ancestorsOf = (code: string) => {
    const chain: string[] = [];
    for (let parent = parents.get(code); parent && !chain.includes(parent); parent = parents.get(parent)) chain.push(parent);
    return chain;
  };
  const codes = [...new Set(longest.map((match) => match.code))];
  return codes.filter((code) => {
    const span = longest.filter((match) => match.code === code);
    return !ancestorsOf(code).some((ancestor) => longest.some((other) => other.code === ancestor && span.some((own) => own.start === other.start && own.end === other.end)));
  });
};

/** Place codes for an alert's areas: geocodes that are gazetteer codes, else what the areaDesc names. */
export const matchCapAreas = (areas: readonly ParsedCapArea[], places: readonly Pick<Place, "code" | "names" | "parentCode">[]) => {
  const known = new Set(places.map((place) => place.code));
  const codes: string[] = [];
  const unmatched: string[] = [];
  for (const area of areas) {
    const geocoded = area.geocodes.map((geocode) => geocode.value.trim().toUpperCase()).filter((code) => known.has(code));
    const found = geocoded.length > 0 ? geocoded : placesNamedIn(area.areaDesc, places);
    if (found.length === 0) unmatched.push(area.areaDesc);
    codes.push(...found);
  }
  return { codes: [...new Set(codes)], unmatched: [...new Set(unmatched)] };
};

// --- the command ---------------------------------------------------------------------------------------------

const problemsError = (detail: string, problems: CapProblem[]) =>
  new AppError("validation_failed", `${detail}: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join("; ")}`, { errors: problems });

/** An editor imports a CAP 1.2 alert as a new draft: Alert and Update alike (the alert's identifier, sender and
 *  references go to the audit log), one text per <info> language, each a draft for a translator to approve. */
export const importCap = async (deps: CommandDeps, actor: Actor, request: { xml: string } & CapImportOptions) => {
  const { xml, ...options } = request;
  requireRole(actor, "editor");
  const parsed = parseCap(xml);
  if (!parsed.ok) {
    const detail = parsed.problems.map((problem) => problem.message).join("; ");
    if (parsed.reason === "doctype") throw new AppError("xml_doctype_forbidden", detail);
    if (parsed.reason === "malformed") throw new AppError("invalid_xml", `the body is not well-formed XML: ${detail}`);
    throw problemsError("not a usable CAP 1.2 alert", parsed.problems);
  }
  const { alert } = parsed;
  const now = deps.clock();
  const mapped = bulletinFromCap(alert, now);
  if (!mapped.ok) throw problemsError("the alert cannot become a bulletin", mapped.problems);
  const { draft } = mapped;

  const matched = options.areas ? { codes: options.areas, unmatched: [] } : matchCapAreas(draft.areas, await listPlaces(deps.db));
  if (matched.codes.length === 0) {
    const descriptions = [...new Set(draft.areas.map((area) => area.areaDesc))];
    throw new AppError(
      "validation_failed",
      descriptions.length > 0
        ? `no area of the alert is in the gazetteer (${descriptions.map((description) => JSON.stringify(description)).join(", ")}); name the places with ?areas=VN-HT,VN-TN`
        : "the alert has no <area>; name the places with ?areas=VN-HT,VN-TN",
      { errors: [{ path: "areas", message: "no gazetteer place matched" }], areaDescs: descriptions },
    );
  }

  const input = CreateBulletinSchema.safeParse({
    sourceLanguage: draft.sourceLanguage,
    targetLanguages: draft.targetLanguages,
    category: draft.category,
    urgency: draft.urgency,
    mode: draft.mode,
    channels: options.channels ?? ["sms", "display"],
    areas: matched.codes,
    validFrom: draft.validFrom.toISOString(),
    validUntil: draft.validUntil.toISOString(),
    text: draft.texts[draft.sourceLanguage],
  });
  if (!input.success) {
    throw problemsError("the alert cannot become a bulletin", input.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })));
  }

  // one transaction for the bulletin, its texts and the audit entry; the jobs they record are queued after commit
  const recorded: QueuedJob[] = [];
  const afterCommit: JobQueue = { ...deps.queue, add: async (jobs) => void recorded.push(...jobs) };
  const bulletin = await deps.db.transaction(async (tx) => {
    const inner = { ...deps, db: tx, queue: afterCommit };
    const created = await createBulletin(inner, actor, input.data);
    for (const language of draft.targetLanguages) {
      const text = draft.texts[language];
      if (language !== draft.sourceLanguage && text) await putBulletinText(inner, actor, { id: created.id, language, text });
    }
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: created.id,
      action: "import:cap",
      detail: {
        identifier: alert.identifier,
        sender: alert.sender,
        sent: alert.sent.toISOString(),
        msgType: alert.msgType,
        status: alert.status,
        references: alert.references,
        languages: alert.infos.map((info) => info.language),
        ...(matched.unmatched.length > 0 ? { unmatchedAreas: matched.unmatched } : {}),
        ...(options.areas ? { areasGiven: options.areas } : {}),
      },
    });
    return created;
  });
  await dispatchJobs(deps.queue, recorded, (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return bulletin;
};
