// Renders a template's fields to headline, summary and body in one language: strings from locales/, place names
// from the gazetteer, dates and times formatted for the locale (24-hour everywhere). The output is plain text;
// each channel escapes it for its own format.
import type { TFunction } from "i18next";
import type { Place } from "../../db/queries/places.ts";
import type { Language } from "../../domain/index.ts";
import { formatDate, formatDateTime } from "../format-locale.ts";
import { fixedT } from "../i18n.ts";
import { diseaseHosts, type TemplateFields, type TemplateInput, type TemplateName } from "./template-schemas.ts";

export type RenderedText = { headline: string; summary: string; body: string };
export type PlaceLookup = ReadonlyMap<string, Pick<Place, "code" | "kind" | "parentCode" | "names" | "languages">>;
/** The free-text fields of a template, in the language being rendered (public-notice only). */
export type FreeText = { title: string; details: string };

type Context = { t: TFunction; language: Language; places: PlaceLookup };

const nameOf = ({ places, language }: Context, code: string) => {
  const place = places.get(code);
  if (!place) throw new Error(`place ${code} is not in the gazetteer`);
  return place.names[language];
};

const provinceOf = (context: Context, code: string) => {
  let current = context.places.get(code);
  while (current && current.kind !== "province") current = current.parentCode ? context.places.get(current.parentCode) : undefined;
  return current ? current.names[context.language] : "";
};

const joinList = ({ t }: Context, items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : t("list.and", { items: items.slice(0, -1).join(", "), last: items.at(-1) });

const sentences = ({ t }: Context, group: string, keys: readonly string[]) => keys.map((key) => t(`${group}.${key}`)).join(" ");

/** A calendar date (YYYY-MM-DD) is a day in Viet Nam's time zone. */
const dayOf = (date: string) => new Date(`${date}T12:00:00+07:00`);
const calendarDay = (context: Context, date: string) => formatDate(context.language, dayOf(date));
const moment = (context: Context, instant: string) => formatDateTime(context.language, new Date(instant));

const renderers: { [Name in TemplateName]: (context: Context, fields: TemplateFields<Name>, free?: FreeText) => RenderedText } = {
  "gate-hours-change": (context, fields) => {
    const { t } = context;
    const values = {
      gate: nameOf(context, fields.gate),
      province: provinceOf(context, fields.gate),
      from: calendarDay(context, fields.from),
      until: fields.until ? calendarDay(context, fields.until) : undefined,
      opens: fields.opens,
      closes: fields.closes,
      reason: t(`gateReasons.${fields.reason}`),
    };
    const until = fields.until ? "Until" : "";
    return {
      headline: t("gateHours.headline", values),
      summary: t(`gateHours.summary${until}`, values),
      body: t(`gateHours.body${until}`, values),
    };
  },
  "gate-closure": (context, fields) => {
    const { t } = context;
    const values = {
      gate: nameOf(context, fields.gate),
      province: provinceOf(context, fields.gate),
      from: moment(context, fields.from),
      reopening: fields.reopening ? moment(context, fields.reopening) : undefined,
      reason: t(`gateReasons.${fields.reason}`),
    };
    const reopening = fields.reopening ? "Reopening" : "";
    const alternative = fields.alternativeGate ? ` ${t("gateClosure.alternative", { alternative: nameOf(context, fields.alternativeGate) })}` : "";
    return {
      headline: t("gateClosure.headline", values),
      summary: t(`gateClosure.summary${reopening}`, values),
      body: `${t(`gateClosure.body${reopening}`, values)}${alternative}`,
    };
  },
  "weather-warning": (context, fields) => {
    const { t } = context;
    const values = {
      hazard: t(`hazards.${fields.hazard}`),
      hazardLower: t(`hazardsLower.${fields.hazard}`),
      areas: joinList(
        context,
        fields.areas.map((code) => nameOf(context, code)),
      ),
      from: moment(context, fields.from),
      until: moment(context, fields.until),
      advice: sentences(context, "advice", fields.advice),
    };
    return { headline: t("weatherWarning.headline", values), summary: t("weatherWarning.summary", values), body: t("weatherWarning.body", values) };
  },
  "health-advisory": (context, fields) => {
    const { t } = context;
    const host = diseaseHosts[fields.disease] === "human" ? "Human" : "Animal";
    const values = {
      disease: t(`diseases.${fields.disease}`),
      areas: joinList(
        context,
        fields.areas.map((code) => nameOf(context, code)),
      ),
      actions: sentences(context, "healthActions", fields.actions),
    };
    return {
      headline: t(`healthAdvisory.headline${host}`, values),
      summary: t("healthAdvisory.summary", values),
      body: t(`healthAdvisory.body${host}`, values),
    };
  },
  "public-notice": (context, fields, free) => {
    const { t } = context;
    const text = free ?? { title: fields.title, details: fields.details };
    const values = {
      title: text.title,
      details: text.details,
      place: nameOf(context, fields.place),
      date: moment(context, fields.date),
      until: fields.until ? moment(context, fields.until) : undefined,
    };
    return {
      headline: t("publicNotice.headline", values),
      summary: t("publicNotice.summary", values),
      body: t(`publicNotice.body${fields.until ? "Until" : ""}`, values),
    };
  },
};

/** Templates whose free-text fields need translating before a language other than the source can render. */
export const needsTranslation = (name: TemplateName) => name === "public-notice";

/** Renders `input` in `language`. For public-notice in a language other than the source, pass the translated free text. */
export const renderTemplate = (input: TemplateInput, language: Language, options: { places: PlaceLookup; free?: FreeText; t?: TFunction }): RenderedText => {
  const { places, free } = options;
  // `t`: another t of the same language and namespace (the review marks pass one that notes the keys it is asked for)
  const context: Context = { t: options.t ?? fixedT(language, "templates"), language, places };
  const render = renderers[input.name] as (context: Context, fields: TemplateInput["fields"], free?: FreeText) => RenderedText;
  const rendered = render(context, input.fields, free);
  // collapse what an absent optional part leaves behind
  const tidy = (text: string) =>
    text
      .normalize("NFC")
      .replace(/[ \t]{2,}/g, " ")
      .trim();
  return { headline: tidy(rendered.headline), summary: tidy(rendered.summary), body: tidy(rendered.body) };
};
