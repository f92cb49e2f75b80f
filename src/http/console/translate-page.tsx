// The translation page: per field, the source sentences each with the memory's and the machine's proposals (score
// and origin) beside the editable target; save, or save and approve this language. Marks say what still needs a
// native speaker's review. hono/jsx escapes every text and attribute, so markup typed anywhere shows as text.
import { encodeSms } from "../../channels/sms/index.ts";
import type { Language } from "../../domain/index.ts";
import type { ReviewMark } from "../../localize/review-marks.ts";
import type { Proposal, SuggestedSegment, Suggestions } from "../../localize/suggest-translations.ts";
import { textFields, type TextField, type TextFields } from "../../localize/translation-memory/memory.ts";
import type { ConsoleContext } from "./console-context.ts";
import { CsrfField, Page } from "./layout.tsx";

export const translateScript = "/console/assets/translate.js";

export type TranslatePageProps = {
  console: ConsoleContext;
  bulletin: { id: string; sourceLanguage: Language; status: string; headline: string };
  language: Language;
  source: TextFields | undefined;
  /** what the editor shows: the stored text, or what was just typed */
  target: TextFields;
  stored: { state: string; origin: string } | undefined;
  suggestions: Suggestions | undefined;
  marks: ReviewMark[];
  errors?: Partial<Record<TextField, string>>;
  message?: { kind: "error" | "info"; text: string };
  /** false: the bulletin's texts can no longer change (shown, not editable) */
  editable: boolean;
  /** the bulletin's other languages still waiting for a translator */
  otherWaiting: Language[];
};

const fieldLabels: Record<TextField, string> = { headline: "translate.fields.headline", summary: "translate.fields.summary", body: "translate.fields.body" };

/** The best proposal per sentence, in the source's lines: what "use the best for the whole field" puts there. */
const bestFor = (segments: (SuggestedSegment & { index: number })[], sourceField: string) => {
  if (segments.length === 0) return undefined;
  const lines = sourceField.split(/\r\n|\n|\r/).map(() => [] as string[]);
  for (const segment of segments) (lines[segment.line] ??= []).push(segment.proposals[0]?.text ?? segment.source);
  return lines.map((line) => line.join(" ")).join("\n");
};

export const ReviewMarks = (props: { console: ConsoleContext; marks: ReviewMark[] }) => {
  const { t } = props.console;
  if (props.marks.length === 0) return null;
  return (
    <ul class="review-marks">
      {props.marks.map((mark) => (
        <li class="review-mark">
          <span class="review-label">{t("translate.review.label")}</span>{" "}
          {mark.kind === "automatic_draft" ? t(`translate.review.draft_${mark.origin}`) : t(`translate.review.${mark.kind}`, { count: mark.count })}
        </li>
      ))}
    </ul>
  );
};

const ProposalItem = (props: { console: ConsoleContext; proposal: Proposal; field: TextField; value: string; language: Language; editable: boolean }) => {
  const { t, language } = props.console;
  const { proposal } = props;
  const percent =
    proposal.score === null
      ? undefined
      : new Intl.NumberFormat(language === "vi" ? "vi-VN" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(proposal.score);
  const origin =
    proposal.origin === "machine"
      ? t("translate.origin.machine", { provider: proposal.provider })
      : proposal.kind === "exact"
        ? t("translate.origin.exact")
        : t("translate.origin.fuzzy");
  return (
    <li class={`proposal origin-${proposal.origin}`}>
      <span class="proposal-origin">
        {origin}
        {percent !== undefined && <> · {t("translate.score", { score: percent })}</>}
      </span>
      <span class="proposal-text" lang={props.language}>
        {proposal.text}
      </span>
      {proposal.origin === "memory" && proposal.kind === "fuzzy" && (
        <span class="proposal-memory-source">{t("translate.memorySource", { source: proposal.source })}</span>
      )}
      {props.editable && (
        <button type="submit" class="use" name="use" value={props.value} data-field={props.field} data-text={proposal.text}>
          {t("translate.use")}
        </button>
      )}
    </li>
  );
};

const SmsHint = (props: { console: ConsoleContext; summary: string }) => {
  const { t } = props.console;
  const result = encodeSms(props.summary, { stripDiacritics: false, maxParts: 10 });
  // counted on the server; the page's script says so once the field changes
  const said = !result.ok
    ? result.error.code === "sms_empty"
      ? t("translate.smsEmpty")
      : t("translate.smsTooLong", { parts: result.error.partCount })
    : t("translate.smsHint", { parts: result.sms.partCount, encoding: result.sms.encoding === "gsm7" ? "GSM-7" : "UCS-2", units: result.sms.units });
  return (
    <p class="hint" id="sms-hint" data-stale={t("translate.smsStale")} aria-live="polite">
      {said}
    </p>
  );
};

export const TranslatePage = (props: TranslatePageProps) => {
  const { t } = props.console;
  const { bulletin, language, suggestions } = props;
  const languageName = t(`languages.${language}`);
  const segments = (suggestions?.segments ?? []).map((segment, index) => ({ ...segment, index }));
  return (
    <Page console={props.console} title={t("translate.title", { language: languageName, headline: props.bulletin.headline })} current="/">
      <p>
        <a href={`/bulletins/${bulletin.id}`}>{t("translate.backToBulletin")}</a>
      </p>
      {props.message && (
        <p class={props.message.kind === "error" ? "error" : "notice"} role={props.message.kind === "error" ? "alert" : "status"}>
          {props.message.text}
        </p>
      )}
      <p id="translate-status" class="sr-only" role="status" aria-live="polite" data-placed={t("translate.placed")}></p>
      <p>
        {t("translate.stateOf", { language: languageName })}{" "}
        {props.stored ? (
          <span class={`badge state-${props.stored.state}`}>
            {t(`textStates.${props.stored.state}`)} · {t(`origins.${props.stored.origin}`)}
          </span>
        ) : (
          <span class="badge">{t("textStates.missing")}</span>
        )}
      </p>
      <ReviewMarks console={props.console} marks={props.marks} />
      {suggestions?.machine.status === "off" && <p class="hint">{t("translate.machineOff")}</p>}
      {suggestions?.machine.status === "failed" && (
        <p class="notice">{t("translate.machineFailed", { provider: suggestions.machine.provider, code: suggestions.machine.code })}</p>
      )}
      {!props.source && <p class="notice">{t("translate.noSource")}</p>}
      {!props.editable && <p class="notice">{t("translate.closed")}</p>}
      {props.otherWaiting.length > 0 && (
        <p>
          {t("translate.otherWaiting")}{" "}
          {props.otherWaiting.map((other, index) => (
            <>
              {index > 0 && ", "}
              <a href={`/bulletins/${bulletin.id}/texts/${other}`}>{t(`languages.${other}`)}</a>
            </>
          ))}
        </p>
      )}
      <form method="post" action={`/bulletins/${bulletin.id}/texts/${language}`} class="translate">
        <CsrfField console={props.console} />
        {textFields.map((field) => {
          const own = segments.filter((segment) => segment.field === field);
          const sourceField = props.source?.[field] ?? "";
          const best = bestFor(own, sourceField);
          const error = props.errors?.[field];
          return (
            <section class="pair" aria-labelledby={`pair-${field}`}>
              <h2 id={`pair-${field}`}>{t(fieldLabels[field])}</h2>
              <div class="source-side">
                <h3>{t("translate.sourceSide", { language: t(`languages.${bulletin.sourceLanguage}`) })}</h3>
                <p class={`source-text${field === "headline" ? " headline" : ""}`} lang={bulletin.sourceLanguage}>
                  {sourceField}
                </p>
                {own.length > 0 && <h4>{t("translate.proposals")}</h4>}
                <ol class="sentences">
                  {own.map((segment) => (
                    <li
                      class="sentence"
                      data-sentence={JSON.stringify({ source: segment.source, candidates: segment.proposals.map((proposal) => proposal.text), sourceField })}
                    >
                      <span class="sentence-source" lang={bulletin.sourceLanguage}>
                        {segment.source}
                      </span>
                      {segment.proposals.length === 0 ? (
                        <p class="hint">{t("translate.noProposals")}</p>
                      ) : (
                        <ul class="proposals">
                          {segment.proposals.map((proposal, at) => (
                            <ProposalItem
                              console={props.console}
                              proposal={proposal}
                              field={field}
                              value={`s:${segment.index}:${at}`}
                              language={language}
                              editable={props.editable}
                            />
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ol>
              </div>
              <div class="target-side">
                <label for={`target-${field}`}>
                  {t("translate.targetSide", { language: languageName })} · {t(fieldLabels[field])}
                </label>
                <textarea
                  id={`target-${field}`}
                  name={field}
                  lang={language}
                  rows={field === "headline" ? 2 : field === "summary" ? 4 : 10}
                  readonly={!props.editable}
                  aria-invalid={error ? "true" : undefined}
                  aria-describedby={error ? `error-${field}` : undefined}
                >
                  {props.target[field]}
                </textarea>
                {error && (
                  <p class="field-error" id={`error-${field}`}>
                    {error}
                  </p>
                )}
                {field === "summary" && <SmsHint console={props.console} summary={props.target.summary} />}
                {props.editable && best !== undefined && (
                  <p>
                    <button type="submit" class="use secondary-use" name="use" value={`f:${field}`} data-field={field} data-fill={best}>
                      {t("translate.useBest")}
                    </button>
                  </p>
                )}
              </div>
            </section>
          );
        })}
        {props.editable && (
          <p class="translate-actions">
            <button type="submit" name="action" value="save" class="secondary-save">
              {t("translate.save")}
            </button>{" "}
            <button type="submit" name="action" value="approve">
              {t("translate.approve", { language: languageName })}
            </button>
          </p>
        )}
      </form>
      <script src={translateScript} defer></script>
    </Page>
  );
};
