// An SMS that is too long for a partner is the editor's problem to fix before approval, never cut at send time.
import type { Db } from "../db/client.ts";
import type { Bulletin, BulletinText } from "../db/queries/bulletins.ts";
import { listActivePartners, type Partner } from "../db/queries/partners.ts";
import { areasOverlap, listPlaceParents } from "../db/queries/places.ts";
import { encodeSms } from "../channels/sms/index.ts";
import { AppError } from "../errors.ts";

/** Partners that take this bulletin's `kind` messages in `language`, for its areas. */
export const partnersFor = async (db: Db, bulletin: Pick<Bulletin, "areas">) => {
  const [partners, places] = await Promise.all([listActivePartners(db), listPlaceParents(db)]);
  const byCode = new Map(places.map((place) => [place.code, place]));
  return partners.filter((partner) => areasOverlap(byCode, partner.areas, bulletin.areas));
};

export type SmsFitProblem = {
  language: string;
  partner: string;
  code: "sms_too_long" | "sms_empty";
  partCount: number;
  maxParts: number;
  encoding: string;
  detail: string;
};

export const smsFitProblems = (partners: Partner[], texts: Pick<BulletinText, "language" | "summary">[]) => {
  const problems: SmsFitProblem[] = [];
  for (const text of texts) {
    for (const partner of partners) {
      if (!partner.kinds.includes("sms") || !partner.languages.includes(text.language)) continue;
      const result = encodeSms(text.summary, partner.smsPolicy);
      if (!result.ok) {
        problems.push({
          language: text.language,
          partner: partner.name,
          code: result.error.code,
          partCount: result.error.partCount ?? 0,
          maxParts: partner.smsPolicy.maxParts,
          encoding: result.error.encoding ?? "",
          detail: result.error.detail,
        });
      }
    }
  }
  return problems;
};

/** Throws a 422 naming every (language, partner) whose SMS would not fit. */
export const assertSmsFits = async (db: Db, bulletin: Bulletin, texts: Pick<BulletinText, "language" | "summary">[]) => {
  if (!bulletin.channels.includes("sms")) return;
  const problems = smsFitProblems(await partnersFor(db, bulletin), texts);
  if (problems.length > 0) {
    const first = problems[0]!;
    const fix = first.code === "sms_empty" ? "write a summary" : "shorten the summary";
    throw new AppError("sms_too_long", `the ${first.language} summary does not fit ${first.partner}: ${first.detail}; ${fix}`, { problems });
  }
};
