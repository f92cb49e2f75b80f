// "Use this" on a translation page: what a field holds after the translator takes a proposal for one sentence.
// The same rule runs in the browser (assets/translate.js) and here, for pages used without JavaScript.

export type SentenceChoice = {
  /** the source sentence */
  source: string;
  /** the texts of every proposal for that sentence (one of them is already in the field, perhaps) */
  candidates: readonly string[];
  /** the whole source field the sentence belongs to: the frame an empty field starts from */
  sourceField: string;
};

const replaceFirst = (text: string, find: string, put: string) => {
  const at = text.indexOf(find);
  return at < 0 ? text : text.slice(0, at) + put + text.slice(at + find.length);
};

/** The field after taking `chosen` for the sentence: it replaces whichever proposal (or the untranslated source
 *  sentence) the field holds for it; an empty field starts from the source field with that sentence translated;
 *  otherwise it is added at the end. */
export const useProposal = (current: string, choice: SentenceChoice, chosen: string) => {
  const known = [choice.source, ...choice.candidates].filter((text) => text.trim() !== "").sort((a, b) => b.length - a.length);
  const found = known.find((text) => current.includes(text));
  if (found !== undefined) return replaceFirst(current, found, chosen);
  if (current.trim() === "") return replaceFirst(choice.sourceField, choice.source, chosen);
  return `${current.replace(/\s+$/, "")} ${chosen}`;
};
