// Does a bulletin fit its channels? The two checks an editor hears about before approval, side by side: every
// partner's SMS within that partner's parts, every target screen's slide within its size. A text that does not
// fit is the editor's to fix, never cut or shrunk at send time.
import { encodeSms } from "../channels/sms/index.ts";
import type { Db } from "../db/client.ts";
import type { Bulletin, BulletinText } from "../db/queries/bulletins.ts";
import { listPartnersForAreas, type Partner } from "../db/queries/partners.ts";
import { insertSlides } from "../db/queries/slides.ts";
import { AppError } from "../errors.ts";
import { prepareDisplay, type PreparedDisplay } from "./display-renditions.ts";

export type SmsFitProblem = {
  language: string;
  partner: string;
  code: "sms_too_long" | "sms_empty";
  partCount: number;
  maxParts: number;
  encoding: string;
  detail: string;
};

/** Every (language, partner) whose SMS would not fit that partner's policy. */
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
  const problems = smsFitProblems(await listPartnersForAreas(db, bulletin.areas), texts);
  if (problems.length > 0) {
    const first = problems[0]!;
    const fix = first.code === "sms_empty" ? "write a summary" : "shorten the summary";
    throw new AppError("sms_too_long", `the ${first.language} summary does not fit ${first.partner}: ${first.detail}; ${fix}`, { problems });
  }
};

/** Draws the slides a bulletin's texts need on every target screen, to be checked with assertSlidesFit. Drawing
 *  takes a while: call it before any transaction, never while a row is locked. Undefined without the display channel. */
export const drawSlidesToCheck = async (db: Db, bulletin: Bulletin, texts: BulletinText[]) =>
  bulletin.channels.includes("display") ? prepareDisplay(db, bulletin, texts) : undefined;

/** Throws a 422 naming every (language, screen) whose slide would not fit; else keeps what was drawn, so the same
 *  content is not drawn again when the bulletin is published. */
export const assertSlidesFit = async (db: Db, drawn: PreparedDisplay | undefined) => {
  if (!drawn) return;
  if (drawn.tooLong.length > 0) {
    const first = drawn.tooLong[0]!;
    throw new AppError("slide_too_long", `${first.message} (screen ${first.screen.name})`, {
      problems: drawn.tooLong.map((entry) => ({
        language: entry.language,
        screen: entry.screen.name,
        width: entry.screen.width,
        height: entry.screen.height,
        detail: entry.message,
      })),
    });
  }
  await insertSlides(db, drawn.drawn);
};
