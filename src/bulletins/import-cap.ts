// CAP import: a CAP 1.2 alert from a national hub becomes a draft bulletin with a text per <info> language bantin
// serves, for an editor to check, translate further and submit like any other. An Update of an alert bantin
// published (its own CAP identifier, or the hub's alert it was imported from) becomes a draft correction of that
// bulletin, which supersedes it when approved. Everything is checked before the first write, and the writes happen
// in one transaction: bad input changes nothing.
import type { Actor } from "../access/actor.ts";
import { requireRole } from "../access/actor.ts";
import {
  capLanguageOf,
  parseCap,
  plainTextFromCap,
  type CapProblem,
  type CapReference,
  type ParsedCapAlert,
  type ParsedCapArea,
  type ParsedCapInfo,
} from "../channels/cap/parse-cap.ts";
import type { Db } from "../db/client.ts";
import { listCapImports, recordAudit } from "../db/queries/audit.ts";
import { getBulletin, getBulletinTexts, listSeriesVersions, updateBulletinRow, type Bulletin } from "../db/queries/bulletins.ts";
import { listPlaces, type Place } from "../db/queries/places.ts";
import {
  editableStatuses,
  languages,
  transitions,
  type BulletinMode,
  type BulletinNote,
  type Category,
  type Channel,
  type Language,
  type Urgency,
} from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { placeCodeOfIso } from "../localize/gazetteer/iso-3166-2.ts";
import { segmentSentences } from "../localize/translation-memory/segment-sentences.ts";
import { dispatchJobs } from "../queue/outbox.ts";
import type { JobQueue, QueuedJob } from "../queue/job-queue.ts";
import { BulletinTextSchema, CreateBulletinSchema, UpdateBulletinSchema, type BulletinTextInput } from "./bulletin-schemas.ts";
import type { CommandDeps } from "./command-deps.ts";
import { correctBulletin } from "./correct-bulletin.ts";
import { createBulletin } from "./create-bulletin.ts";
import { putBulletinText } from "./put-bulletin-text.ts";
import { updateBulletin } from "./update-bulletin.ts";

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
  /** <info> languages bantin does not serve, as the alert wrote them ("fr-CA"): left out */
  skippedLanguages: string[];
};

const modes: Partial<Record<ParsedCapAlert["status"], BulletinMode>> = { Actual: "actual", Exercise: "exercise", Test: "test" };
const capCategories: Record<string, Category> = { Met: "weather", Geo: "disaster", Env: "disaster", Health: "health" };
const defaultValidityMs = 24 * 3_600_000;
const maxSummarySentence = 160;

const urgencyOf = (info: ParsedCapInfo): Urgency =>
  info.urgency === "Immediate" || info.severity === "Extreme" ? "urgent" : info.urgency === "Expected" ? "priority" : "routine";

const categoryOf = (info: ParsedCapInfo): Category =>
  info.categories.map((category) => capCategories[category]).find((category) => category !== undefined) ?? "notice";

/** Headline (else the event), body (the description, then the instruction as its own paragraph) and summary, the
 *  SMS text: the headline, or without one a short first sentence of the description. All as plain text. */
const textOf = (info: ParsedCapInfo, language: Language) => {
  // a headline is one line, however the alert wrapped it
  const headline = plainTextFromCap(info.headline ?? info.event ?? "").replace(/\s+/g, " ");
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
  const skippedLanguages: string[] = [];
  alert.infos.forEach((info, index) => {
    const language = capLanguageOf(info.language);
    if (!language) {
      if (!skippedLanguages.includes(info.language)) skippedLanguages.push(info.language);
    } else if (infos.has(language)) {
      problems.push({
        path: `alert.info[${index}].language`,
        message: `a second <info> in ${language} ("${info.language}"): bantin takes one text per language`,
      });
    } else {
      infos.set(language, info);
    }
  });

  if (alert.infos.length > 0 && infos.size === 0) {
    problems.push({
      path: "alert.info.language",
      message: `unsupported language ${skippedLanguages.map((tag) => JSON.stringify(tag)).join(", ")}: no <info> is in a language bantin serves (${languages.join(", ")})`,
    });
  }

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
      problems.push({
        path: `info(${sourceLanguage}).expires`,
        message: `the alert expired at ${source.expires.toISOString()}: there is nothing left to send`,
      });
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
      skippedLanguages,
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
    return !ancestorsOf(code).some((ancestor) =>
      longest.some((other) => other.code === ancestor && span.some((own) => own.start === other.start && own.end === other.end)),
    );
  });
};

type GazetteerPlace = Pick<Place, "code" | "names" | "parentCode">;

// a <geocode> whose value is a place name, by its valueName compared lower case without spaces and punctuation
const placeNameValueName = /^(name|placename|areaname|province|provincename|district|districtname|admin[12]|adm[12]|adm[12]name|tinh|huyen|khoueng|khaet)$/;

/** Gazetteer codes for one <geocode>: ISO 3166-2 (VN-23 is Hà Tĩnh, VN-HT) and gazetteer codes by their value,
 *  place names under a name-like valueName ("Province": "Hà Tĩnh"); anything else (SAME, NUTS, EMMA_ID) none. */
const placesOfGeocode = (geocode: { valueName: string; value: string }, places: readonly GazetteerPlace[], known: ReadonlySet<string>) => {
  const kind = geocode.valueName.toLowerCase().replace(/[^a-z0-9]/g, "");
  const code = placeCodeOfIso(geocode.value, known);
  // the value says which system it is in (a country prefix), whatever the valueName
  if (code) return [code];
  if (placeNameValueName.test(kind)) return placesNamedIn(geocode.value, places);
  return [];
};

/** Place codes for an alert's areas: what its geocodes name, else what its areaDesc names; an area that names no
 *  gazetteer place is listed by its areaDesc. */
export const matchCapAreas = (areas: readonly ParsedCapArea[], places: readonly GazetteerPlace[]) => {
  const known = new Set(places.map((place) => place.code));
  const codes: string[] = [];
  const unmatched: string[] = [];
  for (const area of areas) {
    const geocoded = area.geocodes.flatMap((geocode) => placesOfGeocode(geocode, places, known));
    const found = geocoded.length > 0 ? geocoded : placesNamedIn(area.areaDesc, places);
    if (found.length === 0) unmatched.push(area.areaDesc);
    codes.push(...found);
  }
  return { codes: [...new Set(codes)], unmatched: [...new Set(unmatched)] };
};

// --- the command ---------------------------------------------------------------------------------------------

const problemsError = (detail: string, problems: CapProblem[]) =>
  new AppError("validation_failed", `${detail}: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join("; ")}`, { errors: problems });

/** The checked input, or the import's problem+json listing every issue. */
const valid = <Output>(result: { success: true; data: Output } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }) => {
  if (!result.success)
    throw problemsError(
      "the alert cannot become a bulletin",
      result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
    );
  return result.data;
};

/** The alert in `xml` and the bulletin it describes; throws only the import's own problem+json errors (pure). */
export const readCapDraft = (xml: string, now: Date): { alert: ParsedCapAlert; draft: CapDraft } => {
  const parsed = parseCap(xml);
  if (!parsed.ok) {
    const detail = parsed.problems.map((problem) => problem.message).join("; ");
    if (parsed.reason === "doctype") throw new AppError("xml_doctype_forbidden", detail);
    if (parsed.reason === "malformed") throw new AppError("invalid_xml", `the body is not well-formed XML: ${detail}`);
    throw problemsError("not a usable CAP 1.2 alert", parsed.problems);
  }
  const mapped = bulletinFromCap(parsed.alert, now);
  if (!mapped.ok) throw problemsError("the alert cannot become a bulletin", mapped.problems);
  return { alert: parsed.alert, draft: mapped.draft };
};

// bantin's own CAP identifiers (delivery/cap-document.ts): bantin-<bulletin id>, and bantin-<id>-cancel
const bantinIdentifier = /^bantin-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-cancel)?$/i;

/** The bulletin a reference names: one bantin published under its own identifier, or one imported from it. */
const referencedBulletin = async (db: Db, reference: CapReference) => {
  const own = bantinIdentifier.exec(reference.identifier)?.[1];
  const ids = [...(own ? [own.toLowerCase()] : []), ...(await listCapImports(db, reference))];
  for (const id of ids) {
    const bulletin = await getBulletin(db, id);
    if (bulletin) return bulletin;
  }
  return undefined;
};

/** What an Update updates: the version of the referenced bulletin's series now published, if any. An update of a
 *  bulletin not published yet is refused (its draft is the place to change it); of one no longer in force, none. */
const bulletinToCorrect = async (db: Db, alert: ParsedCapAlert): Promise<{ bulletin?: Bulletin; ended?: Bulletin }> => {
  if (alert.msgType !== "Update") return {};
  for (const reference of [...alert.references].reverse()) {
    const referenced = await referencedBulletin(db, reference);
    if (!referenced) continue;
    const versions = await listSeriesVersions(db, referenced.seriesId);
    const published = versions.find((version) => version.status === "published");
    if (published) return { bulletin: published };
    const open = versions.find((version) => transitions[version.status].length > 0);
    if (open) {
      throw new AppError(
        "conflict",
        `the alert this updates (${reference.identifier}) is bulletin ${open.id}, still ${open.status}: change that one ` +
          (editableStatuses.includes(open.status)
            ? "(PUT /api/v1/bulletins/{id}/texts/{language})"
            : "once it is published (POST /api/v1/bulletins/{id}/correct)"),
        { bulletinId: open.id },
      );
    }
    return { ended: versions[0] };
  }
  return {};
};

/** What an import left out or kept, for the editor: in the response and, as notes, on the draft. */
export type CapImportReport = {
  identifier: string;
  sender: string;
  msgType: ParsedCapAlert["msgType"];
  /** the published bulletin the draft corrects (an Update of it); null for a new bulletin */
  corrects: string | null;
  /** <info> languages bantin does not serve, as written ("fr-CA") */
  skippedLanguages: string[];
  /** <areaDesc>s of areas that name no gazetteer place */
  unmatchedAreas: string[];
  /** languages of a correction whose text is the previous version's, as a draft: the alert had none */
  keptTexts: Language[];
};

const notesOf = (report: CapImportReport, ended: Bulletin | undefined, at: string): BulletinNote[] => [
  ...report.skippedLanguages.map((tag) => ({ code: "cap_language_skipped", detail: tag, at })),
  ...report.unmatchedAreas.map((areaDesc) => ({ code: "cap_area_unmatched", detail: areaDesc, at })),
  ...report.keptTexts.map((language) => ({ code: "cap_text_kept", detail: language, at })),
  ...(ended ? [{ code: "cap_update_of_ended", detail: `${ended.id} (${ended.status})`, at }] : []),
];

/** An editor imports a CAP 1.2 alert: an Alert (or an Update of nothing bantin has in force) as a new draft, an
 *  Update of a published bulletin as a draft correction of it. One text per <info> language bantin serves, each a
 *  draft for a translator to approve; languages and areas it cannot take are reported and noted on the draft. */
export const importCap = async (deps: CommandDeps, actor: Actor, request: { xml: string } & CapImportOptions) => {
  const { xml, ...options } = request;
  requireRole(actor, "editor");
  const now = deps.clock();
  const { alert, draft } = readCapDraft(xml, now);
  const { bulletin: corrected, ended } = await bulletinToCorrect(deps.db, alert);

  const matched = options.areas ? { codes: options.areas, unmatched: [] } : matchCapAreas(draft.areas, await listPlaces(deps.db));
  // an update that names no place bantin knows keeps the places of the bulletin it corrects
  const areas = matched.codes.length > 0 ? matched.codes : (corrected?.areas ?? []);
  if (areas.length === 0) {
    const descriptions = [...new Set(draft.areas.map((area) => area.areaDesc))];
    throw new AppError(
      "validation_failed",
      descriptions.length > 0
        ? `no area of the alert is in the gazetteer (${descriptions.map((description) => JSON.stringify(description)).join(", ")}); name the places with ?areas=VN-HT,VN-TN`
        : "the alert has no <area>; name the places with ?areas=VN-HT,VN-TN",
      { errors: [{ path: "areas", message: "no gazetteer place matched" }], areaDescs: descriptions },
    );
  }

  const fields = {
    category: draft.category,
    urgency: draft.urgency,
    mode: draft.mode,
    channels: options.channels ?? corrected?.channels ?? ["sms", "display"],
    areas,
    validFrom: draft.validFrom.toISOString(),
    validUntil: draft.validUntil.toISOString(),
  };
  const update = corrected
    ? valid(UpdateBulletinSchema.safeParse({ ...fields, targetLanguages: [...new Set([...corrected.targetLanguages, ...draft.targetLanguages])] }))
    : undefined;
  const create = corrected
    ? undefined
    : valid(
        CreateBulletinSchema.safeParse({
          ...fields,
          sourceLanguage: draft.sourceLanguage,
          targetLanguages: draft.targetLanguages,
          text: draft.texts[draft.sourceLanguage],
        }),
      );

  const report: CapImportReport = {
    identifier: alert.identifier,
    sender: alert.sender,
    msgType: alert.msgType,
    corrects: corrected?.id ?? null,
    skippedLanguages: draft.skippedLanguages,
    unmatchedAreas: matched.unmatched,
    keptTexts: [],
  };

  // one transaction for the bulletin, its texts, its notes and the audit entry; the jobs they record are queued after commit
  const recorded: QueuedJob[] = [];
  const afterCommit: JobQueue = { ...deps.queue, add: async (jobs) => void recorded.push(...jobs) };
  const bulletin = await deps.db.transaction(async (tx) => {
    const inner = { ...deps, db: tx, queue: afterCommit };
    let id = "";
    if (corrected && update) {
      // a new version of the series with the previous texts as drafts, then the alert's fields and texts over them
      id = (await correctBulletin(inner, actor, corrected.id)).id;
      await updateBulletin(inner, actor, { id, changes: update });
      for (const language of draft.targetLanguages) await putBulletinText(inner, actor, { id, language, text: draft.texts[language]! });
      report.keptTexts = (await getBulletinTexts(tx, id)).map((text) => text.language).filter((language) => !draft.targetLanguages.includes(language));
    } else if (create) {
      id = (await createBulletin(inner, actor, create)).id;
      for (const language of draft.targetLanguages) {
        if (language !== draft.sourceLanguage) await putBulletinText(inner, actor, { id, language, text: draft.texts[language]! });
      }
    }
    const notes = notesOf(report, ended, now.toISOString());
    const [row] = notes.length > 0 ? [await updateBulletinRow(tx, { id, set: { notes } })] : [await getBulletin(tx, id)];
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      entity: "bulletin",
      entityId: id,
      action: "import:cap",
      detail: {
        identifier: alert.identifier,
        sender: alert.sender,
        sent: alert.sent.toISOString(),
        msgType: alert.msgType,
        status: alert.status,
        references: alert.references,
        languages: alert.infos.map((info) => info.language),
        ...(corrected ? { corrects: corrected.id } : {}),
        ...(ended ? { updatesEnded: ended.id } : {}),
        ...(draft.skippedLanguages.length > 0 ? { skippedLanguages: draft.skippedLanguages } : {}),
        ...(matched.unmatched.length > 0 ? { unmatchedAreas: matched.unmatched } : {}),
        ...(options.areas ? { areasGiven: options.areas } : {}),
      },
    });
    return row!;
  });
  await dispatchJobs(deps.queue, recorded, (error) => deps.logger.warn({ err: error }, "queue unavailable; the reconciler will queue the job"));
  return { bulletin, report };
};
