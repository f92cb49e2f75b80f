// The compose page (Soạn bản tin) and its live preview: free text, areas found in the gazetteer in any language,
// languages and channels suggested from the areas, and per language each partner's SMS as it will be sent, the
// slide of each screen at the gates, the radio script's reading time and the voice duration. Errors stand beside
// their fields. The same form corrects a published bulletin, after the page has said who already has it.
// hono/jsx escapes every text and attribute, so markup typed into a field shows as text here and in the previews.
import type { Child } from "hono/jsx";
import type { BulletinPreview, LanguagePreview } from "../../bulletins/preview-bulletin.ts";
import { bulletinModes, channels as allChannels, languages as allLanguages, urgencies, type Channel, type Language } from "../../domain/index.ts";
import { fixedT } from "../../localize/i18n.ts";
import { templateNames, type TemplateName } from "../../localize/templates/index.ts";
import { CsrfField, Page } from "./layout.tsx";
import { templateFields } from "./template-fields.ts";
import type { ConsoleContext } from "./session.ts";

export const composeScript = "/console/assets/compose.js";

export type ComposeForm = {
  kind: "free" | "template";
  templateName: TemplateName | "";
  /** the template fields as the form sent them (`tf.<name>`) */
  templateValues: Record<string, string[]>;
  /** border gates, for the template fields that name one */
  gates: { code: string; name: string }[];
  sourceLanguage: Language;
  headline: string;
  summary: string;
  body: string;
  areas: { code: string; name: string }[];
  placeQuery: string;
  /** places the query found (shown as boxes to tick; the no-script search) */
  found: { code: string; name: string }[];
  targetLanguages: Language[];
  languagesTouched: boolean;
  channels: Channel[];
  channelsTouched: boolean;
  urgency: string;
  mode: string;
  /** datetime-local values in the province's time (UTC+7) */
  validFrom: string;
  validUntil: string;
};

/** Which field an error of the create schema belongs beside. */
export const errorField = (path: string) => {
  if (path.startsWith("text.")) return path.split(".")[1]!;
  if (path.startsWith("template.fields.")) return `tf.${path.split(".")[2]}`;
  if (path.startsWith("template")) return "template";
  const first = path.split(".")[0]!;
  return ["areas", "targetLanguages", "channels", "validFrom", "validUntil", "urgency", "mode", "sourceLanguage"].includes(first) ? first : "form";
};

export const groupErrors = (errors: Record<string, string[]>) => {
  const grouped: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(errors)) (grouped[errorField(path)] ??= []).push(...messages);
  return grouped;
};

const FieldError = (props: { id: string; messages: string[] | undefined }) =>
  props.messages && props.messages.length > 0 ? (
    <p class="field-error" id={`${props.id}-error`}>
      {props.messages.join("; ")}
    </p>
  ) : null;

const described = (id: string, errors: Record<string, string[]>, field: string) =>
  errors[field]?.length ? { "aria-describedby": `${id}-error`, "aria-invalid": "true" } : {};

/** The chosen template's fields, each with its error beside it. */
const TemplateBlock = (props: { console: ConsoleContext; form: ComposeForm; errors: Record<string, string[]> }) => {
  const { t, language } = props.console;
  const name = props.form.templateName;
  if (!name) return null;
  const labels = fixedT(language, "templates");
  const value = (field: string) => props.form.templateValues[field]?.[0] ?? "";
  return (
    <div class="template-fields">
      {templateFields[name].map((field) => {
        const id = `field-tf-${field.name}`;
        const label = `${t(`compose.fields.${field.name}`)}${field.optional ? ` (${t("compose.optional")})` : ""}`;
        const errors = props.errors[`tf.${field.name}`];
        const aria = described(id, props.errors, `tf.${field.name}`);
        if (field.kind === "enums") {
          return (
            <fieldset class="choices" id={id}>
              <legend>{label}</legend>
              {field.values!.map((option) => (
                <label>
                  <input type="checkbox" name={`tf.${field.name}`} value={option} checked={(props.form.templateValues[field.name] ?? []).includes(option)} />{" "}
                  {labels(`${field.labels}.${option}`)}
                </label>
              ))}
              <FieldError id={id} messages={errors} />
            </fieldset>
          );
        }
        return (
          <p class="field">
            <label for={id}>{label}</label>
            {field.kind === "enum" || field.kind === "gate" ? (
              <select id={id} name={`tf.${field.name}`} {...aria}>
                <option value="">—</option>
                {(field.kind === "gate"
                  ? props.form.gates.map((gate) => ({ value: gate.code, text: gate.name }))
                  : field.values!.map((option) => ({ value: option, text: labels(`${field.labels}.${option}`) }))
                ).map((option) => (
                  <option value={option.value} selected={option.value === value(field.name)}>
                    {option.text}
                  </option>
                ))}
              </select>
            ) : field.kind === "paragraph" ? (
              <textarea id={id} name={`tf.${field.name}`} rows={4} {...aria}>
                {value(field.name)}
              </textarea>
            ) : (
              <input
                id={id}
                name={`tf.${field.name}`}
                type={field.kind === "date" ? "date" : field.kind === "instant" ? "datetime-local" : field.kind === "clock" ? "time" : "text"}
                value={value(field.name)}
                {...(field.kind === "places" || field.kind === "place" ? { placeholder: "VN-HT-CAUTREO, VN-HT-HUONGSON" } : {})}
                {...aria}
              />
            )}
            <FieldError id={id} messages={errors} />
          </p>
        );
      })}
    </div>
  );
};

const seconds = (value: number) => `${Math.floor(value / 60)}:${String(Math.round(value % 60)).padStart(2, "0")}`;

const SmsTable = (props: { console: ConsoleContext; preview: LanguagePreview }) => {
  const { t } = props.console;
  if (props.preview.sms.length === 0) return <p>{t("compose.noPartner")}</p>;
  return (
    <table class="sms-preview">
      <caption>{t("compose.sms")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("compose.partner")}</th>
          <th scope="col">{t("compose.encoding")}</th>
          <th scope="col">{t("compose.parts")}</th>
          <th scope="col">{t("compose.charactersLeft")}</th>
          <th scope="col">{t("compose.stripped")}</th>
        </tr>
      </thead>
      <tbody>
        {props.preview.sms.map((sms) => (
          <>
            <tr class={sms.fits ? undefined : "too-long"} data-partner={sms.partner} data-parts={String(sms.partCount)}>
              <td>{sms.partner}</td>
              <td>{sms.encoding === "gsm7" ? "GSM-7" : sms.encoding === "ucs2" ? "UCS-2" : ""}</td>
              <td class="sms-parts">{t("compose.partsOf", { parts: sms.partCount, max: sms.maxParts })}</td>
              <td>{sms.fits ? sms.charactersLeft : ""}</td>
              <td>{sms.diacriticsStripped ? t("compose.yes") : t("compose.no")}</td>
            </tr>
            <tr class="sms-text">
              <td colspan={5}>
                {sms.fits ? (
                  <ol class="parts">
                    {sms.parts.map((part) => (
                      <li>{part}</li>
                    ))}
                  </ol>
                ) : (
                  <p class="field-error">{t("compose.tooLong", { detail: sms.problem?.detail ?? "" })}</p>
                )}
              </td>
            </tr>
          </>
        ))}
      </tbody>
    </table>
  );
};

/** The previews, one block per language: what the script swaps in while the editor types. */
export const PreviewFragment = (props: { console: ConsoleContext; preview: BulletinPreview; slideBase: string; deferSlides?: boolean }) => {
  const { t } = props.console;
  const { preview } = props;
  return (
    <div
      id="preview-results"
      data-suggested-languages={preview.suggested.targetLanguages.join(",")}
      data-suggested-channels={preview.suggested.channels.join(",")}
    >
      {preview.languages.map((entry) => (
        <article class="language-preview" lang={entry.language} data-language={entry.language}>
          <h3>{t(`languages.${entry.language}`)}</h3>
          {entry.origin && (
            <p class={entry.draft ? "notice" : "origin"}>
              {entry.draft ? t("compose.draftFrom", { origin: t(`origins.${entry.origin}`) }) : t(`origins.${entry.origin}`)}
              {entry.provider && <> · {t("compose.provider", { provider: entry.provider })}</>}
            </p>
          )}
          {!entry.text ? (
            <p class="waiting">
              {entry.waiting?.code === "no_source_text" ? t("compose.nothingYet") : t("compose.waitsForTranslator", { detail: entry.waiting?.detail ?? "" })}
            </p>
          ) : (
            <>
              {entry.draft && entry.waiting && <p class="waiting">{t("compose.waitsForTranslator", { detail: entry.waiting.detail })}</p>}
              <p class="headline">{entry.text.headline}</p>
              {preview.channels.includes("sms") && <SmsTable console={props.console} preview={entry} />}
              {preview.channels.includes("display") && entry.slides.length === 0 && !entry.text.body.trim() && (
                <p class="hint">{t("compose.slideNeedsText")}</p>
              )}
              {entry.slides.length > 0 && (
                <div class="slides">
                  {entry.slides.map((slide) => (
                    <figure>
                      <img
                        {...(props.deferSlides ? { "data-src": `${props.slideBase}${slide.file}` } : { src: `${props.slideBase}${slide.file}` })}
                        width={Math.round(slide.screen.width / 6)}
                        height={Math.round(slide.screen.height / 6)}
                        alt={t("compose.slideAlt", {
                          screen: slide.screen.name,
                          width: slide.screen.width,
                          height: slide.screen.height,
                          language: t(`languages.${entry.language}`),
                        })}
                      />
                      <figcaption>
                        {slide.screen.name} · {slide.screen.width}×{slide.screen.height}
                      </figcaption>
                    </figure>
                  ))}
                </div>
              )}
              {entry.radio.map((radio) => (
                <details class="radio">
                  <summary>{t("compose.readingTime", { time: seconds(radio.readingSec), station: radio.station })}</summary>
                  <pre>{radio.script}</pre>
                </details>
              ))}
              {entry.voice && <p class="voice">{t("compose.voice", { time: seconds(entry.voice.estimatedSec) })}</p>}
            </>
          )}
        </article>
      ))}
    </div>
  );
};

const Checkboxes = <T extends string>(props: {
  name: string;
  legend: string;
  values: readonly T[];
  chosen: readonly T[];
  labelOf: (value: T) => string;
  suggested: readonly T[];
  suggestedLabel: string;
  errors: string[] | undefined;
  touched: boolean;
  console: ConsoleContext;
}) => (
  <fieldset
    class="choices"
    id={`field-${props.name}`}
    data-touched={props.touched ? "1" : "0"}
    {...(props.errors?.length ? { "aria-describedby": `field-${props.name}-error` } : {})}
  >
    <legend>{props.legend}</legend>
    <input type="hidden" name={`${props.name}Touched`} value={props.touched ? "1" : "0"} />
    {props.values.map((value) => (
      <label>
        <input type="checkbox" name={props.name} value={value} checked={props.chosen.includes(value)} /> {props.labelOf(value)}
        {props.suggested.includes(value) && <small class="suggested"> ({props.suggestedLabel})</small>}
      </label>
    ))}
    <FieldError id={`field-${props.name}`} messages={props.errors} />
  </fieldset>
);

export const ComposePage = (props: {
  console: ConsoleContext;
  form: ComposeForm;
  preview: BulletinPreview | undefined;
  errors: Record<string, string[]>;
  /** where the form posts (the compose or the correct route); its preview route is `${action}/preview` */
  action: string;
  title: string;
  /** shown above the form: a correction's consequences */
  before?: Child;
  message?: string;
  submitLabels?: { draft: string; submit: string };
  /** a correction keeps the bulletin's kind (free text, or its template): shown, not chosen */
  fixedKind?: boolean;
}) => {
  const { t } = props.console;
  const { form, errors } = props;
  const fromTemplate = props.fixedKind && form.kind === "template";
  const suggested = props.preview?.suggested ?? { targetLanguages: [], channels: [] };
  return (
    <Page console={props.console} title={props.title}>
      {props.before}
      {props.message && (
        <p class="error" role="alert">
          {props.message}
        </p>
      )}
      {Object.keys(errors).length > 0 && (
        <div class="error" role="alert" id="form-errors">
          <p>{t("compose.errorsTitle")}</p>
          {errors.form && <p>{errors.form.join("; ")}</p>}
        </div>
      )}
      <div class="compose">
        <form method="post" action={props.action} class="stack compose-form" id="compose-form" data-preview={`${props.action}/preview`} novalidate>
          <CsrfField console={props.console} />
          {props.fixedKind ? (
            <fieldset class="choices" id="field-kind">
              <legend>{t("compose.kind")}</legend>
              <input type="hidden" name="kind" value={form.kind} />
              <input type="hidden" name="templateName" value={form.templateName} />
              <p id="fixed-kind">
                {form.kind === "template" && form.templateName
                  ? `${t("compose.kindTemplate")}: ${t(`compose.templates.${form.templateName}`)}`
                  : t("compose.kindFree")}
              </p>
              <FieldError id="field-template" messages={errors.template} />
              {form.kind === "template" && <TemplateBlock console={props.console} form={form} errors={errors} />}
            </fieldset>
          ) : (
            <fieldset class="choices" id="field-kind">
              <legend>{t("compose.kind")}</legend>
              <label>
                <input type="radio" name="kind" value="free" checked={form.kind === "free"} /> {t("compose.kindFree")}
              </label>
              <label>
                <input type="radio" name="kind" value="template" checked={form.kind === "template"} /> {t("compose.kindTemplate")}
              </label>
              <p class="field">
                <label for="field-template">{t("compose.template")}</label>
                <select id="field-template" name="templateName" {...described("field-template", errors, "template")}>
                  <option value="">—</option>
                  {templateNames.map((name) => (
                    <option value={name} selected={name === form.templateName}>
                      {t(`compose.templates.${name}`)}
                    </option>
                  ))}
                </select>
                <small>{t("compose.templateHint")}</small>
                <FieldError id="field-template" messages={errors.template} />
              </p>
              {form.kind === "template" && <TemplateBlock console={props.console} form={form} errors={errors} />}
            </fieldset>
          )}
          <p class="field">
            <label for="field-sourceLanguage">{t("compose.sourceLanguage")}</label>
            <select id="field-sourceLanguage" name="sourceLanguage">
              {allLanguages.map((language) => (
                <option value={language} selected={language === form.sourceLanguage}>
                  {t(`languages.${language}`)}
                </option>
              ))}
            </select>
          </p>
          {!fromTemplate && (
            <>
              <p class="field">
                <label for="field-headline">{t("compose.headline")}</label>
                <input id="field-headline" name="headline" value={form.headline} maxlength={200} {...described("field-headline", errors, "headline")} />
                <FieldError id="field-headline" messages={errors.headline} />
              </p>
              <p class="field">
                <label for="field-summary">{t("compose.summary")}</label>
                <textarea id="field-summary" name="summary" rows={3} maxlength={1600} {...described("field-summary", errors, "summary")}>
                  {form.summary}
                </textarea>
                <FieldError id="field-summary" messages={errors.summary} />
              </p>
              <p class="field">
                <label for="field-body">{t("compose.body")}</label>
                <textarea id="field-body" name="body" rows={6} {...described("field-body", errors, "body")}>
                  {form.body}
                </textarea>
                <FieldError id="field-body" messages={errors.body} />
              </p>
            </>
          )}
          <fieldset class="choices" id="field-areas" {...(errors.areas?.length ? { "aria-describedby": "field-areas-error" } : {})}>
            <legend>{t("compose.areas")}</legend>
            {form.kind === "template" && form.areas.length === 0 && (
              <p>
                <small>{t("compose.areasFromTemplate")}</small>
              </p>
            )}
            <ul class="plain" id="chosen-areas">
              {form.areas.map((area) => (
                <li>
                  <label>
                    <input type="checkbox" name="areas" value={area.code} checked /> {area.name} <small>({area.code})</small>
                  </label>
                </li>
              ))}
            </ul>
            <p class="field">
              <label for="field-placeQuery">{t("compose.areaSearch")}</label>
              <input
                id="field-placeQuery"
                name="placeQuery"
                type="search"
                value={form.placeQuery}
                maxlength={100}
                autocomplete="off"
                data-search="/console/places"
                aria-describedby="place-hint"
              />
              <small id="place-hint">{t("compose.areaSearchHint")}</small>
            </p>
            <ul class="plain" id="found-areas" aria-live="polite">
              {form.found.map((area) => (
                <li>
                  <label>
                    <input type="checkbox" name="areas" value={area.code} /> {area.name} <small>({area.code})</small>
                  </label>
                </li>
              ))}
              {form.placeQuery && form.found.length === 0 && <li>{t("compose.noPlaces")}</li>}
            </ul>
            <FieldError id="field-areas" messages={errors.areas} />
          </fieldset>
          <Checkboxes
            console={props.console}
            name="targetLanguages"
            legend={t("compose.targetLanguages")}
            values={allLanguages}
            chosen={form.targetLanguages}
            labelOf={(value) => t(`languages.${value}`)}
            suggested={suggested.targetLanguages}
            suggestedLabel={t("compose.suggested")}
            errors={errors.targetLanguages}
            touched={form.languagesTouched}
          />
          <Checkboxes
            console={props.console}
            name="channels"
            legend={t("compose.channels")}
            values={allChannels}
            chosen={form.channels}
            labelOf={(value) => t(`channels.${value}`)}
            suggested={suggested.channels}
            suggestedLabel={t("compose.suggested")}
            errors={errors.channels}
            touched={form.channelsTouched}
          />
          <div class="row">
            <p class="field">
              <label for="field-urgency">{t("compose.urgency")}</label>
              <select id="field-urgency" name="urgency">
                {urgencies.map((value) => (
                  <option value={value} selected={value === form.urgency}>
                    {t(`urgencies.${value}`)}
                  </option>
                ))}
              </select>
            </p>
            <p class="field">
              <label for="field-mode">{t("compose.mode")}</label>
              <select id="field-mode" name="mode">
                {bulletinModes.map((value) => (
                  <option value={value} selected={value === form.mode}>
                    {t(`modes.${value}`)}
                  </option>
                ))}
              </select>
            </p>
            <p class="field">
              <label for="field-validFrom">{t("compose.validFrom")}</label>
              <input
                id="field-validFrom"
                name="validFrom"
                type="datetime-local"
                value={form.validFrom}
                {...described("field-validFrom", errors, "validFrom")}
              />
              <FieldError id="field-validFrom" messages={errors.validFrom} />
            </p>
            <p class="field">
              <label for="field-validUntil">{t("compose.validUntil")}</label>
              <input
                id="field-validUntil"
                name="validUntil"
                type="datetime-local"
                value={form.validUntil}
                required
                {...described("field-validUntil", errors, "validUntil")}
              />
              <FieldError id="field-validUntil" messages={errors.validUntil} />
            </p>
          </div>
          <p class="actions">
            <button type="submit" name="action" value="preview" class="secondary">
              {t("compose.preview")}
            </button>{" "}
            <button type="submit" name="action" value="draft">
              {props.submitLabels?.draft ?? t("compose.saveDraft")}
            </button>{" "}
            <button type="submit" name="action" value="submit">
              {props.submitLabels?.submit ?? t("compose.submit")}
            </button>
          </p>
        </form>
        <section class="compose-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t("compose.previewTitle")}</h2>
          <p class="hint" id="preview-status" role="status">
            {t("compose.previewHint")}
          </p>
          <div id="preview">
            {props.preview ? (
              <PreviewFragment console={props.console} preview={props.preview} slideBase="/console/preview-slides/" />
            ) : (
              <p>{t("compose.nothingYet")}</p>
            )}
          </div>
        </section>
      </div>
      <script src={composeScript} defer></script>
    </Page>
  );
};

/** Before a correction: who already has the bulletin. */
export const CorrectConsequences = (props: { console: ConsoleContext; partners: string[]; screens: string[]; stations: string[] }) => {
  const { t } = props.console;
  const nothing = props.partners.length + props.screens.length + props.stations.length === 0;
  return (
    <section aria-labelledby="consequences-title" class="notice">
      <h2 id="consequences-title">{t("compose.consequences")}</h2>
      <p>{t("compose.correctIntro")}</p>
      {nothing ? (
        <p>{t("workflow.nobodyYet")}</p>
      ) : (
        <ul id="consequences">
          {props.partners.length > 0 && <li>{t("workflow.partnersSent", { list: props.partners.join(", ") })}</li>}
          {props.screens.length > 0 && <li>{t("workflow.screensHave", { list: props.screens.join(", ") })}</li>}
          {props.stations.length > 0 && <li>{t("workflow.stationsHave", { list: props.stations.join(", ") })}</li>}
        </ul>
      )}
    </section>
  );
};
