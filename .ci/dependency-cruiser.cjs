// The architecture of bantin as dependency-cruiser rules: `npm run check:deps` (a step of .ci/run) fails on any
// import that runs the wrong way. test/unit/architecture.test.ts runs the same rules over a small fixture tree
// to show that each kind of wrong import is caught.
//
// Floors, from top to bottom. A module may import its own room or a lower floor, never a higher one; rooms on
// one floor that are "peers" do not import each other; a few rooms are narrower still (channels, db, ground).
//
//   1  entry     src/bin.mjs, src/build.mjs, src/cli.ts, src/cli/**, src/runtime.ts, src/app.ts, src/http/**, workers/**, bench/**
//   2  demo      src/demo/**                      demo seed data, for the CLI and the tests
//   3  use cases src/bulletins/**, src/endpoints/**   (peers)
//   4  delivery  src/delivery/**
//   5  channels  src/channels/**                  pure formatters
//   6  localize  src/localize/**
//   7  access, queue  src/access/**, src/queue/** (peers)
//   8  db        src/db/**
//   9  ground    src/domain/**, src/errors.ts, src/config.ts, src/logger.ts
//
// Folder cycles: there is no folder-cycle rule, on purpose. dependency-cruiser can state one (`scope: "folder"`
// with `to: { circular: true }`), but its folder graph has a node for every folder, the top folder `src` included,
// and `src` holds files of the top floor (cli.ts, runtime.ts, app.ts, bin.mjs) and of the ground (errors.ts,
// config.ts, logger.ts) at once. Once the CLI starts the workers itself (it must import workers/main.ts, since
// runtime.ts may not), `src` -> `workers` -> `src` is a folder cycle, and every folder that imports logger.ts and
// is imported by a worker (queue, delivery, localize, ...) lies on one: the rule would fail a tree that keeps
// every floor. `via`/`viaOnly`, which could leave `src` out, do not work at folder scope (dependency-cruiser 17).
// The rules below rule out most folder cycles anyway: an arrow between rooms on different floors that points up is
// forbidden by a floor rule, and peers on one floor may not import each other, so two rooms can be in a cycle only
// if both are entry rooms; no-http-to-app-or-runtime, no-app-to-runtime, no-to-bench and the workers/CLI rules close
// those, and test/unit/architecture.test.ts checks that the rooms of the real tree form no cycle. Not ruled out:
// cycles between sibling folders inside one room (e.g. src/localize/templates <-> src/localize/gazetteer). Between
// modules, no-circular forbids every cycle.

// Paths are regular expressions on paths relative to the repository's top (where npm runs the script).
// Each rule here is a kind of import that must never exist; the rules do not overlap, so a wrong import is
// reported once, under the name that says what is wrong with it.

/** @param {string[]} paths one regular expression matching any of them */
const anyOf = (...paths) => paths.join("|");

const CLI = anyOf("^src/cli\\.ts$", "^src/cli/");
// the `bantin` command and the build it runs first (src/build.mjs compiles src/ and workers/ to dist/)
const BIN = "^src/(bin|build)\\.mjs$";
const RUNTIME = "^src/runtime\\.ts$";
const APP = "^src/app\\.ts$";
const HTTP = "^src/http/";
const WORKERS = "^workers/";
const BENCH = "^bench/";
const ENTRY = anyOf(BIN, CLI, RUNTIME, APP, HTTP, WORKERS, BENCH);

const DEMO = "^src/demo/";
const BULLETINS = "^src/bulletins/";
const ENDPOINTS = "^src/endpoints/";
const USE_CASES = anyOf(BULLETINS, ENDPOINTS);
const DELIVERY = "^src/delivery/";
const CHANNELS = "^src/channels/";
const LOCALIZE = "^src/localize/";
const ACCESS = "^src/access/";
const QUEUE = "^src/queue/";
const DB = "^src/db/";
const DOMAIN = "^src/domain/";
const ERRORS = "^src/errors\\.ts$";
const CONFIG = "^src/config\\.ts$";
const LOGGER = "^src/logger\\.ts$";
const GROUND_FILES = anyOf(ERRORS, CONFIG, LOGGER);

/** every room of the floors; a module of ours outside all of them is in no room (not-in-a-room) */
const ROOMS = anyOf(ENTRY, DEMO, USE_CASES, DELIVERY, CHANNELS, LOCALIZE, ACCESS, QUEUE, DB, DOMAIN, GROUND_FILES);
/** our own code, as opposed to npm packages and node's own modules */
const OURS = "^(src|workers|bench)/";

/** the floors above each floor: what it must never import */
const ABOVE_DEMO = ENTRY;
const ABOVE_USE_CASES = anyOf(ABOVE_DEMO, DEMO);
const ABOVE_DELIVERY = anyOf(ABOVE_USE_CASES, USE_CASES);
const ABOVE_CHANNELS = anyOf(ABOVE_DELIVERY, DELIVERY);
const ABOVE_LOCALIZE = anyOf(ABOVE_CHANNELS, CHANNELS);
const ABOVE_ACCESS_QUEUE = anyOf(ABOVE_LOCALIZE, LOCALIZE);
const ABOVE_DB = anyOf(ABOVE_ACCESS_QUEUE, ACCESS, QUEUE);

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    // ---- floors: never import up ----
    {
      name: "no-demo-upward",
      comment: "demo seed data is used by the CLI and the tests; it builds on the use cases and never reaches back into an entry point",
      severity: "error",
      from: { path: DEMO },
      to: { path: ABOVE_DEMO },
    },
    {
      name: "no-use-cases-upward",
      comment: "bulletins/ and endpoints/ are the use cases: the CLI, HTTP and workers call them, they call none of those and know nothing of the demo data",
      severity: "error",
      from: { path: USE_CASES },
      to: { path: ABOVE_USE_CASES },
    },
    {
      name: "no-delivery-upward",
      comment: "delivery carries out what the use cases decided; it must not call back into a use case, the demo data or an entry point",
      severity: "error",
      from: { path: DELIVERY },
      to: { path: ABOVE_DELIVERY },
    },
    {
      name: "no-channels-upward",
      comment: "channels are pure formatters: delivery calls them with data; they know nothing of delivery, the use cases, the demo data or the entry points",
      severity: "error",
      from: { path: CHANNELS },
      to: { path: ABOVE_CHANNELS },
    },
    {
      name: "no-localize-upward",
      comment:
        "localization (texts, templates, gazetteer, translation memory) is a service to the floors above; it must not import a channel, delivery, a use case or an entry point",
      severity: "error",
      from: { path: LOCALIZE },
      to: { path: ABOVE_LOCALIZE },
    },
    {
      name: "no-access-or-queue-upward",
      comment: "access (users, tokens, secrets) and the job queue are plumbing below localization; they must not import anything above them",
      severity: "error",
      from: { path: anyOf(ACCESS, QUEUE) },
      to: { path: ABOVE_ACCESS_QUEUE },
    },
    {
      name: "no-db-upward",
      comment:
        "the database layer stores what the floors above decide; it must not import them (no use case, no delivery, no access or queue); seed data that needs use cases belongs in src/demo/",
      severity: "error",
      from: { path: DB },
      to: { path: ABOVE_DB },
    },

    // ---- ground: the shared vocabulary imports nothing of ours ----
    {
      name: "no-domain-to-our-code",
      comment:
        "src/domain/ is the shared vocabulary (types, enums, zod schemas) that every floor may use; it imports npm packages only, never our own code, so it can never be part of a cycle",
      severity: "error",
      from: { path: DOMAIN },
      to: { path: OURS, pathNot: DOMAIN },
    },
    {
      name: "no-ground-files-to-our-code",
      comment: "errors.ts, config.ts and logger.ts sit on the ground floor beside the domain: everything may import them, so they may import src/domain/ only",
      severity: "error",
      from: { path: GROUND_FILES },
      to: { path: OURS, pathNot: DOMAIN },
    },

    // ---- peers on one floor ----
    {
      name: "no-bulletins-to-endpoints",
      comment: "bulletins and endpoints are peer use cases; what both need goes a floor down (delivery, domain), so either can change alone",
      severity: "error",
      from: { path: BULLETINS },
      to: { path: ENDPOINTS },
    },
    {
      name: "no-endpoints-to-bulletins",
      comment: "endpoints and bulletins are peer use cases; what both need goes a floor down (delivery, domain), so either can change alone",
      severity: "error",
      from: { path: ENDPOINTS },
      to: { path: BULLETINS },
    },
    {
      name: "no-access-to-queue",
      comment: "access and the queue are peers; who may do what does not depend on how jobs are run",
      severity: "error",
      from: { path: ACCESS },
      to: { path: QUEUE },
    },
    {
      name: "no-queue-to-access",
      comment: "the queue and access are peers; running jobs does not depend on who may do what",
      severity: "error",
      from: { path: QUEUE },
      to: { path: ACCESS },
    },

    // ---- narrower rooms: downward imports that are still wrong ----
    {
      name: "no-channels-to-db",
      comment: "channels are pure formatters; they take data, never read it (the types they share with the database belong in src/domain/)",
      severity: "error",
      from: { path: CHANNELS },
      to: { path: DB },
    },
    {
      name: "no-channels-to-queue",
      comment: "channels are pure formatters; they return what they made, they never schedule work",
      severity: "error",
      from: { path: CHANNELS },
      to: { path: QUEUE },
    },
    {
      name: "no-channels-to-access",
      comment: "channels are pure formatters; who may see or send a bulletin is decided before they are called",
      severity: "error",
      from: { path: CHANNELS },
      to: { path: ACCESS },
    },
    {
      name: "no-channels-to-config",
      comment: "channels are pure formatters; settings they need come in as arguments, they never read the process's configuration",
      severity: "error",
      from: { path: CHANNELS },
      to: { path: CONFIG },
    },
    {
      name: "no-db-to-config",
      comment: "the database layer is handed its connection settings by the entry points; it imports only src/db/, src/domain/, errors.ts and logger.ts",
      severity: "error",
      from: { path: DB },
      to: { path: CONFIG },
    },

    // ---- entry points among themselves ----
    {
      name: "no-http-to-workers",
      comment: "the HTTP server and the workers are separate processes; what both need lives on a lower floor",
      severity: "error",
      from: { path: HTTP },
      to: { path: WORKERS },
    },
    {
      name: "no-http-to-cli",
      comment: "the CLI is a caller of the app, not a library; only src/cli* and src/bin.mjs import it",
      severity: "error",
      from: { path: HTTP },
      to: { path: CLI },
    },
    {
      name: "no-app-or-runtime-to-cli",
      comment:
        "the CLI is a caller of the app, not a library; with no-http-to-cli and the floor rules, nothing under src/ but src/cli* and src/bin.mjs imports it",
      severity: "error",
      from: { path: anyOf(APP, RUNTIME) },
      to: { path: CLI },
    },
    {
      name: "no-runtime-to-workers",
      comment: "runtime.ts wires the process (database, queue, HTTP); it is handed the worker's start function by its caller instead of importing workers/",
      severity: "error",
      from: { path: RUNTIME },
      to: { path: WORKERS },
    },
    {
      name: "no-workers-to-http",
      comment: "the workers and the HTTP server are separate processes; what both need lives on a lower floor",
      severity: "error",
      from: { path: WORKERS },
      to: { path: HTTP },
    },
    {
      name: "no-workers-to-app",
      comment: "app.ts builds the HTTP application; a worker has no use for it",
      severity: "error",
      from: { path: WORKERS },
      to: { path: APP },
    },
    {
      name: "no-workers-to-runtime",
      comment: "runtime.ts wires a process (database, queue, server); a worker is handed what it needs instead of importing the wiring",
      severity: "error",
      from: { path: WORKERS },
      to: { path: RUNTIME },
    },
    {
      name: "no-workers-to-cli",
      comment: "the CLI is a caller of the app, not a library; only src/cli* and src/bin.mjs import it",
      severity: "error",
      from: { path: WORKERS },
      to: { path: CLI },
    },

    {
      name: "no-http-to-app-or-runtime",
      comment: "app.ts mounts the audiences and runtime.ts serves the app: the routes are below both and never reach back up to them",
      severity: "error",
      from: { path: HTTP },
      to: { path: anyOf(APP, RUNTIME) },
    },
    {
      name: "no-app-to-runtime",
      comment: "runtime.ts builds a process around the app; the app takes its dependencies as arguments and knows nothing of the process",
      severity: "error",
      from: { path: APP },
      to: { path: RUNTIME },
    },
    {
      name: "no-to-bench",
      comment: "benchmarks measure the code; nothing of the product depends on them (the floors below the entry rooms are kept from them by their floor rules)",
      severity: "error",
      from: { path: ENTRY, pathNot: BENCH },
      to: { path: BENCH },
    },

    // ---- cycles (between folders: see the top of this file) ----
    {
      name: "no-circular",
      comment:
        "a module must not depend on itself through others: a cycle makes the modules in it one unit that can only be understood, tested and changed together",
      severity: "error",
      from: {},
      to: { circular: true },
    },

    // ---- keeping the check honest ----
    {
      name: "no-unresolvable",
      comment: "an import dependency-cruiser cannot resolve is one the rules above cannot judge; it must resolve (or the check would pass without looking)",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "not-in-a-room",
      comment:
        "every module under src/, workers/ and bench/ belongs to a room of the floors; a new folder gets a place in this file before it is used, so no code escapes the rules",
      severity: "error",
      from: { path: OURS, pathNot: ROOMS },
      to: {},
    },
    {
      name: "not-to-a-room-less-module",
      comment:
        "every module under src/, workers/ and bench/ belongs to a room of the floors; a new folder gets a place in this file before it is used, so no code escapes the rules",
      severity: "error",
      from: { path: ROOMS },
      to: { path: OURS, pathNot: ROOMS },
    },
  ],
  options: {
    // the test suites may import anything; the rules are about the application
    exclude: { path: "^test/" },
    doNotFollow: { path: "node_modules" },
    // `import type` counts: a type imported the wrong way ties the layers together as much as a value does
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // imports name their file with its extension ("../db/client.ts", allowImportingTsExtensions), and packages are
    // resolved through their "exports" as node does (e.g. "tsx/esm/api", "hono/streaming")
    enhancedResolveOptions: {
      extensions: [".ts", ".mts", ".mjs", ".js", ".cjs", ".json", ".d.ts"],
      exportsFields: ["exports"],
      conditionNames: ["types", "import", "require", "node", "default"],
      mainFields: ["types", "typings", "module", "main"],
    },
    moduleSystems: ["es6", "cjs"],
  },
};
