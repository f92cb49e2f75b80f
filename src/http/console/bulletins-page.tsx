// The bulletin list (what waits for me and urgent bulletins in force first, then every bulletin with the API's
// filters) and a bulletin's page (its texts side by side, the delivery log, the audit trail).
import type { Bulletin } from "../../db/queries/bulletins.ts";
import { bulletinModes, bulletinStatuses, categories, languages, urgencies, type Language } from "../../domain/index.ts";
import { formatDateTime } from "./format.ts";
import { CsrfField, Page } from "./layout.tsx";
import { auditText, DeliverySection } from "./delivery-section.tsx";
import type { BulletinDelivery } from "../../delivery/bulletin-delivery.ts";
import type { ConsoleContext } from "./session.ts";
import type { ReviewMark } from "../../localize/review-marks.ts";
import { ReviewMarks } from "./translate-page.tsx";

/** A bulletin as the list shows it: its headlines, the languages it waits for, its areas by name in the reader's
 *  language. */
export type ListedBulletin = Bulletin & { headlines: Partial<Record<Language, string>>; waiting: Language[]; areaNames: string[] };

/** The headline in the reader's language where there is one, else in the bulletin's source language. */
const headlineOf = (bulletin: ListedBulletin, language: Language) => bulletin.headlines[language] ?? bulletin.headlines[bulletin.sourceLanguage];

const Badges = (props: { console: ConsoleContext; bulletin: Bulletin }) => {
  const { t } = props.console;
  const { bulletin } = props;
  return (
    <>
      <span class={`badge status-${bulletin.status}`}>{t(`statuses.${bulletin.status}`)}</span>{" "}
      {bulletin.urgency !== "routine" && <span class={`badge urgency-${bulletin.urgency}`}>{t(`urgencies.${bulletin.urgency}`)}</span>}{" "}
      {bulletin.mode !== "actual" && <span class="badge mode">{t(`modes.${bulletin.mode}`)}</span>}
    </>
  );
};

const Waiting = (props: { console: ConsoleContext; languages: Language[] }) =>
  props.languages.length > 0 ? (
    <span class="waiting">
      {props.console.t("messages.waitingFor", { languages: props.languages.map((language) => props.console.t(`languages.${language}`)).join(", ") })}
    </span>
  ) : null;

const Table = (props: { console: ConsoleContext; items: ListedBulletin[]; caption: string }) => {
  const { t, language } = props.console;
  return (
    <table>
      <caption class="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("list.headline")}</th>
          <th scope="col">{t("list.status")}</th>
          <th scope="col">{t("list.areas")}</th>
          <th scope="col">{t("list.languages")}</th>
          <th scope="col">{t("list.created")}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((bulletin) => (
          <tr class={bulletin.urgency === "urgent" ? "urgent" : undefined}>
            <td>
              <a href={`/bulletins/${bulletin.id}`}>{headlineOf(bulletin, language) ?? t("list.noHeadline")}</a>
            </td>
            <td>
              <Badges console={props.console} bulletin={bulletin} /> <Waiting console={props.console} languages={bulletin.waiting} />
            </td>
            <td>{bulletin.areaNames.join(", ")}</td>
            <td>{bulletin.targetLanguages.map((target) => t(`languages.${target}`)).join(", ")}</td>
            <td>{formatDateTime(bulletin.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const Select = (props: {
  name: string;
  label: string;
  values: readonly string[];
  labelOf: (value: string) => string;
  chosen: string | undefined;
  any: string;
}) => (
  <p class="field">
    <label for={`filter-${props.name}`}>{props.label}</label>
    <select id={`filter-${props.name}`} name={props.name}>
      <option value="">{props.any}</option>
      {props.values.map((value) => (
        <option value={value} selected={value === props.chosen}>
          {props.labelOf(value)}
        </option>
      ))}
    </select>
  </p>
);

export type ListFilters = { status?: string; urgency?: string; category?: string; mode?: string; q?: string };

export const BulletinListPage = (props: {
  console: ConsoleContext;
  filters: ListFilters;
  waitingForMe: ListedBulletin[];
  urgentInForce: ListedBulletin[];
  items: ListedBulletin[];
  nextHref: string | undefined;
}) => {
  const { t } = props.console;
  const { filters } = props;
  return (
    <Page console={props.console} title={t("list.title")} current="/">
      {props.console.user.roles.includes("editor") && (
        <p>
          <a href="/bulletins/new" class="button" id="new-bulletin">
            {t("compose.title")}
          </a>
        </p>
      )}
      {props.urgentInForce.length > 0 && <Table console={props.console} items={props.urgentInForce} caption={t("list.urgentInForce")} />}
      <section aria-labelledby="waiting-for-me">
        <h2 id="waiting-for-me">{t("list.waitingForMe")}</h2>
        {props.waitingForMe.length > 0 ? (
          <Table console={props.console} items={props.waitingForMe} caption={t("list.waitingForMe")} />
        ) : (
          <p>{t("list.nothingWaiting")}</p>
        )}
      </section>
      <section aria-labelledby="all-bulletins">
        <h2 id="all-bulletins">{t("list.title")}</h2>
        {/* biome-ignore lint/a11y/useSemanticElements: a form is the search landmark here; <search> is not yet in every browser the department uses */}
        <form method="get" action="/" class="filters" role="search">
          <p class="field wide">
            <label for="filter-q">{t("list.search")}</label>
            <input id="filter-q" type="search" name="q" value={filters.q ?? ""} maxlength={200} />
          </p>
          <Select
            name="status"
            label={t("list.status")}
            values={bulletinStatuses}
            labelOf={(value) => t(`statuses.${value}`)}
            chosen={filters.status}
            any={t("list.any")}
          />
          <Select
            name="urgency"
            label={t("list.urgency")}
            values={urgencies}
            labelOf={(value) => t(`urgencies.${value}`)}
            chosen={filters.urgency}
            any={t("list.any")}
          />
          <Select
            name="category"
            label={t("list.category")}
            values={categories}
            labelOf={(value) => t(`categories.${value}`)}
            chosen={filters.category}
            any={t("list.any")}
          />
          <Select
            name="mode"
            label={t("list.mode")}
            values={bulletinModes}
            labelOf={(value) => t(`modes.${value}`)}
            chosen={filters.mode}
            any={t("list.any")}
          />
          <p class="actions">
            <button type="submit">{t("list.apply")}</button> <a href="/">{t("list.reset")}</a>
          </p>
        </form>
        {props.items.length > 0 ? <Table console={props.console} items={props.items} caption={t("list.title")} /> : <p>{t("list.empty")}</p>}
        {props.nextHref && (
          <p>
            <a href={props.nextHref} rel="next">
              {t("list.next")}
            </a>
          </p>
        )}
      </section>
    </Page>
  );
};

type Text = { language: Language; state: string; origin: string; headline: string; summary: string; body: string };
type LanguageState = { language: Language; state: string; waitingReason?: string; reason?: string; note?: string };
type Delivery = {
  id: number;
  at: Date;
  occurredAt: Date | null;
  channel: string;
  language: string | null;
  event: string;
  reason: string | null;
  submitted: number | null;
  delivered: number | null;
  failed: number | null;
  endpoint: string;
};
type AuditRow = { id: number; at: Date; action: string; fromStatus: string | null; toStatus: string | null; who: string };

/** What the person looking may do with this bulletin now (the use cases check again when they do it). */
export type BulletinActions = {
  submit: boolean;
  /** "four-eyes": an approver who wrote or edited it, shown why they cannot */
  approve: boolean | "four-eyes";
  withdraw: boolean;
  /** a published bulletin: the correct page shows who has it, then the form */
  correct?: boolean;
  approveTexts: Language[];
  /** languages whose translation page the reader may open (a translator, while the texts can change) */
  translate: Language[];
};

const Actions = (props: { console: ConsoleContext; bulletinId: string; can: BulletinActions }) => {
  const { t } = props.console;
  const { can, bulletinId } = props;
  const any = can.submit || can.approve || can.withdraw || can.correct || can.approveTexts.length > 0;
  if (!any) return null;
  return (
    <section aria-labelledby="actions" class="actions-panel">
      <h2 id="actions">{t("workflow.title")}</h2>
      {can.submit && (
        <form method="post" action={`/bulletins/${bulletinId}/submit`} class="inline">
          <CsrfField console={props.console} />
          <button type="submit">{t("actions.submit")}</button>
        </form>
      )}
      {can.approveTexts.map((language) => (
        <form method="post" action={`/bulletins/${bulletinId}/texts/${language}/approve`} class="inline">
          <CsrfField console={props.console} />
          <button type="submit">{t("workflow.approveLanguage", { language: t(`languages.${language}`) })}</button>
        </form>
      ))}
      {can.approve === "four-eyes" && (
        <p class="notice" id="four-eyes">
          {t("workflow.fourEyes")}
        </p>
      )}
      {can.approve === true && (
        <div class="decide">
          <form method="post" action={`/bulletins/${bulletinId}/approve`} class="inline">
            <CsrfField console={props.console} />
            <button type="submit">{t("actions.approve")}</button>
          </form>
          <form method="post" action={`/bulletins/${bulletinId}/reject`} class="inline">
            <CsrfField console={props.console} />
            <label for="reject-reason">{t("workflow.rejectReason")}</label> <input id="reject-reason" name="reason" required maxlength={1000} />{" "}
            <button type="submit" class="secondary">
              {t("actions.reject")}
            </button>
          </form>
        </div>
      )}
      {can.correct && (
        <p>
          <a href={`/bulletins/${bulletinId}/correct`}>{t("compose.correct")}</a>
        </p>
      )}
      {can.withdraw && (
        <p>
          <a href={`/bulletins/${bulletinId}/withdraw`} class="danger">
            {t("actions.withdraw")}
          </a>
        </p>
      )}
    </section>
  );
};

export const BulletinPage = (props: {
  console: ConsoleContext;
  bulletin: Bulletin & { texts: Text[]; languages: LanguageState[]; waitingLanguages: Language[] };
  /** the bulletin's areas by name, in the reader's language */
  areaNames: string[];
  deliveries: Delivery[];
  /** the delivery view: a row per channel x endpoint x language; live when the server sends events */
  delivery: BulletinDelivery & { live: boolean };
  audit: AuditRow[];
  can: BulletinActions;
  reviewMarks?: Partial<Record<Language, ReviewMark[]>>;
  message?: { kind: "error" | "info"; text: string };
}) => {
  const { t, language } = props.console;
  const { bulletin } = props;
  const title =
    bulletin.texts.find((text) => text.language === language)?.headline ??
    bulletin.texts.find((text) => text.language === bulletin.sourceLanguage)?.headline ??
    t("list.noHeadline");
  const ordered = [...bulletin.texts].sort((a, b) =>
    a.language === bulletin.sourceLanguage ? -1 : b.language === bulletin.sourceLanguage ? 1 : languages.indexOf(a.language) - languages.indexOf(b.language),
  );
  return (
    <Page console={props.console} title={title} current="/">
      {props.message && (
        <p class={props.message.kind === "error" ? "error" : "notice"} role={props.message.kind === "error" ? "alert" : "status"}>
          {props.message.text}
        </p>
      )}
      <p>
        <Badges console={props.console} bulletin={bulletin} /> <Waiting console={props.console} languages={bulletin.waitingLanguages} />
      </p>
      <Actions console={props.console} bulletinId={bulletin.id} can={props.can} />
      {bulletin.rejectionReason && bulletin.status === "rejected" && <p class="notice">{t("detail.rejected", { reason: bulletin.rejectionReason })}</p>}
      {bulletin.withdrawalReason && <p class="notice">{t("detail.withdrawn", { reason: bulletin.withdrawalReason })}</p>}
      <dl class="facts">
        <dt>{t("list.category")}</dt>
        <dd>{t(`categories.${bulletin.category}`)}</dd>
        <dt>{t("list.areas")}</dt>
        <dd>{props.areaNames.join(", ")}</dd>
        <dt>{t("detail.channels")}</dt>
        <dd>{bulletin.channels.map((channel) => t(`channels.${channel}`)).join(", ")}</dd>
        <dt>{t("detail.sourceLanguage")}</dt>
        <dd>{t(`languages.${bulletin.sourceLanguage}`)}</dd>
        <dt>{t("detail.targetLanguages")}</dt>
        <dd>
          <ul class="plain">
            {bulletin.languages.map((state) => (
              <li>
                {props.can.translate.includes(state.language) ? (
                  <a href={`/bulletins/${bulletin.id}/texts/${state.language}`}>{t(`languages.${state.language}`)}</a>
                ) : (
                  t(`languages.${state.language}`)
                )}
                : {t(`textStates.${state.state}`)}
                {state.waitingReason && <> ({t("detail.waitingReason", { reason: state.waitingReason })})</>}
                {state.note && <> ({state.note})</>}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("list.created")}</dt>
        <dd>
          {formatDateTime(bulletin.createdAt)} · {t("detail.version", { version: bulletin.version })} ·{" "}
          {t("detail.validity", { from: formatDateTime(bulletin.validFrom), until: formatDateTime(bulletin.validUntil) })}
        </dd>
      </dl>
      <section aria-labelledby="texts">
        <h2 id="texts">{t("detail.texts")}</h2>
        <div class="texts">
          {ordered.map((text) => (
            <article lang={text.language} class="text">
              <h3>
                {t(`languages.${text.language}`)}{" "}
                <small>
                  ({t(`textStates.${text.state}`)} · {t(`origins.${text.origin}`)})
                </small>
              </h3>
              <ReviewMarks console={props.console} marks={props.reviewMarks?.[text.language] ?? []} />
              {props.can.translate.includes(text.language) && (
                <p>
                  <a href={`/bulletins/${bulletin.id}/texts/${text.language}`}>{t("translate.open", { language: t(`languages.${text.language}`) })}</a>
                </p>
              )}
              <p class="headline">{text.headline}</p>
              <h4>{t("detail.summary")}</h4>
              <p>{text.summary}</p>
              <h4>{t("detail.body")}</h4>
              <p class="body">{text.body}</p>
            </article>
          ))}
        </div>
      </section>
      <DeliverySection console={props.console} bulletinId={bulletin.id} delivery={props.delivery} log={props.deliveries} live={props.delivery.live} />
      <section aria-labelledby="audit">
        <h2 id="audit">{t("detail.audit")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("detail.when")}</th>
              <th scope="col">{t("detail.who")}</th>
              <th scope="col">{t("detail.event")}</th>
              <th scope="col">{t("list.status")}</th>
            </tr>
          </thead>
          <tbody>
            {props.audit.map((row) => (
              <tr>
                <td>{formatDateTime(row.at)}</td>
                <td>{row.who}</td>
                <td>{auditText(t, row.action)}</td>
                <td>{row.fromStatus && row.toStatus ? `${t(`statuses.${row.fromStatus}`)} → ${t(`statuses.${row.toStatus}`)}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Page>
  );
};

export const WithdrawPage = (props: {
  console: ConsoleContext;
  bulletinId: string;
  headline: string;
  partners: string[];
  screens: string[];
  stations: string[];
  error?: string;
}) => {
  const { t } = props.console;
  const nothing = props.partners.length + props.screens.length + props.stations.length === 0;
  return (
    <Page console={props.console} title={`${t("workflow.withdrawTitle")}: ${props.headline}`}>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <p>{t("workflow.withdrawIntro")}</p>
      {nothing ? (
        <p>{t("workflow.nobodyYet")}</p>
      ) : (
        <>
          <p>{t("workflow.alreadySent")}</p>
          <ul id="consequences">
            {props.partners.length > 0 && <li>{t("workflow.partnersSent", { list: props.partners.join(", ") })}</li>}
            {props.screens.length > 0 && <li>{t("workflow.screensHave", { list: props.screens.join(", ") })}</li>}
            {props.stations.length > 0 && <li>{t("workflow.stationsHave", { list: props.stations.join(", ") })}</li>}
          </ul>
        </>
      )}
      <form method="post" action={`/bulletins/${props.bulletinId}/withdraw`} class="stack">
        <CsrfField console={props.console} />
        <p class="field">
          <label for="withdraw-reason">{t("workflow.withdrawReason")}</label>
          <input id="withdraw-reason" name="reason" required maxlength={1000} />
        </p>
        <p>
          <button type="submit" class="danger">
            {t("workflow.confirmWithdraw")}
          </button>{" "}
          <a href={`/bulletins/${props.bulletinId}`}>{t("workflow.cancel")}</a>
        </p>
      </form>
    </Page>
  );
};
