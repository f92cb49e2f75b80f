// A bulletin as the API shows it: with its texts, each target language's state, and why a language waits.
import type { Db } from "../db/client.ts";
import { getBulletin, getBulletinTexts, waitingLanguages, type Bulletin, type BulletinText } from "../db/queries/bulletins.ts";
import { AppError } from "../errors.ts";

const waitingReasonOf = (bulletin: Bulletin, language: string, text: BulletinText | undefined) => {
  if (language === bulletin.sourceLanguage) return text ? "source_not_submitted" : "source_text_missing";
  return text ? "needs_translator_approval" : "needs_translator";
};

/** Per target language: missing, draft or approved, where the text came from and why it waits; dropped ones too. */
const languageStates = (bulletin: Bulletin, texts: BulletinText[]) => [
  ...bulletin.targetLanguages.map((language) => {
    const text = texts.find((candidate) => candidate.language === language);
    const note = bulletin.waitingNotes[language];
    return {
      language,
      state: text?.state ?? ("missing" as const),
      origin: text?.origin ?? null,
      ...(text?.state !== "approved" && note ? { waitingReason: note.code, waitingDetail: note.detail } : {}),
      ...(text?.state !== "approved" && !note ? { waitingReason: waitingReasonOf(bulletin, language, text) } : {}),
    };
  }),
  ...bulletin.droppedLanguages.map((dropped) => ({
    language: dropped.language,
    state: "dropped" as const,
    origin: null,
    reason: "language_dropped",
    note: dropped.reason,
  })),
];

const viewOf = (bulletin: Bulletin, texts: BulletinText[]) => ({
  ...bulletin,
  texts,
  languages: languageStates(bulletin, texts),
  waitingLanguages: waitingLanguages(bulletin, texts),
});

/** The view of a bulletin just read or written, with its texts as they are now. */
export const bulletinView = async (db: Db, bulletin: Bulletin) => viewOf(bulletin, await getBulletinTexts(db, bulletin.id));

/** One snapshot: the bulletin and its texts as of the same moment (a worker may be writing both). */
export const readBulletinView = (db: Db, id: string) =>
  db.transaction(
    async (tx) => {
      const bulletin = await getBulletin(tx, id);
      if (!bulletin) throw new AppError("not_found", `no bulletin ${id}`);
      return viewOf(bulletin, await getBulletinTexts(tx, id));
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
