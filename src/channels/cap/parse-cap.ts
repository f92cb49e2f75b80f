// CAP 1.2 in: a pure parser from an XML string to a typed alert, or the list of what is wrong with it. saxes, a
// strict and namespace-aware XML 1.0 parser, reads the document: it refuses what is not well-formed (mismatched tags,
// a stray "&", undefined entities, characters XML does not allow, two roots), resolves namespace prefixes, and
// expands no entity declarations. A DOCTYPE (and with it every ENTITY declaration: external entities, "billion
// laughs") is refused outright: CAP needs none.
import { decodeHTMLStrict } from "entities/decode";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { languages, type Language } from "../../domain/index.ts";
import { capNamespace } from "./build-cap.ts";

export const capStatuses = ["Actual", "Exercise", "System", "Test", "Draft"] as const;
export const capMsgTypes = ["Alert", "Update", "Cancel", "Ack", "Error"] as const;
export const capUrgencies = ["Immediate", "Expected", "Future", "Past", "Unknown"] as const;
export const capSeverities = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"] as const;

export type CapProblem = { path: string; message: string };
export type CapNamedValue = { valueName: string; value: string };
export type CapReference = { sender: string; identifier: string; sent: string };
export type ParsedCapArea = { areaDesc: string; geocodes: CapNamedValue[]; polygons: string[] };
export type ParsedCapInfo = {
  /** as written; "en-US" when the info has none (CAP 1.2, 3.2.2: the schema's default) */
  language: string;
  categories: string[];
  event?: string;
  urgency: (typeof capUrgencies)[number];
  severity: (typeof capSeverities)[number];
  certainty?: string;
  effective?: Date;
  onset?: Date;
  expires?: Date;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  eventCodes: CapNamedValue[];
  parameters: CapNamedValue[];
  areas: ParsedCapArea[];
};
export type ParsedCapAlert = {
  identifier: string;
  sender: string;
  sent: Date;
  status: (typeof capStatuses)[number];
  msgType: (typeof capMsgTypes)[number];
  scope?: string;
  references: CapReference[];
  note?: string;
  infos: ParsedCapInfo[];
};

/** "doctype": a DOCTYPE or ENTITY declaration; "malformed": not well-formed XML; "invalid": well-formed, not usable CAP 1.2. */
export type ParseCapResult = { ok: true; alert: ParsedCapAlert } | { ok: false; reason: "doctype" | "malformed" | "invalid"; problems: CapProblem[] };

// --- reading the document ------------------------------------------------------------------------------------

/** The document as a small tree: elements with their namespace, text and CDATA as text. */
type DomNode = { nodeType: number; localName?: string; namespaceURI?: string; data?: string; childNodes: DomNode[] };
const elementNode = 1;
const textNode = 3;
const cdataNode = 4;
const textNodes = new Set([textNode, cdataNode]);
const maxDepth = 32;

type Read = { ok: true; root: DomNode } | { ok: false; reason: "doctype" | "malformed"; message: string };

/** Reads `xml` with saxes into a tree; the first problem stops the reading (saxes goes on to the end, unheard). */
const readXml = (xml: string): Read => {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let failure: Extract<Read, { ok: false }> | undefined;
  const fail = (reason: "doctype" | "malformed", message: string) => {
    failure ??= { ok: false, reason, message: `line ${parser.line}, column ${parser.column}: ${message}` };
  };
  const top: DomNode = { nodeType: 9, childNodes: [] };
  const open: DomNode[] = [top];
  parser.on("error", (error) => fail("malformed", error.message.replace(/^\d+:\d+: /, "").replace(/\.$/, "")));
  parser.on("doctype", () => fail("doctype", "a DOCTYPE declaration; CAP needs none and bantin expands no entities, so send the alert without it"));
  parser.on("xmldecl", (declaration) => {
    if (declaration.encoding !== undefined && !/^utf-?8$/i.test(declaration.encoding)) {
      fail("malformed", `the document declares encoding "${declaration.encoding}"; send it in UTF-8`);
    }
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    if (failure) return;
    const element: DomNode = { nodeType: elementNode, localName: tag.local, namespaceURI: tag.uri, childNodes: [] };
    open.at(-1)!.childNodes.push(element);
    open.push(element);
    if (open.length - 1 > maxDepth) fail("malformed", `elements nested deeper than ${maxDepth}`);
  });
  parser.on("closetag", () => {
    if (!failure && open.length > 1) open.pop();
  });
  const addText = (nodeType: number) => (data: string) => {
    if (!failure && open.length > 1) open.at(-1)!.childNodes.push({ nodeType, data, childNodes: [] });
  };
  parser.on("text", addText(textNode));
  parser.on("cdata", addText(cdataNode));
  try {
    parser.write(xml).close();
  } catch (error) {
    // saxes reports through the error handler; a throw is a surprise, still bad input rather than a crash
    fail("malformed", String((error as Error).message).split("\n")[0]!);
  }
  if (failure) return failure;
  const root = top.childNodes.find((node) => node.nodeType === elementNode);
  return root ? { ok: true, root } : { ok: false, reason: "malformed", message: "no root element" };
};

// --- reading the tree -------------------------------------------------------------------------------------------

const capDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const makeReader = (problems: CapProblem[]) => {
  const childElements = (parent: DomNode, element: string) =>
    [...parent.childNodes].filter((child) => child.nodeType === elementNode && child.namespaceURI === capNamespace && child.localName === element);

  const textOf = (element: DomNode, path: string) => {
    if ([...element.childNodes].some((child) => child.nodeType === elementNode)) {
      problems.push({ path, message: "contains XML elements; CAP text is text (escape markup as &lt;b&gt; or put it in CDATA)" });
    }
    return [...element.childNodes]
      .filter((child) => textNodes.has(child.nodeType))
      .map((child) => child.data ?? "")
      .join("");
  };

  /** One optional element's text; empty counts as absent. */
  const optional = (parent: DomNode, element: string, path: string) => {
    const found = childElements(parent, element);
    if (found.length > 1) problems.push({ path: `${path}.${element}`, message: "appears more than once" });
    if (found.length === 0) return undefined;
    const value = textOf(found[0]!, `${path}.${element}`);
    return value.trim() === "" ? undefined : value;
  };

  const required = (parent: DomNode, element: string, path: string) => {
    const value = optional(parent, element, path);
    if (value === undefined) problems.push({ path: `${path}.${element}`, message: "required" });
    return value?.trim() ?? "";
  };

  const all = (parent: DomNode, element: string, path: string) =>
    childElements(parent, element).map((found, index) => textOf(found, `${path}.${element}[${index}]`).trim());

  const oneOf = <T extends string>(values: readonly T[], value: string, path: string): T => {
    if (value !== "" && !values.includes(value as T)) problems.push({ path, message: `"${value}" is not one of ${values.join(", ")}` });
    return value as T;
  };

  const date = (parent: DomNode, element: string, path: string, options: { required?: boolean } = {}) => {
    const value = options.required ? required(parent, element, path) : optional(parent, element, path)?.trim();
    if (!value) return undefined;
    const parsed = new Date(value);
    if (!capDateTime.test(value) || Number.isNaN(parsed.getTime())) {
      problems.push({ path: `${path}.${element}`, message: `"${value}" is not a CAP date and time such as 2026-09-14T08:00:00+07:00` });
      return undefined;
    }
    return parsed;
  };

  const namedValues = (parent: DomNode, element: string, path: string) =>
    childElements(parent, element).map((found, index) => ({
      valueName: required(found, "valueName", `${path}.${element}[${index}]`),
      value: required(found, "value", `${path}.${element}[${index}]`),
    }));

  const area = (element: DomNode, path: string): ParsedCapArea => ({
    areaDesc: required(element, "areaDesc", path),
    geocodes: namedValues(element, "geocode", path),
    polygons: all(element, "polygon", path),
  });

  const info = (element: DomNode, path: string): ParsedCapInfo => {
    const categories = all(element, "category", path);
    if (categories.length === 0) problems.push({ path: `${path}.category`, message: "required" });
    return {
      language: optional(element, "language", path)?.trim() ?? "en-US",
      categories,
      event: optional(element, "event", path),
      urgency: oneOf(capUrgencies, required(element, "urgency", path), `${path}.urgency`),
      severity: oneOf(capSeverities, required(element, "severity", path), `${path}.severity`),
      certainty: optional(element, "certainty", path)?.trim(),
      effective: date(element, "effective", path),
      onset: date(element, "onset", path),
      expires: date(element, "expires", path),
      senderName: optional(element, "senderName", path),
      headline: optional(element, "headline", path),
      description: optional(element, "description", path),
      instruction: optional(element, "instruction", path),
      web: optional(element, "web", path)?.trim(),
      eventCodes: namedValues(element, "eventCode", path),
      parameters: namedValues(element, "parameter", path),
      areas: childElements(element, "area").map((found, index) => area(found, `${path}.area[${index}]`)),
    };
  };

  const references = (value: string | undefined, path: string): CapReference[] =>
    (value ?? "")
      .split(/\s+/)
      .filter((entry) => entry !== "")
      .flatMap((entry) => {
        const [sender, identifier, sent, ...extra] = entry.split(",");
        if (!sender || !identifier || !sent || extra.length > 0) {
          problems.push({ path, message: `"${entry}" is not sender,identifier,sent` });
          return [];
        }
        return [{ sender, identifier, sent }];
      });

  const alert = (root: DomNode): ParsedCapAlert => ({
    identifier: required(root, "identifier", "alert"),
    sender: required(root, "sender", "alert"),
    sent: date(root, "sent", "alert", { required: true }) ?? new Date(Number.NaN),
    status: oneOf(capStatuses, required(root, "status", "alert"), "alert.status"),
    msgType: oneOf(capMsgTypes, required(root, "msgType", "alert"), "alert.msgType"),
    scope: optional(root, "scope", "alert")?.trim(),
    references: references(optional(root, "references", "alert"), "alert.references"),
    note: optional(root, "note", "alert"),
    infos: childElements(root, "info").map((found, index) => info(found, `alert.info[${index}]`)),
  });

  return { alert };
};

/** Parses a CAP 1.2 document. Never throws for bad input: every problem comes back in the result. */
export const parseCap = (xml: string): ParseCapResult => {
  const read = readXml(xml);
  if (!read.ok) return { ok: false, reason: read.reason, problems: [{ path: "body", message: read.message }] };
  const { root } = read;
  if (root.localName !== "alert" || root.namespaceURI !== capNamespace) {
    const found = `<${root.localName}>${root.namespaceURI ? ` in namespace ${root.namespaceURI}` : " without a namespace"}`;
    return { ok: false, reason: "invalid", problems: [{ path: "alert", message: `expected a CAP 1.2 <alert xmlns="${capNamespace}">, found ${found}` }] };
  }
  const problems: CapProblem[] = [];
  const alert = makeReader(problems).alert(root);
  return problems.length > 0 ? { ok: false, reason: "invalid", problems } : { ok: true, alert };
};

/** bantin's language for a CAP language tag (RFC 3066: "vi", "vi-VN", "en-GB"...), by its primary subtag. */
export const capLanguageOf = (tag: string): Language | undefined => {
  const primary = tag.trim().split(/[-_]/)[0]!.toLowerCase();
  return languages.find((language) => language === primary);
};

// HTML a hub pasted into CAP text (escaped, double-escaped or in CDATA): its entities decoded, its formatting taken
// as line breaks and paragraphs, the tags dropped. Elements that are not text (script, style, iframe, object, svg,
// form...) are left, so the text is refused as markup rather than quietly changed.
const maxEntityPasses = 4;
const htmlComment = /<!--[\s\S]*?-->/g;
const lineBreakTag = /<br\s*\/?>/gi;
const listItemTag = /<li(?:\s[^<>]*)?>/gi;
const cellTag = /<\/?(?:td|th)(?:\s[^<>]*)?>/gi;
const lineTag = /<\/?(?:tr|dt|dd)(?:\s[^<>]*)?>/gi;
const listItemEnd = /<\/li\s*>/gi;
const blockTag = /<\/?(?:p|div|h[1-6]|ul|ol|dl|table|thead|tbody|tfoot|caption|blockquote|pre|section|article|header|footer|center|hr)(?:\s[^<>]*)?\/?>/gi;
const inlineTag =
  /<\/?(?:b|strong|i|em|u|s|strike|del|ins|span|font|small|big|a|sub|sup|abbr|acronym|cite|code|kbd|mark|q|tt|time|wbr|nobr|img)(?:\s[^<>]*)?\/?>/gi;

/** Decodes HTML entities until none is left: "&amp;amp;" (escaped once too often on the way) is "&", not "&amp;". */
const decodeEntities = (value: string) => {
  let text = value;
  for (let pass = 0; pass < maxEntityPasses; pass++) {
    const decoded = decodeHTMLStrict(text);
    if (decoded === text) break;
    text = decoded;
  }
  return text;
};

/** CAP text as bantin's plain text: HTML entities decoded, HTML formatting as line breaks, LF line ends, blanks and
 *  indentation tidied, NFC. */
export const plainTextFromCap = (value: string) =>
  decodeEntities(value.replace(/\r\n?/g, "\n"))
    .replace(htmlComment, "")
    .replace(lineBreakTag, "\n")
    .replace(listItemTag, "\n- ")
    .replace(listItemEnd, "")
    .replace(cellTag, " ")
    .replace(lineTag, "\n")
    .replace(blockTag, "\n\n")
    .replace(inlineTag, "")
    .replace(/[\u00A0\u2007\u202F]/g, " ")
    .replace(/\u00AD/g, "")
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .normalize("NFC")
    .trim();
