// Hostile input, generated from the OpenAPI document (issue 15, item 1): every documented operation with a body,
// path parameters or query parameters gets malformed JSON, wrong types, 1 MB strings, deep nesting, NUL, bidi and
// half surrogate pairs, huge numbers, wrong content types and traversal in its ids, with a valid token of a role
// that reaches validation (and without one: a 401 before any body is read). No answer is a 5xx, every error is
// application/problem+json, and no table changes.
// Bounded: about two thousand requests per back end, in process through app.request().
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../../../src/http/openapi.ts";
import { backends } from "../../helpers/backends.ts";
import { startPipeline, type TestPipeline } from "../../helpers/pipeline.ts";
import { snapshotTables } from "../../helpers/table-snapshot.ts";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};
type Parameter = { name: string; in: "path" | "query"; schema?: JsonSchema };
type Operation = { method: string; path: string; parameters: Parameter[]; bodyTypes: string[]; bodySchema?: JsonSchema };
type Segment = string | number;
type Leaf = { path: Segment[]; types: Set<string>; textLike: boolean; fixed: { path: Segment[]; value: unknown }[] };
// a body made when it is sent (some are a megabyte: made all at once they would hold hundreds)
type Probe = { name: string; path: string; body?: string | Uint8Array | (() => string); contentType?: string };

// ids that exist nowhere: a body that happened to be valid could still change nothing
const absentId = "00000000-0000-4000-8000-00000000dead";
const validPathValue: Record<string, string> = { id: absentId, language: "vi", code: "VN-ZZ-ABSENT", file: `${"0".repeat(32)}.png` };

/** Every documented operation that takes input: a body, path parameters or query parameters. */
const operations = (): Operation[] => {
  const document = openApiDocument() as unknown as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } }>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const bodyTypes = Object.keys(content);
      if (parameters.length === 0 && bodyTypes.length === 0) return [];
      return [{ method: method.toUpperCase(), path, parameters, bodyTypes, bodySchema: content["application/json"]?.schema }];
    }),
  );
};

/** The token of a role that gets as far as validation on this route. */
const tokenFor = (pipeline: TestPipeline, operation: Operation) => {
  const { path } = operation;
  if (path.startsWith("/partner/")) return pipeline.credentials.partners[0]!.token;
  if (path.startsWith("/screen/")) return pipeline.credentials.screens[0]!.token;
  if (path.startsWith("/radio/")) return pipeline.credentials.stations[0]!.token;
  if (path.startsWith("/public/") || path === "/api/v1/auth/login") return undefined;
  if (/^\/api\/v1\/(users|partners|screens|stations|tokens|places)/.test(path) || path.endsWith("/recording")) return pipeline.tokens.admin;
  if (/\/(approve|reject)$/.test(path) && !path.includes("/texts/")) return pipeline.tokens.approver;
  if (path.includes("/texts/") || path.startsWith("/api/v1/translation-memory")) return pipeline.tokens.translator;
  return pipeline.tokens.editor;
};

const typesOf = (schema: JsonSchema): string[] => {
  if (schema.type) return Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.const !== undefined) return [schema.const === null ? "null" : typeof schema.const];
  if (schema.enum) return [...new Set(schema.enum.map((value) => (value === null ? "null" : typeof value)))];
  return [];
};

/** The leaves of a JSON Schema (each with the JSON types it takes), and the constants a branch needs to be chosen
 *  (a template's name) so that its fields are validated at all. */
const leavesOf = (root: JsonSchema): Leaf[] => {
  const found = new Map<string, Leaf>();
  const walk = (schema: JsonSchema, path: Segment[], fixed: Leaf["fixed"], depth: number) => {
    if (depth > 8) return;
    if (schema.$ref) {
      const target = root.$defs?.[schema.$ref.replace("#/$defs/", "")];
      if (target) walk(target, path, fixed, depth + 1);
      return;
    }
    for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
      const constants = Object.entries(branch.properties ?? {})
        .filter(([, property]) => property.const !== undefined)
        .map(([name, property]) => ({ path: [...path, name], value: property.const }));
      walk(branch, path, [...fixed, ...constants], depth + 1);
    }
    const add = (types: string[]) => {
      const key = JSON.stringify(path);
      const leaf = found.get(key) ?? { path, types: new Set<string>(), textLike: false, fixed };
      for (const type of types) leaf.types.add(type);
      // free text: a string with no format, pattern or enumeration (traversal there is only text)
      if (types.includes("string") && !schema.format && !schema.pattern && !schema.enum && schema.const === undefined) leaf.textLike = true;
      found.set(key, leaf);
    };
    if (schema.properties) {
      add(["object"]);
      for (const [name, property] of Object.entries(schema.properties)) walk(property, [...path, name], fixed, depth + 1);
    } else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
      add(["object"]);
      const key = String(schema.propertyNames?.enum?.[0] ?? "key");
      walk(schema.additionalProperties, [...path, key], fixed, depth + 1);
    } else if (schema.items && !Array.isArray(schema.items)) {
      add(["array"]);
      walk(schema.items, [...path, 0], fixed, depth + 1);
    } else if (schema.prefixItems) {
      add(["array"]);
      schema.prefixItems.forEach((item, index) => walk(item, [...path, index], fixed, depth + 1));
    } else if (!schema.anyOf && !schema.oneOf && !schema.allOf) {
      add(typesOf(schema));
    }
  };
  walk(root, [], [], 0);
  return [...found.values()].filter((leaf) => leaf.path.length > 0);
};

const setAt = (target: Record<string, unknown> | unknown[], path: Segment[], value: unknown) => {
  let node: any = target;
  path.forEach((segment, index) => {
    if (index === path.length - 1) {
      node[segment] = value;
      return;
    }
    node[segment] ??= typeof path[index + 1] === "number" ? [] : {};
    node = node[segment];
  });
};

// raw JSON a JavaScript value cannot say: numbers past a double, and nesting deep enough to hurt a recursive walker
const raw = {
  tooBig: "1e400",
  beyondSafe: "9007199254740993",
  deep: `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
  deepObjects: `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`,
};
const megabyte = "x".repeat(1_000_000);

/** A leaf's hostile values: bad text, wrong types it does not take, huge numbers, deep nesting. A text leaf gets
 *  every kind of bad text; the others one of them, and some wrong types, rotating from leaf to leaf so that the run
 *  stays bounded while every kind reaches every operation. */
const hostileValues = (leaf: Leaf, index: number): [string, unknown][] => {
  const badText: [string, unknown][] = [
    ["a 1 MB string", megabyte],
    ["a NUL", "a\u0000b"],
    ["a bidi override with markup", "\u202E<b>x</b>"],
    ["half a surrogate pair", "\uD800x"],
    ["a C1 control", "a\u0085b"],
  ];
  const rotate = <T>(list: T[], count: number) => Array.from({ length: Math.min(count, list.length) }, (_, step) => list[(index + step) % list.length]!);
  const values: [string, unknown][] = leaf.types.has("string") ? [...badText] : rotate(badText, 1);
  if (leaf.types.has("string") && !leaf.textLike) values.push(["traversal", "../../../etc/passwd"], ["encoded traversal", "..%2F..%2Fetc%2Fpasswd"]);
  const wrongTypes: [string, unknown, string][] = [
    ["a number past a double", raw.tooBig, "number"],
    ["an integer past 2^53", raw.beyondSafe, "number"],
    ["a huge negative number", -1e308, "number"],
    ["a fraction", 0.5, "number"],
    ["a boolean", true, "boolean"],
    ["null", null, "null"],
    ["an array", [], "array"],
    ["arrays nested 20,000 deep", raw.deep, "array"],
    ["an object", {}, "object"],
    ["objects nested 5,000 deep", raw.deepObjects, "object"],
  ];
  const taken = (type: string) => leaf.types.has(type) || (type === "number" && leaf.types.has("integer"));
  for (const [name, value] of rotate(
    wrongTypes.filter(([, , type]) => !taken(type)),
    3,
  ))
    values.push([name, value]);
  // a number leaf gets every huge number
  if (taken("number"))
    values.push(["a number past a double", raw.tooBig], ["an integer past 2^53", raw.beyondSafe], ["a huge negative number", -1e308], ["a fraction", 0.5]);
  return values;
};

/** The JSON text of a skeleton body with `value` at the leaf (raw JSON spliced in where a value is raw). */
const bodyWith = (leaf: Leaf, value: unknown) => {
  const skeleton: Record<string, unknown> = {};
  for (const constant of leaf.fixed) setAt(skeleton, constant.path, constant.value);
  const rawText = Object.values(raw).includes(value as string) ? (value as string) : undefined;
  setAt(skeleton, leaf.path, rawText ? "__RAW__" : value);
  const text = JSON.stringify(skeleton);
  return rawText ? text.replace('"__RAW__"', rawText) : text;
};

const fillPath = (operation: Operation, hostile?: { name: string; value: string }) =>
  operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => (hostile?.name === name ? hostile.value : (validPathValue[name] ?? absentId)));

const pathValues = [
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "..",
  "%2e%2e%2f%2e%2e%2f",
  "..%5C..%5Cwindows%5Cwin.ini",
  "%252e%252e%252f",
  "%00",
  "a%00b",
  "%ED%A0%80",
  "%FF%FE",
  "%E2%80%AE%3Cb%3E",
  "x".repeat(10_000),
  "9".repeat(400),
  "1%27%20OR%20%271%27%3D%271",
  "%7B%7D",
];
const queryValues = [
  "%00",
  "%E2%80%AE%3Cb%3Ex%3C%2Fb%3E",
  "%ED%A0%80",
  "%1B",
  "x".repeat(5_000),
  "1e400",
  "-1",
  "99999999999999999999999",
  "..%2F..%2F",
  "%FF",
];

const probesMade = new Map<Operation, Probe[]>();
/** What each operation is sent (made once per operation). */
const probesFor = (operation: Operation): Probe[] => {
  const made = probesMade.get(operation);
  if (made) return made;
  const probes: Probe[] = [];
  const path = fillPath(operation);
  const takesJson = operation.bodyTypes.includes("application/json");
  const emptyBody = takesJson ? { body: "{}", contentType: "application/json" } : {};

  for (const parameter of operation.parameters.filter((candidate) => candidate.in === "path")) {
    for (const value of pathValues)
      probes.push({ name: `path ${parameter.name}=${value.slice(0, 40)}`, path: fillPath(operation, { name: parameter.name, value }), ...emptyBody });
  }
  let queryIndex = 0;
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === "query")) {
    queryValues.forEach((value, index) => {
      // each parameter gets half the values, the next parameter the other half
      if ((index + queryIndex) % 2 === 0) probes.push({ name: `query ${parameter.name}=${value.slice(0, 40)}`, path: `${path}?${parameter.name}=${value}` });
    });
    queryIndex += 1;
    probes.push({ name: `query ${parameter.name} twice`, path: `${path}?${parameter.name}=a&${parameter.name}=b` });
  }

  if (operation.bodyTypes.length > 0) {
    const wrongTypes = [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/xml",
      "application/json; charset=latin1",
      "application/jsonx",
      "",
    ];
    for (const contentType of wrongTypes.filter((type) => !operation.bodyTypes.includes(type))) {
      probes.push({
        name: `content type ${JSON.stringify(contentType)}`,
        path,
        body: contentType.startsWith("application/x-www") ? "a=1&b=2" : "{}",
        contentType,
      });
    }
  }
  if (takesJson) {
    const malformed: [string, Probe["body"]][] = [
      ["truncated", '{"a":'],
      ["bare word", "{bad"],
      ["trailing garbage", "{} x"],
      ["single quotes", "{'a':1}"],
      ["an array", "[]"],
      ["null", "null"],
      ["a string", '"x"'],
      ["a number past a double", "1e400"],
      ["a NUL at the top", '"\\u0000"'],
      // one byte-order mark is allowed (RFC 8259); a second is a character before the JSON
      ["two byte-order marks", "\uFEFF\uFEFF{}"],
      ["invalid UTF-8", new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])],
      ["a NUL key", '{"a\\u0000":1}'],
      ["half a surrogate pair as a key", '{"\\udfff":1}'],
      ["__proto__", '{"__proto__":{"roles":["admin"]},"constructor":{"prototype":{"admin":true}}}'],
      ["an unknown field", '{"unexpected":1}'],
      ["arrays nested 100,000 deep", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
      ["objects nested 20,000 deep", `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`],
      ["a 1 MB string", () => JSON.stringify({ x: "y".repeat(1_040_000) })],
    ];
    for (const [name, body] of malformed) probes.push({ name, path, body, contentType: "application/json" });
    leavesOf(operation.bodySchema ?? {}).forEach((leaf, index) => {
      for (const [name, value] of hostileValues(leaf, index)) {
        probes.push({ name: `${leaf.path.join(".")}: ${name}`, path, body: () => bodyWith(leaf, value), contentType: "application/json" });
      }
    });
  } else if (operation.bodyTypes.length > 0) {
    // CAP import (XML) and recordings (audio): broken, hostile and foreign bodies in the types they take
    const bodies: [string, string | Uint8Array][] = [
      ["malformed", "<alert><info>"],
      ["entities", '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><alert>&b;</alert>'],
      ["external entity", '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert>&x;</alert>'],
      ["JSON", '{"a":1}'],
      ["a NUL", "<alert>\u0000</alert>"],
      ["random bytes", new Uint8Array(Array.from({ length: 4_096 }, (_, index) => (index * 131 + 7) % 256))],
      ["a RIFF header and nothing else", new Uint8Array([0x52, 0x49, 0x46, 0x46, 0xff, 0xff, 0xff, 0x7f, 0x57, 0x41, 0x56, 0x45])],
    ];
    for (const contentType of operation.bodyTypes) {
      for (const [name, body] of bodies) probes.push({ name: `${contentType}: ${name}`, path, body, contentType });
    }
  }
  probesMade.set(operation, probes);
  return probes;
};

const all = operations();

describe.each(backends)("hostile input on $name", (backend) => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startPipeline(backend, { workers: false });
  });
  afterAll(() => pipeline?.close());

  it("covers every documented operation that takes input, within a bounded number of requests", () => {
    const count = all.reduce((sum, operation) => sum + probesFor(operation).length, 0);
    expect(all.length).toBeGreaterThan(30);
    expect(all.some((operation) => operation.path === "/screen/v1/heartbeat")).toBe(true);
    expect(count).toBeGreaterThan(1_000);
    expect(count).toBeLessThan(4_000);
  });

  it.each(all.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    "%s: no 5xx, every error problem+json, no table changed",
    async (_name, operation) => {
      const failures: string[] = [];
      const before = await snapshotTables(pipeline.db);
      const token = tokenFor(pipeline, operation);
      for (const probe of probesFor(operation)) {
        const headers: Record<string, string> = {};
        if (token) headers.authorization = `Bearer ${token}`;
        if (probe.contentType !== undefined && probe.body !== undefined) headers["content-type"] = probe.contentType;
        const body = typeof probe.body === "function" ? probe.body() : probe.body;
        const response = await pipeline.app.request(probe.path, { method: operation.method, headers, body });
        const text = await response.text();
        const type = response.headers.get("content-type") ?? "";
        if (response.status >= 500) failures.push(`${probe.name}: ${response.status} ${text.slice(0, 200)}`);
        if (response.status >= 400) {
          let problem: { status?: number } | undefined;
          try {
            problem = JSON.parse(text) as { status?: number };
          } catch {
            problem = undefined;
          }
          if (!type.startsWith("application/problem+json") || problem?.status !== response.status) {
            failures.push(`${probe.name}: ${response.status} answered as ${type || "no type"}: ${text.slice(0, 200)}`);
          }
        }
      }
      if (token) {
        // authentication comes first: without a token even a malformed body is a 401
        const takesBody = operation.bodyTypes.length > 0;
        const response = await pipeline.app.request(fillPath(operation), {
          method: operation.method,
          headers: takesBody ? { "content-type": "application/json" } : {},
          body: takesBody ? "{bad" : undefined,
        });
        const type = response.headers.get("content-type") ?? "";
        if (response.status !== 401 || !type.startsWith("application/problem+json"))
          failures.push(`no token: ${response.status} ${type} ${(await response.text()).slice(0, 200)}`);
      }
      const after = await snapshotTables(pipeline.db);
      const changed = Object.keys(after).filter((table) => JSON.stringify(after[table]) !== JSON.stringify(before[table]));
      expect({ failures, changed }).toEqual({ failures: [], changed: [] });
    },
  );
});
