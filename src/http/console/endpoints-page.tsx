// Partners, screens and stations with their last contact and health (admins and reporting officers); for admins,
// the forms that create and change them and their tokens (issued, shown once, revoked).
import type { Child } from "hono/jsx";
import { languages, type Language } from "../../domain/index.ts";
import {
  CheckboxGroup,
  FormProblems,
  Notice,
  TextField,
  describedBy,
  errorsFor,
  FieldProblem,
  formErrors,
  type FieldErrors,
  type FormValues,
} from "./admin-forms.tsx";
import { formatDateTime } from "./format.ts";
import { CsrfField, Page } from "./layout.tsx";
import type { ConsoleContext } from "./session.ts";

export const endpointKinds = ["partners", "screens", "stations"] as const;
export type EndpointKind = (typeof endpointKinds)[number];

/** What every endpoint's row says about its contact: when it last called, and whether that is too long ago. */
type Contact = { lastSeenAt: Date | string | null; silentTooLong: boolean };

type PartnerRow = {
  id: string;
  name: string;
  areas: string[];
  languages: string[];
  kinds: string[];
  leaseSeconds: number;
  disabled: boolean;
  contact: Contact;
};
type ScreenRow = {
  id: string;
  name: string;
  gateCode: string;
  languages: string[];
  width: number;
  height: number;
  disabled: boolean;
  health: {
    lastSeenAt: string | null;
    upToDate: boolean;
    silentTooLong: boolean;
    lastFault: string | null;
    lastFaultAt: string | null;
    playerVersion: string | null;
  };
  showing?: { headline: string; language: string } | undefined;
};
type StationRow = { id: string; name: string; areaCode: string; languages: string[]; disabled: boolean; namesReviewed: boolean; contact: Contact };

const Badge = (props: { children: Child; kind?: string }) => <span class={props.kind ? `badge ${props.kind}` : "badge"}>{props.children}</span>;

/** Silent too long as words (not colour alone), beside the last contact. */
const ContactCell = (props: { t: ConsoleContext["t"]; contact: Contact }) => (
  <td>
    {props.contact.lastSeenAt ? formatDateTime(props.contact.lastSeenAt) : props.t("endpoints.never")}
    {props.contact.silentTooLong && (
      <>
        {" "}
        <Badge kind="flag-silent">{props.t("endpoints.silent")}</Badge>
      </>
    )}
  </td>
);

export const thumbnailPath = (screenId: string) => `/endpoints/screens/${screenId}/thumbnail`;

export const EndpointsPage = (props: {
  console: ConsoleContext;
  partners: PartnerRow[];
  screens: ScreenRow[];
  stations: StationRow[];
  admin: boolean;
  /** a place's name in the reader's language, for a code */
  place: (code: string) => string;
  notice?: string;
}) => {
  const { t } = props.console;
  const languageNames = (codes: readonly string[]) => codes.map((code) => t(`languages.${code}`, { defaultValue: code })).join(", ");
  const yesNo = (value: boolean) => (value ? t("endpoints.yes") : t("endpoints.no"));
  const named = (kind: EndpointKind, row: { id: string; name: string; disabled: boolean }) => (
    <>
      {props.admin ? <a href={`/endpoints/${kind}/${row.id}`}>{row.name}</a> : row.name} {row.disabled && <Badge>{t("endpoints.disabled")}</Badge>}
    </>
  );
  const add = (kind: EndpointKind) =>
    props.admin && (
      <p>
        <a class="button" href={`/endpoints/${kind}/new`}>
          {t(`admin.add.${kind}`)}
        </a>
      </p>
    );
  return (
    <Page console={props.console} title={t("nav.endpoints")} current="/endpoints" scripts={["/console/assets/thumbnails.js"]}>
      <Notice text={props.notice} />
      <section aria-labelledby="partners">
        <h2 id="partners">{t("endpoints.partners")}</h2>
        {add("partners")}
        <table>
          <thead>
            <tr>
              <th scope="col">{t("endpoints.name")}</th>
              <th scope="col">{t("list.areas")}</th>
              <th scope="col">{t("list.languages")}</th>
              <th scope="col">{t("endpoints.lastContact")}</th>
            </tr>
          </thead>
          <tbody>
            {props.partners.map((partner) => (
              <tr class={partner.contact.silentTooLong ? "silent" : undefined}>
                <td>{named("partners", partner)}</td>
                <td>{partner.areas.map(props.place).join(", ")}</td>
                <td>{languageNames(partner.languages)}</td>
                <ContactCell t={t} contact={partner.contact} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="screens">
        <h2 id="screens">{t("endpoints.screens")}</h2>
        {add("screens")}
        <p class="hint">{t("admin.thumbnailHint")}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.showingNow")}</th>
              <th scope="col">{t("endpoints.name")}</th>
              <th scope="col">{t("endpoints.gate")}</th>
              <th scope="col">{t("endpoints.lastContact")}</th>
              <th scope="col">{t("endpoints.upToDate")}</th>
              <th scope="col">{t("endpoints.fault")}</th>
            </tr>
          </thead>
          <tbody>
            {props.screens.map((screen) => (
              <tr class={screen.health.silentTooLong ? "silent" : undefined}>
                <td class="thumbnail">
                  <img
                    src={thumbnailPath(screen.id)}
                    data-screen-id={screen.id}
                    data-refresh={thumbnailPath(screen.id)}
                    alt={
                      screen.showing
                        ? t("admin.showingAlt", { name: screen.name, headline: screen.showing.headline })
                        : t("admin.showingNothing", { name: screen.name })
                    }
                    width={screen.width >= screen.height ? 160 : Math.round((160 * screen.width) / screen.height)}
                    height={screen.width >= screen.height ? Math.round((160 * screen.height) / screen.width) : 160}
                    loading="lazy"
                  />
                </td>
                <td>
                  {named("screens", screen)} <small>{`${screen.width}×${screen.height}`}</small>
                </td>
                <td>{props.place(screen.gateCode)}</td>
                <ContactCell t={t} contact={screen.health} />
                <td>{yesNo(screen.health.upToDate)}</td>
                <td>
                  {screen.health.lastFault ?? ""}
                  {screen.health.lastFault && screen.health.lastFaultAt && <small> ({formatDateTime(screen.health.lastFaultAt)})</small>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="stations">
        <h2 id="stations">{t("endpoints.stations")}</h2>
        {add("stations")}
        <table>
          <thead>
            <tr>
              <th scope="col">{t("endpoints.name")}</th>
              <th scope="col">{t("endpoints.area")}</th>
              <th scope="col">{t("list.languages")}</th>
              <th scope="col">{t("endpoints.lastContact")}</th>
            </tr>
          </thead>
          <tbody>
            {props.stations.map((station) => (
              <tr class={station.contact.silentTooLong ? "silent" : undefined}>
                <td>
                  {named("stations", station)} {!station.namesReviewed && <Badge>{t("admin.namesUnreviewed")}</Badge>}
                </td>
                <td>{props.place(station.areaCode)}</td>
                <td>{languageNames(station.languages)}</td>
                <ContactCell t={t} contact={station.contact} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Page>
  );
};

/** One endpoint's form: the fields its create (or change) schema takes, with what was typed and what is wrong. */
export type EndpointForm = { kind: EndpointKind; mode: "create" | "change"; values: FormValues; errors?: FieldErrors | undefined };

const languageOptions = (t: ConsoleContext["t"]) => languages.map((code) => ({ value: code, label: `${t(`languages.${code}`)} (${code})` }));
const listValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

/** The field keys each form shows (problems of other keys are listed above the form). */
const fieldKeys: Record<EndpointKind, Record<"create" | "change", string[]>> = {
  partners: {
    create: ["name", "areas", "languages", "kinds", "smsPolicy.sender", "smsPolicy.maxParts", "smsPolicy.stripDiacritics", "leaseSeconds"],
    change: ["leaseSeconds", "disabled"],
  },
  screens: { create: ["name", "gateCode", "languages", "width", "height"], change: ["name", "gateCode", "languages", "width", "height", "disabled"] },
  stations: {
    create: ["name", "areaCode", "languages", "names", "namesReviewed"],
    change: ["name", "areaCode", "languages", "names", "namesReviewed", "disabled"],
  },
};

/** Disabling an endpoint (change form only): its tokens are refused until it is enabled again. */
const DisabledField = (props: { console: ConsoleContext; form: EndpointForm }) => {
  const { t } = props.console;
  const errors = errorsFor(props.form.errors, "disabled");
  return (
    <p class="check">
      <label>
        <input
          type="checkbox"
          name="disabled"
          checked={listValue(props.form.values.disabled).length > 0}
          {...describedBy("f-disabled", { errors, hint: true })}
        />{" "}
        {t("admin.field.endpointDisabled")}
      </label>
      <small id="f-disabled-hint" class="hint">
        {t(`admin.hint.disabled.${props.form.kind}`)}
      </small>
      <FieldProblem id="f-disabled" errors={errors} />
    </p>
  );
};

const FormFields = (props: { console: ConsoleContext; form: EndpointForm }) => (
  <>
    <KindFields console={props.console} form={props.form} />
    {props.form.mode === "change" && <DisabledField console={props.console} form={props.form} />}
  </>
);

const KindFields = (props: { console: ConsoleContext; form: EndpointForm }) => {
  const { t } = props.console;
  const { kind, mode, values, errors } = props.form;
  const id = (name: string) => `f-${name.replace(/\./g, "-")}`;
  const field = (name: string, options: { hint?: string; type?: string; required?: boolean; inputmode?: "numeric"; wide?: boolean } = {}) => (
    <TextField id={id(name)} name={name} label={t(`admin.field.${name}`)} value={values[name]} errors={errors} {...options} />
  );
  const languagesField = (
    <CheckboxGroup
      id="f-languages"
      name="languages"
      legend={t("admin.field.languages")}
      options={languageOptions(t)}
      chosen={listValue(values.languages)}
      errors={errors}
    />
  );
  if (kind === "partners") {
    if (mode === "change") return field("leaseSeconds", { hint: t("admin.hint.leaseSeconds"), inputmode: "numeric", required: true });
    const strip = errorsFor(errors, "smsPolicy.stripDiacritics");
    return (
      <>
        {field("name", { required: true, wide: true })}
        {field("areas", { hint: t("admin.hint.areas"), required: true, wide: true })}
        {languagesField}
        <CheckboxGroup
          id="f-kinds"
          name="kinds"
          legend={t("admin.field.kinds")}
          options={[
            { value: "sms", label: "SMS" },
            { value: "voice", label: t("admin.voice") },
          ]}
          chosen={listValue(values.kinds)}
          errors={errors}
        />
        {field("smsPolicy.sender", { hint: t("admin.hint.sender"), required: true })}
        {field("smsPolicy.maxParts", { hint: t("admin.hint.maxParts"), inputmode: "numeric" })}
        <p class="check">
          <label>
            <input
              type="checkbox"
              name="smsPolicy.stripDiacritics"
              checked={listValue(values["smsPolicy.stripDiacritics"]).length > 0}
              {...describedBy("f-smsPolicy-stripDiacritics", { errors: strip })}
            />{" "}
            {t("admin.field.smsPolicy.stripDiacritics")}
          </label>
          <FieldProblem id="f-smsPolicy-stripDiacritics" errors={strip} />
        </p>
        {field("leaseSeconds", { hint: t("admin.hint.leaseSeconds"), inputmode: "numeric" })}
      </>
    );
  }
  if (kind === "screens") {
    return (
      <>
        {field("name", { required: true, wide: true })}
        {field("gateCode", { hint: t("admin.hint.place"), required: true })}
        {languagesField}
        {field("width", { hint: t("admin.hint.pixels"), inputmode: "numeric", required: true })}
        {field("height", { hint: t("admin.hint.pixels"), inputmode: "numeric", required: true })}
      </>
    );
  }
  const reviewed = errorsFor(errors, "namesReviewed");
  return (
    <>
      {field("name", { required: true, wide: true })}
      {field("areaCode", { hint: t("admin.hint.place"), required: true })}
      {languagesField}
      <fieldset class="choices">
        <legend>{t("admin.field.names")}</legend>
        <p class="hint">{t("admin.hint.stationNames")}</p>
        {languages.map((language: Language) => (
          <TextField
            id={id(`names.${language}`)}
            name={`names.${language}`}
            label={t(`languages.${language}`)}
            value={values[`names.${language}`]}
            errors={errors}
            wide
          />
        ))}
      </fieldset>
      <p class="check">
        <label>
          <input
            type="checkbox"
            name="namesReviewed"
            checked={listValue(values.namesReviewed).length > 0}
            {...describedBy("f-namesReviewed", { errors: reviewed })}
          />{" "}
          {t("admin.field.namesReviewed")}
        </label>
        <FieldProblem id="f-namesReviewed" errors={reviewed} />
      </p>
    </>
  );
};

/** The create or change form of an endpoint. */
const EndpointFormSection = (props: { console: ConsoleContext; form: EndpointForm; action: string; submit: string }) => {
  const { t } = props.console;
  const others = formErrors(props.form.errors, fieldKeys[props.form.kind][props.form.mode]);
  const any = Object.keys(props.form.errors ?? {}).length > 0;
  return (
    <>
      {any && <FormProblems title={t("admin.formHasProblems")} errors={others} />}
      <form method="post" action={props.action} class="stack admin-form">
        <CsrfField console={props.console} />
        <FormFields console={props.console} form={props.form} />
        <p>
          <button type="submit">{props.submit}</button> <a href="/endpoints">{t("workflow.cancel")}</a>
        </p>
      </form>
    </>
  );
};

export const NewEndpointPage = (props: { console: ConsoleContext; form: EndpointForm; status?: number }) => {
  const { t } = props.console;
  return (
    <Page console={props.console} title={t(`admin.add.${props.form.kind}`)} current="/endpoints">
      <p>{t("admin.tokenOnCreate")}</p>
      <EndpointFormSection console={props.console} form={props.form} action={`/endpoints/${props.form.kind}`} submit={t("admin.create")} />
    </Page>
  );
};

export type TokenRow = { id: string; label: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; expiresAt: Date | null };

/** A token just issued: shown this once, never again (only its hash is kept). */
export const IssuedToken = (props: { console: ConsoleContext; token: string; name: string }) => {
  const { t } = props.console;
  return (
    <section class="issued" aria-labelledby="issued-token">
      <h2 id="issued-token">{t("admin.tokenIssuedTitle", { name: props.name })}</h2>
      <p>
        <strong>{t("admin.tokenOnce")}</strong>
      </p>
      <p class="field">
        <label for="issued-token-value">{t("admin.token")}</label>
        <input id="issued-token-value" class="secret" readonly value={props.token} aria-describedby="issued-token-hint" />
        <small id="issued-token-hint" class="hint">
          {t("admin.copyHint")}
        </small>
      </p>
    </section>
  );
};

const TokensSection = (props: {
  console: ConsoleContext;
  kind: EndpointKind;
  id: string;
  tokens: TokenRow[];
  labelErrors?: string[] | undefined;
  now: Date;
}) => {
  const { t } = props.console;
  const state = (token: TokenRow) =>
    token.revokedAt
      ? t("admin.tokenRevoked", { at: formatDateTime(token.revokedAt) })
      : token.expiresAt && token.expiresAt.getTime() <= props.now.getTime()
        ? t("admin.tokenExpired")
        : t("admin.tokenLive");
  const labelErrors = props.labelErrors ?? [];
  return (
    <section aria-labelledby="tokens">
      <h2 id="tokens">{t("admin.tokens")}</h2>
      <p class="hint">{t("admin.tokensHint")}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("admin.tokenLabel")}</th>
            <th scope="col">{t("admin.tokenCreated")}</th>
            <th scope="col">{t("admin.tokenLastUsed")}</th>
            <th scope="col">{t("admin.tokenState")}</th>
            <th scope="col">
              <span class="sr-only">{t("admin.revoke")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => (
            <tr>
              <td>{token.label || "—"}</td>
              <td>{formatDateTime(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t("endpoints.never")}</td>
              <td>{state(token)}</td>
              <td>
                {!token.revokedAt && (
                  <form method="post" action={`/endpoints/${props.kind}/${props.id}/tokens/${token.id}/revoke`} class="inline">
                    <CsrfField console={props.console} />
                    <button type="submit" class="secondary" aria-label={t("admin.revokeNamed", { label: token.label || formatDateTime(token.createdAt) })}>
                      {t("admin.revoke")}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={`/endpoints/${props.kind}/${props.id}/tokens`} class="inline issue">
        <CsrfField console={props.console} />
        <label for="token-label">{t("admin.tokenLabel")}</label>
        <input id="token-label" name="label" maxlength={100} autocomplete="off" {...describedBy("token-label", { errors: labelErrors })} />
        <button type="submit">{t("admin.issue")}</button>
        <FieldProblem id="token-label" errors={labelErrors} />
      </form>
    </section>
  );
};

export const EndpointPage = (props: {
  console: ConsoleContext;
  kind: EndpointKind;
  endpoint: { id: string; name: string; disabled: boolean };
  facts: [string, string][];
  form: EndpointForm;
  tokens: TokenRow[];
  issued?: string | undefined;
  notice?: string | undefined;
  labelErrors?: string[] | undefined;
  now: Date;
}) => {
  const { t } = props.console;
  return (
    <Page console={props.console} title={`${t(`admin.kind.${props.kind}`)}: ${props.endpoint.name}`} current="/endpoints">
      <p>
        <a href="/endpoints">{t("admin.backToEndpoints")}</a>
      </p>
      <Notice text={props.notice} />
      {props.issued && <IssuedToken console={props.console} token={props.issued} name={props.endpoint.name} />}
      <dl class="facts">
        {props.facts.map(([term, value]) => (
          <>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      <section aria-labelledby="change">
        <h2 id="change">{t("admin.change")}</h2>
        <EndpointFormSection console={props.console} form={props.form} action={`/endpoints/${props.kind}/${props.endpoint.id}`} submit={t("admin.save")} />
      </section>
      <TokensSection console={props.console} kind={props.kind} id={props.endpoint.id} tokens={props.tokens} labelErrors={props.labelErrors} now={props.now} />
    </Page>
  );
};
