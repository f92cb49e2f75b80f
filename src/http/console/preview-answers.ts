// The compose preview's answers, by form. The same form is posted again often: a text field's change event (on
// leaving it) follows the input events that already asked for its preview, a typo is typed and taken back, a box is
// ticked and unticked, the Preview button is pressed with nothing changed. Such a form is answered with the fragment
// already rendered for it, as long as the reference data the preview drew on (gazetteer, partners' SMS policies,
// screens, stations; re-read every `referenceTtlMs`) is the same read; a changed form is previewed afresh.
// An entry is per session (the form carries the session's CSRF token), reader's language and roles, and route.
import type { Context } from "hono";
import { previewPlaces, referenceTtlMs } from "../../bulletins/preview-bulletin.ts";
import type { AppEnv } from "../app-env.ts";
import { createVersionedCache, perDatabase } from "./list-cache.ts";
import { consoleFormBody } from "./session.ts";

/** each read of the reference data gets a number: an answer is good only for the read it was made from */
const readNumbers = new WeakMap<object, string>();
let reads = 0;
const readNumber = (read: object) => {
  let number = readNumbers.get(read);
  if (!number) readNumbers.set(read, (number = String(++reads)));
  return number;
};

/** A fragment is about 5 KB: a bound of 4 MB keeps a few hundred. */
export const previewAnswersFor = perDatabase(() =>
  createVersionedCache<string>({ maxAgeMs: referenceTtlMs, maxBytes: 4 * 1024 * 1024 }, (html) => html.length * 2),
);

/** The preview fragment for the posted form: the one rendered for the same form and reference data, else `render`'s. */
export const answerPreview = async (c: Context<AppEnv>, render: () => Promise<string>) => {
  const deps = c.get("deps");
  const now = deps.clock().getTime();
  const version = readNumber(await previewPlaces(deps.db, now));
  const key = JSON.stringify([c.req.path, c.get("console").language, c.get("actor").roles, await consoleFormBody(c)]);
  const cache = previewAnswersFor(deps.db);
  const known = cache.get(key, version, now);
  if (known !== undefined) return c.html(known);
  const html = await render();
  cache.set(key, version, now, html);
  return c.html(html);
};
