// The gazetteer (admins): places with their names in every language and whether a native speaker has checked the
// Lao and Khmer names; a search in any language; a place added; a place's names to correct; marking it reviewed (or not).
import { gateTypes, languages, placeKinds } from "../../domain/index.ts";
import {
  CheckboxGroup,
  FieldProblem,
  FormProblems,
  Notice,
  TextField,
  describedBy,
  errorsFor,
  formErrors,
  type FieldErrors,
  type FormValues,
} from "./admin-forms.tsx";
import { formatDateTime } from "./format.ts";
import { CsrfField, Page } from "./layout.tsx";
import type { ConsoleContext } from "./session.ts";

export type PlaceRow = {
  code: string;
  kind: string;
  parentCode: string | null;
  names: Record<string, string>;
  languages: string[];
  reviewed: boolean;
  updatedAt: Date;
  note: string | null;
};
export type PlaceSearch = { q: string; reviewed: string; kind: string };

const ReviewState = (props: { console: ConsoleContext; reviewed: boolean }) =>
  props.reviewed ? (
    <span class="badge status-published">{props.console.t("admin.reviewed")}</span>
  ) : (
    <span class="badge flag-silent">{props.console.t("admin.unreviewed")}</span>
  );

const ReviewButton = (props: { console: ConsoleContext; place: PlaceRow; back: string }) => (
  <form method="post" action={`/places/${props.place.code}/review`} class="inline">
    <CsrfField console={props.console} />
    <input type="hidden" name="reviewed" value={props.place.reviewed ? "false" : "true"} />
    <input type="hidden" name="back" value={props.back} />
    <button
      type="submit"
      class={props.place.reviewed ? "secondary" : undefined}
      aria-label={`${props.console.t(props.place.reviewed ? "admin.markUnreviewed" : "admin.markReviewed")}: ${props.place.names.vi ?? props.place.code}`}
    >
      {props.console.t(props.place.reviewed ? "admin.markUnreviewed" : "admin.markReviewed")}
    </button>
  </form>
);

/** The countries a place may be in (the gazetteer's). */
export const placeCountries = ["VN", "LA", "KH"] as const;

/** The add-a-place form's fields (problems of other keys are listed above it). */
const newPlaceKeys = ["code", "kind", "country", "parentCode", "names", "languages", "gateType", "counterpartCode"];

/** A labelled select with its problems. */
const SelectField = (props: { id: string; name: string; label: string; value: string; options: { value: string; label: string }[]; errors?: FieldErrors }) => {
  const errors = errorsFor(props.errors, props.name);
  return (
    <p class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} {...describedBy(props.id, { errors })}>
        {props.options.map((option) => (
          <option value={option.value} selected={props.value === option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldProblem id={props.id} errors={errors} />
    </p>
  );
};

/** Adding a place (the API's CreatePlaceSchema and use case): it starts unreviewed. */
const NewPlaceForm = (props: { console: ConsoleContext; form: { values: FormValues; errors?: FieldErrors | undefined } }) => {
  const { t } = props.console;
  const { values, errors } = props.form;
  const text = (key: string) => {
    const value = values[key];
    return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  };
  const chosen = values.languages === undefined ? [] : Array.isArray(values.languages) ? values.languages : [values.languages];
  return (
    <section aria-labelledby="new-place">
      <h2 id="new-place">{t("admin.newPlace")}</h2>
      <p class="hint">{t("admin.hint.newPlace")}</p>
      {Object.keys(errors ?? {}).length > 0 && <FormProblems title={t("admin.formHasProblems")} errors={formErrors(errors, newPlaceKeys)} />}
      {/* the fragment keeps the answer (its problems beside the fields) scrolled to this form */}
      <form method="post" action="/places#new-place" class="stack admin-form">
        <CsrfField console={props.console} />
        <TextField id="f-code" name="code" label={t("admin.placeCode")} value={values.code} errors={errors} hint={t("admin.hint.placeCode")} required />
        <SelectField
          id="f-kind"
          name="kind"
          label={t("admin.placeKind")}
          value={text("kind")}
          options={placeKinds.map((kind) => ({ value: kind, label: t(`admin.placeKinds.${kind}`) }))}
          errors={errors}
        />
        <SelectField
          id="f-country"
          name="country"
          label={t("admin.country")}
          value={text("country")}
          options={placeCountries.map((country) => ({ value: country, label: t(`admin.countries.${country}`) }))}
          errors={errors}
        />
        <TextField
          id="f-parentCode"
          name="parentCode"
          label={t("admin.placeParent")}
          value={values.parentCode}
          errors={errors}
          hint={t("admin.hint.placeParent")}
        />
        <fieldset class="choices">
          <legend>{t("admin.placeNames")}</legend>
          {languages.map((language) => (
            <TextField
              id={`f-names-${language}`}
              name={`names.${language}`}
              label={t(`languages.${language}`)}
              value={values[`names.${language}`]}
              errors={errors}
              required
              wide
            />
          ))}
        </fieldset>
        <CheckboxGroup
          id="f-languages"
          name="languages"
          legend={t("admin.field.placeLanguages")}
          options={languages.map((language) => ({ value: language, label: `${t(`languages.${language}`)} (${language})` }))}
          chosen={chosen}
          errors={errors}
        />
        <SelectField
          id="f-gateType"
          name="gateType"
          label={t("admin.field.gateType")}
          value={text("gateType")}
          options={[{ value: "", label: t("admin.gateTypes.none") }, ...gateTypes.map((type) => ({ value: type, label: t(`admin.gateTypes.${type}`) }))]}
          errors={errors}
        />
        <TextField id="f-counterpartCode" name="counterpartCode" label={t("admin.field.counterpartCode")} value={values.counterpartCode} errors={errors} />
        <p>
          <button type="submit">{t("admin.create")}</button>
        </p>
      </form>
    </section>
  );
};

export const PlacesPage = (props: {
  console: ConsoleContext;
  places: PlaceRow[];
  total: number;
  search: PlaceSearch;
  back: string;
  notice?: string | undefined;
  form: { values: FormValues; errors?: FieldErrors | undefined };
}) => {
  const { t } = props.console;
  return (
    <Page console={props.console} title={t("admin.places")} current="/places">
      <Notice text={props.notice} />
      <p>
        <a class="button" href="#new-place">
          {t("admin.newPlace")}
        </a>
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a form is the search landmark here; <search> is not yet in every browser the department uses */}
      <form method="get" action="/places" class="filters" role="search">
        <p class="field wide">
          <label for="place-q">{t("admin.placeSearch")}</label>
          <input id="place-q" name="q" type="search" value={props.search.q} aria-describedby="place-q-hint" />
          <small id="place-q-hint" class="hint">
            {t("admin.hint.placeSearch")}
          </small>
        </p>
        <p class="field">
          <label for="place-reviewed">{t("admin.reviewState")}</label>
          <select id="place-reviewed" name="reviewed">
            <option value="">{t("admin.all")}</option>
            <option value="false" selected={props.search.reviewed === "false"}>
              {t("admin.unreviewed")}
            </option>
            <option value="true" selected={props.search.reviewed === "true"}>
              {t("admin.reviewed")}
            </option>
          </select>
        </p>
        <p class="field">
          <label for="place-kind">{t("admin.placeKind")}</label>
          <select id="place-kind" name="kind">
            <option value="">{t("admin.all")}</option>
            {placeKinds.map((kind) => (
              <option value={kind} selected={props.search.kind === kind}>
                {t(`admin.placeKinds.${kind}`)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit">{t("admin.search")}</button>
        </p>
      </form>
      <p role="status">{t("admin.placesFound", { shown: props.places.length, total: props.total })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("admin.placeCode")}</th>
            {languages.map((language) => (
              <th scope="col" lang={language}>
                {t(`languages.${language}`)}
              </th>
            ))}
            <th scope="col">{t("admin.reviewState")}</th>
          </tr>
        </thead>
        <tbody>
          {props.places.map((place) => (
            <tr>
              <td>
                <a href={`/places/${place.code}`}>{place.code}</a> <small>{t(`admin.placeKinds.${place.kind}`)}</small>
              </td>
              {languages.map((language) => (
                <td lang={language}>{place.names[language] ?? ""}</td>
              ))}
              <td>
                <ReviewState console={props.console} reviewed={place.reviewed} /> <ReviewButton console={props.console} place={place} back={props.back} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewPlaceForm console={props.console} form={props.form} />
    </Page>
  );
};

export const PlacePage = (props: {
  console: ConsoleContext;
  place: PlaceRow;
  form: { values: FormValues; errors?: FieldErrors | undefined };
  notice?: string | undefined;
}) => {
  const { t } = props.console;
  const { values, errors } = props.form;
  const keys = languages.map((language) => `names.${language}`);
  return (
    <Page console={props.console} title={`${t("admin.place")}: ${props.place.names.vi ?? props.place.code}`} current="/places">
      <p>
        <a href="/places">{t("admin.backToPlaces")}</a>
      </p>
      <Notice text={props.notice} />
      <dl class="facts">
        <dt>{t("admin.placeCode")}</dt>
        <dd>{props.place.code}</dd>
        <dt>{t("admin.placeKind")}</dt>
        <dd>{t(`admin.placeKinds.${props.place.kind}`)}</dd>
        <dt>{t("admin.placeParent")}</dt>
        <dd>{props.place.parentCode ?? "—"}</dd>
        <dt>{t("admin.reviewState")}</dt>
        <dd>
          <ReviewState console={props.console} reviewed={props.place.reviewed} />{" "}
          <ReviewButton console={props.console} place={props.place} back={`/places/${props.place.code}`} />
        </dd>
        <dt>{t("admin.updated")}</dt>
        <dd>{formatDateTime(props.place.updatedAt)}</dd>
      </dl>
      <section aria-labelledby="names">
        <h2 id="names">{t("admin.placeNames")}</h2>
        <p class="hint">{t("admin.hint.placeNames")}</p>
        {Object.keys(errors ?? {}).length > 0 && <FormProblems title={t("admin.formHasProblems")} errors={formErrors(errors, keys)} />}
        <form method="post" action={`/places/${props.place.code}`} class="stack admin-form">
          <CsrfField console={props.console} />
          {languages.map((language) => (
            <TextField
              id={`f-names-${language}`}
              name={`names.${language}`}
              label={t(`languages.${language}`)}
              value={values[`names.${language}`]}
              errors={errors}
              required
              wide
            />
          ))}
          <p>
            <button type="submit">{t("admin.save")}</button>
          </p>
        </form>
      </section>
    </Page>
  );
};
