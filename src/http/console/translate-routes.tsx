// The translator's page for one language of a bulletin: GET shows it, POST takes a proposal into a field (for pages
// used without JavaScript), saves the text (put-bulletin-text) or saves and approves it (approve-bulletin-text).
import { Hono, type Context } from "hono";
import { z } from "zod";
import { approveBulletinText } from "../../bulletins/approve-bulletin-text.ts";
import { BulletinTextSchema } from "../../bulletins/bulletin-schemas.ts";
import { readBulletinView } from "../../bulletins/bulletin-view.ts";
import { putBulletinText } from "../../bulletins/put-bulletin-text.ts";
import { placeLookup } from "../../db/queries/places.ts";
import { editableStatuses, LanguageSchema, type Language } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import { reviewMarks } from "../../localize/review-marks.ts";
import { suggestTranslations } from "../../localize/suggest-translations.ts";
import { textFields, type TextField, type TextFields } from "../../localize/translation-memory/memory.ts";
import type { AppEnv } from "../app-env.ts";
import { issueMessage, refusalMessage } from "./issue-messages.ts";
import { requireConsoleRole } from "./session.ts";
import { requireCsrf, requireSession } from "./session.ts";
import { TranslatePage, type TranslatePageProps } from "./translate-page.tsx";
import { useProposal } from "./use-proposal.ts";

const IdSchema = z.uuid();
const doneMessages = ["saved", "approved"] as const;

/** The page's data; `suggest: false` skips the proposals (and the machine's calls) where nothing is shown. */
const load = async (c: Context<AppEnv>, options: { suggest?: boolean } = {}) => {
  const deps = c.get("deps");
  const { t } = c.get("console");
  const id = c.req.param("id") ?? "";
  if (!IdSchema.safeParse(id).success) throw new AppError("not_found", `no bulletin ${id}`);
  const parsedLanguage = LanguageSchema.safeParse(c.req.param("language"));
  if (!parsedLanguage.success) throw new AppError("not_found", `no language ${c.req.param("language")}`);
  const language: Language = parsedLanguage.data;
  const view = await readBulletinView(deps.db, id);
  if (!view.targetLanguages.includes(language)) throw new AppError("not_found", t("translate.notTarget", { language: t(`languages.${language}`) }));
  if (language === view.sourceLanguage) throw new AppError("validation_failed", t("translate.sourceLanguage", { language: t(`languages.${language}`) }));
  const source = view.texts.find((text) => text.language === view.sourceLanguage);
  const stored = view.texts.find((text) => text.language === language);
  const editable = editableStatuses.includes(view.status);
  const suggestions = source && editable && options.suggest !== false ? await suggestTranslations(deps, view, language) : undefined;
  const marks = stored ? (reviewMarks(view, [stored], await placeLookup(deps.db))[language] ?? []) : [];
  const page: Omit<TranslatePageProps, "target"> = {
    console: c.get("console"),
    bulletin: { id, sourceLanguage: view.sourceLanguage, status: view.status, headline: source?.headline ?? "" },
    language,
    source: source ? { headline: source.headline, summary: source.summary, body: source.body } : undefined,
    stored: stored ? { state: stored.state, origin: stored.origin } : undefined,
    suggestions,
    marks,
    editable,
    otherWaiting: view.waitingLanguages.filter((other) => other !== language && other !== view.sourceLanguage),
  };
  return { page, stored, id, language };
};

type Loaded = Awaited<ReturnType<typeof load>>;

const render = (
  c: Context<AppEnv>,
  loaded: Loaded,
  options: { target?: TextFields; errors?: TranslatePageProps["errors"]; message?: TranslatePageProps["message"]; status?: number } = {},
) => {
  const target = options.target ?? { headline: loaded.stored?.headline ?? "", summary: loaded.stored?.summary ?? "", body: loaded.stored?.body ?? "" };
  return c.html(
    <TranslatePage
      {...loaded.page}
      target={target}
      {...(options.errors ? { errors: options.errors } : {})}
      {...(options.message ? { message: options.message } : {})}
    />,
    (options.status ?? 200) as 200,
  );
};

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** A "use this" button's value: `s:<sentence>:<proposal>` for one sentence, `f:<field>` for a whole field. */
const applyUse = (loaded: Loaded, typed: TextFields, use: string): TextFields | undefined => {
  const segments = loaded.page.suggestions?.segments ?? [];
  const sentence = /^s:(\d+):(\d+)$/.exec(use);
  if (sentence) {
    const segment = segments[Number(sentence[1])];
    const proposal = segment?.proposals[Number(sentence[2])];
    if (!segment || !proposal) return undefined;
    const choice = {
      source: segment.source,
      candidates: segment.proposals.map((candidate) => candidate.text),
      sourceField: loaded.page.source?.[segment.field] ?? "",
    };
    return { ...typed, [segment.field]: useProposal(typed[segment.field], choice, proposal.text) };
  }
  const whole = /^f:(headline|summary|body)$/.exec(use);
  if (!whole) return undefined;
  const field = whole[1] as TextField;
  const own = segments.filter((segment) => segment.field === field);
  if (own.length === 0) return undefined;
  const lines = (loaded.page.source?.[field] ?? "").split(/\r\n|\n|\r/).map(() => [] as string[]);
  for (const segment of own) (lines[segment.line] ??= []).push(segment.proposals[0]?.text ?? segment.source);
  return { ...typed, [field]: lines.map((line) => line.join(" ")).join("\n") };
};

/** Each field's first problem in the reader's language, worded as on the other forms. */
const fieldErrors = (c: Context<AppEnv>, issues: z.core.$ZodIssue[]) => {
  const errors: Partial<Record<TextField, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0] as TextField;
    if (!textFields.includes(field) || errors[field]) continue;
    errors[field] = issueMessage(c.get("console").language, issue);
  }
  return errors;
};

export const translateRoutes = new Hono<AppEnv>()
  .get("/bulletins/:id/texts/:language", requireSession, requireConsoleRole("translator"), async (c) => {
    const loaded = await load(c);
    const done = z.enum(doneMessages).safeParse(c.req.query("done"));
    const { t } = c.get("console");
    const languageName = t(`languages.${loaded.language}`);
    return render(c, loaded, done.success ? { message: { kind: "info", text: t(`translate.done.${done.data}`, { language: languageName }) } } : {});
  })
  .post("/bulletins/:id/texts/:language", requireSession, requireCsrf, requireConsoleRole("translator"), async (c) => {
    const { t } = c.get("console");
    const form = await c.req.parseBody();
    const typed: TextFields = { headline: text(form.headline), summary: text(form.summary), body: text(form.body) };
    const use = text(form.use);
    // saving or approving shows nothing when it works: the machine is asked only for a page that is shown
    const loaded = await load(c, { suggest: Boolean(use) });
    if (!loaded.page.editable) return render(c, loaded, { target: typed, message: { kind: "error", text: t("translate.closed") }, status: 409 });
    if (use) {
      const target = applyUse(loaded, typed, use);
      if (!target) return render(c, loaded, { target: typed, message: { kind: "error", text: t("translate.proposalGone") }, status: 422 });
      return render(c, loaded, { target, message: { kind: "info", text: t("translate.placed") } });
    }
    const parsed = BulletinTextSchema.safeParse(typed);
    if (!parsed.success)
      return render(c, await load(c), {
        target: typed,
        errors: fieldErrors(c, parsed.error.issues),
        message: { kind: "error", text: t("translate.fixFields") },
        status: 422,
      });
    const approve = form.action === "approve";
    const deps = c.get("deps");
    const actor = c.get("actor");
    const { stored, id, language } = loaded;
    // approving what is stored unchanged keeps its origin (a machine draft approved as it stands)
    const unchanged = stored !== undefined && textFields.every((field) => stored[field] === parsed.data[field]);
    try {
      if (!unchanged) await putBulletinText(deps, actor, { id, language, text: parsed.data });
      if (approve) await approveBulletinText(deps, actor, { id, language });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      return render(c, await load(c), {
        target: typed,
        message: { kind: "error", text: refusalMessage(c.get("console").language, error) },
        status: error.status,
      });
    }
    return c.redirect(`/bulletins/${id}/texts/${language}?done=${approve ? "approved" : "saved"}`, 303);
  });
