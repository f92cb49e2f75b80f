// The dependency rules of .ci/dependency-cruiser.cjs (run in CI as `npm run check:deps`): first that each rule
// catches the import it forbids and lets the allowed ones through, on a small tree written to a temp folder;
// then that the real tree keeps all of them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const configFile = join(repo, ".ci/dependency-cruiser.cjs");

type Found = {
  rule: string;
  from: string;
  to: string;
};

/** Runs the project's rule set over `paths` (relative to `baseDir`) and returns the violations it finds. */
const check = async (baseDir: string, paths: string[]): Promise<{ violations: Found[]; result: ICruiseResult }> => {
  const options: ICruiseOptions = await extractDepcruiseOptions(configFile);
  const tsConfigFile = join(repo, options.tsConfig?.fileName ?? "tsconfig.json");
  const { output } = await cruise(paths, { ...options, baseDir, tsConfig: { fileName: tsConfigFile } }, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  if (typeof output === "string") throw new Error(`dependency-cruiser gave text instead of a result: ${output.slice(0, 200)}`);
  const violations = output.summary.violations.map((violation: IViolation) => ({
    rule: violation.rule.name,
    from: violation.from,
    to: violation.to,
  }));
  return { violations, result: output };
};

const list = (violations: Found[]) => violations.map(({ rule, from, to }) => `  ${rule}: ${from} → ${to}`).join("\n") || "  (none)";

/** One forbidden import per rule: the file that imports, what it imports, and where that lands. */
type Case = {
  rule: string;
  from: string;
  to: string;
  /** the import line; by default a value import of `to` */
  source?: string;
  /** false for an import that is part of a case but not itself reported (the second arrow of a cycle) */
  expect?: false;
};

const cases: Case[] = [
  // floors
  { rule: "no-demo-upward", from: "src/demo/seed.ts", to: "src/cli.ts" },
  { rule: "no-use-cases-upward", from: "src/bulletins/calls-http.ts", to: "src/http/leaf.ts" },
  { rule: "no-delivery-upward", from: "src/delivery/calls-bulletins.ts", to: "src/bulletins/b.ts" },
  { rule: "no-channels-upward", from: "src/channels/calls-delivery.ts", to: "src/delivery/leaf.ts" },
  { rule: "no-localize-upward", from: "src/localize/calls-channels.ts", to: "src/channels/leaf.ts" },
  { rule: "no-access-or-queue-upward", from: "src/queue/calls-localize.ts", to: "src/localize/leaf.ts" },
  { rule: "no-db-upward", from: "src/db/a.ts", to: "src/bulletins/b.ts" },
  // ground
  { rule: "no-domain-to-our-code", from: "src/domain/v.ts", to: "src/errors.ts" },
  { rule: "no-ground-files-to-our-code", from: "src/logger.ts", to: "src/config.ts" },
  // peers
  { rule: "no-bulletins-to-endpoints", from: "src/bulletins/calls-endpoints.ts", to: "src/endpoints/leaf.ts" },
  { rule: "no-endpoints-to-bulletins", from: "src/endpoints/calls-bulletins.ts", to: "src/bulletins/b.ts" },
  { rule: "no-access-to-queue", from: "src/access/calls-queue.ts", to: "src/queue/leaf.ts" },
  { rule: "no-queue-to-access", from: "src/queue/calls-access.ts", to: "src/access/leaf.ts" },
  // narrower rooms; a type-only import counts as much as a value import
  {
    rule: "no-channels-to-db",
    from: "src/channels/x.ts",
    to: "src/db/y.ts",
    source: `import type { Y } from "../db/y.ts";\nexport type X = Y;\n`,
  },
  { rule: "no-channels-to-queue", from: "src/channels/calls-queue.ts", to: "src/queue/leaf.ts" },
  { rule: "no-channels-to-access", from: "src/channels/calls-access.ts", to: "src/access/leaf.ts" },
  { rule: "no-channels-to-config", from: "src/channels/calls-config.ts", to: "src/config.ts" },
  { rule: "no-db-to-config", from: "src/db/calls-config.ts", to: "src/config.ts" },
  // entry points
  { rule: "no-http-to-workers", from: "src/http/calls-workers.ts", to: "workers/leaf.ts" },
  { rule: "no-http-to-cli", from: "src/http/calls-cli.ts", to: "src/cli/leaf.ts" },
  { rule: "no-app-or-runtime-to-cli", from: "src/app.ts", to: "src/cli.ts" },
  { rule: "no-runtime-to-workers", from: "src/runtime.ts", to: "workers/main.ts" },
  { rule: "no-workers-to-http", from: "workers/calls-http.ts", to: "src/http/leaf.ts" },
  { rule: "no-workers-to-app", from: "workers/calls-app.ts", to: "src/app.ts" },
  { rule: "no-workers-to-runtime", from: "workers/calls-runtime.ts", to: "src/runtime.ts" },
  { rule: "no-workers-to-cli", from: "workers/calls-cli.ts", to: "src/cli.ts" },
  { rule: "no-http-to-app-or-runtime", from: "src/http/calls-app.ts", to: "src/app.ts" },
  { rule: "no-app-to-runtime", from: "src/app.ts", to: "src/runtime.ts" },
  { rule: "no-to-bench", from: "src/http/calls-bench.ts", to: "bench/leaf.ts" },
  // a cycle: two modules that import each other (reported once, at the first arrow)
  { rule: "no-circular", from: "src/delivery/ping.ts", to: "src/delivery/pong.ts" },
  { rule: "no-circular", from: "src/delivery/pong.ts", to: "src/delivery/ping.ts", expect: false },
  // keeping the check honest
  {
    rule: "no-unresolvable",
    from: "src/delivery/imports-nothing-there.ts",
    to: "./not-there.ts",
    source: `export { missing } from "./not-there.ts";\n`,
  },
  { rule: "not-in-a-room", from: "src/stray/x.ts", to: "src/errors.ts" },
  { rule: "not-to-a-room-less-module", from: "src/delivery/calls-stray.ts", to: "src/stray/leaf.ts" },
];

/** Imports the rules allow: none of these files may show up in a violation. */
const allowed: Array<{ from: string; to: string[] }> = [
  { from: "src/channels/ok.ts", to: ["src/channels/leaf.ts", "src/localize/leaf.ts", "src/domain/leaf.ts", "src/errors.ts", "src/logger.ts"] },
  { from: "src/db/ok.ts", to: ["src/db/y.ts", "src/domain/leaf.ts", "src/errors.ts"] },
  { from: "src/domain/ok.ts", to: ["src/domain/leaf.ts"] },
  { from: "src/errors.ts", to: ["src/domain/leaf.ts"] },
  { from: "src/access/ok.ts", to: ["src/db/y.ts", "src/domain/leaf.ts", "src/config.ts"] },
  { from: "src/delivery/ok.ts", to: ["src/channels/leaf.ts", "src/localize/leaf.ts", "src/queue/leaf.ts", "src/db/y.ts"] },
  { from: "src/bulletins/ok.ts", to: ["src/delivery/leaf.ts", "src/access/leaf.ts", "src/bulletins/b.ts"] },
  { from: "src/demo/ok.ts", to: ["src/bulletins/b.ts", "src/endpoints/leaf.ts"] },
  { from: "src/cli/ok.ts", to: ["src/cli.ts", "src/runtime.ts", "src/demo/leaf.ts", "src/http/leaf.ts"] },
  { from: "workers/ok.ts", to: ["src/queue/leaf.ts", "src/delivery/leaf.ts", "workers/leaf.ts"] },
  { from: "src/http/ok.ts", to: ["src/bulletins/b.ts", "src/access/leaf.ts"] },
  { from: "bench/ok.ts", to: ["src/runtime.ts", "workers/leaf.ts", "src/http/leaf.ts"] },
];

/** `from` imports `to` as the project writes it: a relative path with its .ts extension */
const importLine = (from: string, to: string, index: number): string => {
  const fromParts = dirname(from).split("/");
  const toParts = to.split("/");
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const ups = fromParts.length - common;
  const path = (ups === 0 ? "./" : "../".repeat(ups)) + toParts.slice(common).join("/");
  return `import * as m${index} from "${path}";\nexport const use${index} = m${index};\n`;
};

describe("architecture rules (.ci/dependency-cruiser.cjs)", () => {
  let fixture: string;
  let found: Found[];

  beforeAll(async () => {
    fixture = mkdtempSync(join(tmpdir(), "bantin-architecture-"));
    const files = new Map<string, string>();
    const add = (file: string, text: string) => files.set(file, (files.get(file) ?? "") + text);
    let count = 0;
    for (const c of cases) add(c.from, c.source ?? importLine(c.from, c.to, count++));
    for (const { from, to } of allowed) for (const target of to) add(from, importLine(from, target, count++));
    // every imported file exists, as a leaf unless it imports something itself
    for (const target of [...cases.filter((c) => c.rule !== "no-unresolvable").map((c) => c.to), ...allowed.flatMap((a) => a.to)]) {
      if (!files.has(target)) files.set(target, "export type Y = string;\nexport const leaf = 1;\n");
    }
    for (const [file, text] of files) {
      mkdirSync(join(fixture, dirname(file)), { recursive: true });
      writeFileSync(join(fixture, file), text);
    }
    ({ violations: found } = await check(fixture, ["src", "workers", "bench"]));
  });

  afterAll(() => {
    if (fixture) rmSync(fixture, { recursive: true, force: true });
  });

  it("has a case here for every rule in the config", async () => {
    const options = await extractDepcruiseOptions(configFile);
    const ruleNames = (options.ruleSet?.forbidden ?? []).map((rule) => rule.name);
    expect(ruleNames.length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c.rule))).toEqual(new Set(ruleNames));
  });

  it.each(cases.filter((c) => c.expect !== false).map((c) => [c.rule, c] as const))("%s catches its import", (_name, { rule, from, to }) => {
    expect(
      found.some((v) => v.rule === rule && v.from === from && v.to === to),
      `expected ${rule}: ${from} → ${to}; found:\n${list(found)}`,
    ).toBe(true);
  });

  it("reports nothing else, and each wrong import once", () => {
    const expected = cases.filter((c) => c.expect !== false).map(({ rule, from, to }) => `  ${rule}: ${from} → ${to}`);
    expect(list(found).split("\n").sort()).toEqual(expected.sort());
  });

  it("lets the allowed imports through", () => {
    const allowedFiles = new Set(allowed.map((a) => a.from));
    expect(list(found.filter((v) => allowedFiles.has(v.from)))).toBe("  (none)");
  });
});

/** The room a module lives in: its folder under src/ (a file directly in src/ is a room of its own), workers/ or
 *  bench/; the CLI's entry file and its folder are one room. */
const roomOf = (path: string) => {
  const parts = path.split("/");
  if (parts[0] !== "src") return parts[0]!;
  if (parts[1] === "cli.ts" || parts[1] === "cli") return "src/cli";
  return `src/${parts[1]}`;
};

/** A cycle in the graph, as the rooms on it, or undefined when there is none. */
const findCycle = (graph: Map<string, Set<string>>): string[] | undefined => {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
};

describe("finding a cycle between rooms", () => {
  it("finds one where two rooms import each other through a third, and none in a tree", () => {
    const graph = (edges: [string, string][]) => {
      const map = new Map<string, Set<string>>();
      for (const [from, to] of edges) map.set(from, new Set([...(map.get(from) ?? []), to]));
      return map;
    };
    expect(
      findCycle(
        graph([
          ["a", "b"],
          ["b", "c"],
          ["c", "a"],
        ]),
      ),
    ).toEqual(["a", "b", "c", "a"]);
    expect(
      findCycle(
        graph([
          ["a", "b"],
          ["a", "c"],
          ["b", "c"],
        ]),
      ),
    ).toBeUndefined();
  });
});

describe("the real tree", () => {
  it("keeps every architecture rule (npm run check:deps)", async () => {
    const { violations, result } = await check(repo, ["src", "workers", "bench"]);
    // the check looked at the real code: the modules of src/, workers/ and bench/ with their imports resolved
    expect(result.summary.totalCruised).toBeGreaterThan(100);
    expect(violations.length, `${violations.length} import(s) run the wrong way:\n${list(violations)}`).toBe(0);
  });

  it("has no cycle between rooms", async () => {
    const { result } = await check(repo, ["src", "workers", "bench"]);
    const ours = (path: string) => /^(src|workers|bench)\//.test(path);
    const graph = new Map<string, Set<string>>();
    for (const module of result.modules.filter((candidate) => ours(candidate.source))) {
      const from = roomOf(module.source);
      for (const dependency of module.dependencies.filter((candidate) => ours(candidate.resolved))) {
        const to = roomOf(dependency.resolved);
        if (to !== from) graph.set(from, new Set([...(graph.get(from) ?? []), to]));
      }
    }
    expect(graph.size).toBeGreaterThan(10);
    expect(findCycle(graph), "rooms that import each other").toBeUndefined();
  });
});
