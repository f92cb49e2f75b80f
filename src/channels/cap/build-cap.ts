// CAP 1.2 (OASIS Common Alerting Protocol): a pure formatter. One <info> per language; Alert, Update (references
// the version it corrects) or Cancel (references the alert it withdraws); status Actual / Test / Exercise; areas
// as geocodes from the gazetteer; slides and audio as <resource>s. Built with xmlbuilder2, which escapes text.
import { create } from "xmlbuilder2";
import { languageFacts, type BulletinMode, type Category, type Language, type Urgency } from "../../domain/index.ts";

export const capNamespace = "urn:oasis:names:tc:emergency:cap:1.2";

export type CapText = { language: Language; headline: string; summary: string; body: string };
export type CapArea = { code: string; name: string };
export type CapResource = { description: string; mimeType: string; uri: string; language?: Language };
export type CapMessage = { identifier: string; sent: Date };

export type CapInput = {
  identifier: string;
  sender: string;
  sent: Date;
  msgType: "Alert" | "Update" | "Cancel";
  /** earlier messages this one updates or cancels */
  references: CapMessage[];
  mode: BulletinMode;
  category: Category;
  urgency: Urgency;
  effective: Date;
  expires: Date;
  texts: CapText[];
  /** place names per language, for areaDesc */
  areas: Record<Language, CapArea[]>;
  resources: CapResource[];
  web?: string;
};

const capCategory: Record<Category, string> = {
  gate_hours: "Transport",
  gate_closure: "Transport",
  weather: "Met",
  disaster: "Geo",
  health: "Health",
  animal_disease: "Health",
  trade: "Other",
  tourism: "Other",
  policy: "Other",
  correction: "Other",
  notice: "Other",
};

const capEvent: Record<Category, string> = {
  gate_hours: "Border gate hours change",
  gate_closure: "Border gate closure",
  weather: "Weather warning",
  disaster: "Disaster warning",
  health: "Health advisory",
  animal_disease: "Animal disease advisory",
  trade: "Trade notice",
  tourism: "Tourism notice",
  policy: "Policy notice",
  correction: "Correction",
  notice: "Public notice",
};

const capUrgency: Record<Urgency, { urgency: string; severity: string }> = {
  urgent: { urgency: "Immediate", severity: "Severe" },
  priority: { urgency: "Expected", severity: "Moderate" },
  routine: { urgency: "Future", severity: "Minor" },
};

/** CAP dateTime: seconds, an explicit offset, never "Z" (the schema's pattern); Viet Nam's +07:00. */
export const capDateTime = (date: Date) => {
  const local = new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+07:00`;
};

/** xmlbuilder2 escapes "&" only where it does not already start an entity ("&amp;" passes through and would be
 *  read back as "&"); text that looks like an entity gets its ampersand escaped first, so it stays text. */
export const asText = (value: string) => value.replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;");

export const buildCap = (input: CapInput): string => {
  const alert = create({ version: "1.0", encoding: "UTF-8" }).ele(capNamespace, "alert");
  alert.ele("identifier").txt(asText(input.identifier));
  alert.ele("sender").txt(asText(input.sender));
  alert.ele("sent").txt(capDateTime(input.sent));
  alert.ele("status").txt(input.mode === "actual" ? "Actual" : input.mode === "test" ? "Test" : "Exercise");
  alert.ele("msgType").txt(input.msgType);
  alert.ele("scope").txt("Public");
  if (input.references.length > 0) {
    alert.ele("references").txt(input.references.map((reference) => `${input.sender},${reference.identifier},${capDateTime(reference.sent)}`).join(" "));
  }
  for (const text of input.texts) {
    const info = alert.ele("info");
    info.ele("language").txt(languageFacts[text.language].tag);
    info.ele("category").txt(capCategory[input.category]);
    info.ele("event").txt(capEvent[input.category]);
    info.ele("responseType").txt(input.msgType === "Cancel" ? "AllClear" : "Monitor");
    info.ele("urgency").txt(capUrgency[input.urgency].urgency);
    info.ele("severity").txt(capUrgency[input.urgency].severity);
    info.ele("certainty").txt("Observed");
    info.ele("effective").txt(capDateTime(input.effective));
    info.ele("expires").txt(capDateTime(input.expires));
    info.ele("senderName").txt("bantin");
    info.ele("headline").txt(asText(text.headline));
    info.ele("description").txt(asText(text.body));
    if (input.web) info.ele("web").txt(asText(input.web));
    for (const resource of input.resources.filter((candidate) => !candidate.language || candidate.language === text.language)) {
      const element = info.ele("resource");
      element.ele("resourceDesc").txt(asText(resource.description));
      element.ele("mimeType").txt(resource.mimeType);
      element.ele("uri").txt(asText(resource.uri));
    }
    const areas = input.areas[text.language] ?? [];
    const area = info.ele("area");
    area.ele("areaDesc").txt(asText(areas.map((entry) => entry.name).join("; ") || "Viet Nam"));
    for (const entry of areas) {
      const geocode = area.ele("geocode");
      geocode.ele("valueName").txt("bantin-gazetteer");
      geocode.ele("value").txt(asText(entry.code));
    }
  }
  return alert.end({ prettyPrint: true });
};
