// CAP 1.2 in: a pure parser from an XML string to a typed alert, or the list of what is wrong with it.
// xmlbuilder2 builds the tree, but its reader is lenient (it takes mismatched end tags, a stray "&", unknown
// entities, and keeps a DOCTYPE with its internal subset), so a strict well-formedness scan runs first; the scan
// also refuses every DOCTYPE and ENTITY declaration (external entities, "billion laughs"): CAP needs none.
import { create } from "xmlbuilder2";
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
  /** as written; "en-US" when the info has none (CAP 1.2, 3.2.2) */
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

// --- the well-formedness scan ---------------------------------------------------------------------------------

const nameChar = "A-Za-z_:\\u00C0-\\uFFFF";
const name = `[${nameChar}][${nameChar}0-9.\\-\\u00B7]*`;
const startTag = new RegExp(`<(${name})((?:\\s+${name}\\s*=\\s*(?:"[^<"]*"|'[^<']*'))*)\\s*(/?)>`, "y");
const endTag = new RegExp(`</(${name})\\s*>`, "y");
const attribute = new RegExp(`\\s+(${name})\\s*=\\s*(?:"[^<"]*"|'[^<']*')`, "g");
const processingTarget = new RegExp(`^<\\?(${name})`);
const badReference = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
const characterReference = /&#(?:x([0-9a-fA-F]+)|([0-9]+));/g;
// XML 1.0 allows TAB, LF and CR among the C0 controls, and neither U+FFFE nor U+FFFF
const illegalCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const maxDepth = 32;

const isXmlChar = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

const referenceProblem = (text: string) => {
  const bad = badReference.exec(text);
  if (bad) {
    const entity = /^&[^\s&;<]{0,20};/.exec(text.slice(bad.index))?.[0];
    return entity ? `the entity ${entity} is not defined (XML defines only &amp; &lt; &gt; &quot; &apos;)` : `a bare "&" (write &amp;)`;
  }
  for (const match of text.matchAll(characterReference)) {
    const code = parseInt(match[1] ?? match[2]!, match[1] ? 16 : 10);
    if (!isXmlChar(code)) return `the character reference ${match[0]} is not a character XML allows`;
  }
  return undefined;
};

// xmlbuilder2 decodes named entities, then character references, in two passes: "&amp;#38;" (the text "&#38;")
// would come out as "&". Spelling the ampersand as a character reference keeps it one pass.
const protectReferences = (text: string) => text.replaceAll("&amp;#", "&#38;#");

type Scan = { ok: true; xml: string } | { ok: false; reason: "doctype" | "malformed"; message: string };

/** Checks that `xml` is one well-formed UTF-8 XML 1.0 document without a DOCTYPE; returns it ready for xmlbuilder2. */
const scanXml = (xml: string): Scan => {
  const lineAt = (index: number) => xml.slice(0, index).split("\n").length;
  const malformed = (message: string, index?: number): Scan => ({ ok: false, reason: "malformed", message: index === undefined ? message : `line ${lineAt(index)}: ${message}` });
  const illegal = illegalCharacter.exec(xml);
  if (illegal) return malformed(`U+${illegal[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} is not a character XML allows`, illegal.index);
  const out: string[] = [];
  const open: string[] = [];
  let rootSeen = false;
  let position = xml.startsWith("\uFEFF") ? 1 : 0;
  if (/^<\?xml\s/.test(xml.slice(position, position + 6))) {
    const end = xml.indexOf("?>", position);
    if (end < 0) return malformed("the XML declaration has no end (?>)", position);
    const declaration = xml.slice(position, end + 2);
    const encoding = /\sencoding\s*=\s*["']([^"']*)["']/.exec(declaration)?.[1];
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) return malformed(`the document declares encoding "${encoding}"; send it in UTF-8`);
    out.push(declaration);
    position = end + 2;
  }
  while (position < xml.length) {
    const rest = (length: number) => xml.slice(position, position + length);
    if (rest(4) === "<!--") {
      const end = xml.indexOf("-->", position + 4);
      if (end < 0) return malformed("a comment has no end (-->)", position);
      position = end + 3;
      continue;
    }
    if (rest(9) === "<![CDATA[") {
      if (open.length === 0) return malformed("a CDATA section outside the root element", position);
      const end = xml.indexOf("]]>", position + 9);
      if (end < 0) return malformed("a CDATA section has no end (]]>)", position);
      out.push(xml.slice(position, end + 3));
      position = end + 3;
      continue;
    }
    if (/^<!DOCTYPE/i.test(rest(9)) || rest(8) === "<!ENTITY") {
      const declaration = rest(8) === "<!ENTITY" ? "an ENTITY" : "a DOCTYPE";
      return { ok: false, reason: "doctype", message: `line ${lineAt(position)}: ${declaration} declaration; CAP needs none and bantin expands no entities, so send the alert without it` };
    }
    if (rest(2) === "<!") return malformed(`unexpected markup declaration ${JSON.stringify(rest(12))}`, position);
    if (rest(2) === "<?") {
      const end = xml.indexOf("?>", position + 2);
      const target = processingTarget.exec(xml.slice(position, position + 100))?.[1];
      if (end < 0 || !target) return malformed("a broken processing instruction", position);
      if (target.toLowerCase() === "xml") return malformed("an XML declaration that is not at the very start", position);
      position = end + 2;
      continue;
    }
    if (rest(2) === "</") {
      endTag.lastIndex = position;
      const match = endTag.exec(xml);
      if (!match) return malformed("a broken end tag", position);
      const expected = open.pop();
      if (expected !== match[1]) return malformed(expected ? `</${match[1]}> closes <${expected}>` : `</${match[1]}> has no start tag`, position);
      out.push(match[0]);
      position = endTag.lastIndex;
      continue;
    }
    if (xml[position] === "<") {
      startTag.lastIndex = position;
      const match = startTag.exec(xml);
      if (!match) return malformed(`a broken start tag ${JSON.stringify(rest(30))}`, position);
      if (rootSeen && open.length === 0) return malformed(`<${match[1]}> after the root element has ended (one document, one root)`, position);
      const names = [...match[2]!.matchAll(attribute)].map((found) => found[1]!);
      const twice = names.find((attribute, index) => names.indexOf(attribute) !== index);
      if (twice) return malformed(`<${match[1]}> has the attribute ${twice} twice`, position);
      const problem = referenceProblem(match[2]!);
      if (problem) return malformed(problem, position);
      rootSeen = true;
      if (!match[3]) open.push(match[1]!);
      if (open.length > maxDepth) return malformed(`elements nested deeper than ${maxDepth}`, position);
      out.push(protectReferences(match[0]));
      position = startTag.lastIndex;
      continue;
    }
    const end = xml.indexOf("<", position) < 0 ? xml.length : xml.indexOf("<", position);
    const text = xml.slice(position, end);
    if (open.length === 0 && text.trim() !== "") return malformed(`text outside the root element: ${JSON.stringify(text.trim().slice(0, 30))}`, position);
    const problem = referenceProblem(text) ?? (text.includes("]]>") ? `"]]>" in text (write ]]&gt;)` : undefined);
    if (problem) return malformed(problem, position);
    out.push(protectReferences(text));
    position = end;
  }
  if (!rootSeen) return malformed("no root element (the body is empty or only a declaration)");
  if (open.length > 0) return malformed(`<${open.at(-1)}> is never closed`);
  return { ok: true, xml: out.join("") };
};

// --- reading the tree -------------------------------------------------------------------------------------------

/** The part of xmlbuilder2's DOM node this reader uses. */
type DomNode = { nodeType: number; localName?: string | null; namespaceURI?: string | null; data?: string; childNodes: Iterable<DomNode> };
const elementNode = 1;
const textNodes = new Set([3, 4]); // text, CDATA

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
  const scan = scanXml(xml);
  if (!scan.ok) return { ok: false, reason: scan.reason, problems: [{ path: "body", message: scan.message }] };
  let root: DomNode;
  try {
    root = create(scan.xml).root().node as unknown as DomNode;
  } catch (error) {
    return { ok: false, reason: "malformed", problems: [{ path: "body", message: String((error as Error).message).split("\n")[0]! }] };
  }
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

// formatting a hub may have pasted into CAP text: kept as text, the tags dropped (anything else stays, and is
// refused later as markup)
const lineBreakTag = /<br\s*\/?>/gi;
const blockTag = /<\/?(?:p|div)(?:\s[^<>]*)?>/gi;
const inlineTag = /<\/?(?:b|strong|i|em|u|span|font|small|big|a)(?:\s[^<>]*)?>/gi;

/** CAP text as bantin's plain text: LF line ends, simple HTML formatting dropped, blanks and indentation tidied. */
export const plainTextFromCap = (value: string) =>
  value
    .replace(/\r\n?/g, "\n")
    .replace(lineBreakTag, "\n")
    .replace(blockTag, "\n\n")
    .replace(inlineTag, "")
    .replace(/\u00A0/g, " ")
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .normalize("NFC")
    .trim();
