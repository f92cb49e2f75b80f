// Atom 1.0 (RFC 4287): a pure formatter for the feed of bulletins in force, as national alert hubs read it: one
// entry per bulletin, linking its CAP 1.2 document (rel="alternate", type="application/cap+xml"). Built with
// xmlbuilder2, which escapes; titles and summaries are type="text", so markup in them stays text.
import { create } from "xmlbuilder2";
import { asText } from "./build-cap.ts";

export const atomNamespace = "http://www.w3.org/2005/Atom";

export type AtomEntry = {
  /** an IRI, stable for the bulletin (urn:uuid:...) */
  id: string;
  title: string;
  summary: string;
  /** the language of title and summary, as an xml:lang tag (vi-VN) */
  language: string;
  published: Date;
  updated: Date;
  /** terms with the scheme they belong to, e.g. the bulletin's category and urgency */
  categories: { term: string; scheme: string }[];
  capUrl: string;
  /** the bulletin's public HTML page in this entry's language, where it has one */
  pageUrl?: string;
};

export type AtomFeedInput = {
  id: string;
  title: string;
  selfUrl: string;
  author: string;
  updated: Date;
  entries: AtomEntry[];
};

/** RFC 3339 in UTC, seconds only. */
const atomDate = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

export const buildAtom = (input: AtomFeedInput): string => {
  const feed = create({ version: "1.0", encoding: "UTF-8" }).ele(atomNamespace, "feed");
  feed.ele("id").txt(asText(input.id));
  feed.ele("title").att("type", "text").txt(asText(input.title));
  feed.ele("updated").txt(atomDate(input.updated));
  feed.ele("link").att("rel", "self").att("type", "application/atom+xml").att("href", asText(input.selfUrl));
  feed.ele("author").ele("name").txt(asText(input.author));
  feed.ele("generator").txt("bantin");
  for (const entry of input.entries) {
    const element = feed.ele("entry").att("xml:lang", entry.language);
    element.ele("id").txt(asText(entry.id));
    element.ele("title").att("type", "text").txt(asText(entry.title));
    element.ele("published").txt(atomDate(entry.published));
    element.ele("updated").txt(atomDate(entry.updated));
    element.ele("summary").att("type", "text").txt(asText(entry.summary));
    for (const category of entry.categories) element.ele("category").att("scheme", asText(category.scheme)).att("term", asText(category.term));
    element.ele("link").att("rel", "alternate").att("type", "application/cap+xml").att("href", asText(entry.capUrl));
    if (entry.pageUrl) element.ele("link").att("rel", "alternate").att("type", "text/html").att("hreflang", entry.language).att("href", asText(entry.pageUrl));
  }
  return feed.end({ prettyPrint: true });
};
