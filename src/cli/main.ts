// bantin: the operators' command line. Finds the command named by the first words and hands it the rest; each
// command (commands/<command>.ts) has its own options and usage, and is loaded only when it runs.
import { AppError } from "../errors.ts";
import { fail } from "./cli-helpers.ts";
import type { CliCommand } from "./define-command.ts";

type CommandEntry = { name: string; summary: string; load: () => Promise<CliCommand> };

const commands: CommandEntry[] = [
  {
    name: "start",
    summary: "embedded all-in-one: migrate, seed the demo when empty, serve the API and run the workers",
    load: async () => (await import("./commands/start.ts")).start,
  },
  { name: "migrate", summary: "apply the database migrations", load: async () => (await import("./commands/migrate.ts")).migrate },
  {
    name: "seed",
    summary: "load the gazetteer; into an empty database, seed the demo and print its credentials once",
    load: async () => (await import("./commands/seed.ts")).seed,
  },
  {
    name: "serve",
    summary: "run the HTTP API (with REDIS_URL unset, runs the workers in-process too)",
    load: async () => (await import("./commands/serve.ts")).serve,
  },
  { name: "worker", summary: "run the job workers (needs DATABASE_URL and REDIS_URL)", load: async () => (await import("./commands/worker.ts")).worker },
  { name: "user add", summary: "add a console user; prints a generated password once", load: async () => (await import("./commands/user-add.ts")).userAdd },
  { name: "partner add", summary: "add a telecom partner; prints its token once", load: async () => (await import("./commands/partner-add.ts")).partnerAdd },
  { name: "screen add", summary: "add a border-gate screen; prints its token once", load: async () => (await import("./commands/screen-add.ts")).screenAdd },
  { name: "station add", summary: "add a radio station; prints its token once", load: async () => (await import("./commands/station-add.ts")).stationAdd },
  { name: "token revoke", summary: "revoke a token by its id", load: async () => (await import("./commands/token-revoke.ts")).tokenRevoke },
  { name: "templates", summary: "list the templates and their fields", load: async () => (await import("./commands/templates.ts")).templates },
  {
    name: "template render",
    summary: "render a template in every language (no database needed)",
    load: async () => (await import("./commands/template-render.ts")).templateRender,
  },
  {
    name: "places unreviewed",
    summary: "list places whose Lao or Khmer names no native speaker has checked",
    load: async () => (await import("./commands/places-unreviewed.ts")).placesUnreviewed,
  },
  {
    name: "memory import",
    summary: "add source<TAB>target sentence pairs from a TSV file to the translation memory",
    load: async () => (await import("./commands/memory-import.ts")).memoryImport,
  },
  {
    name: "memory export",
    summary: "print the translation memory of a language pair as TSV",
    load: async () => (await import("./commands/memory-export.ts")).memoryExport,
  },
  {
    name: "report",
    summary: "write the activity report for a period as csv, xlsx, docx, html or json",
    load: async () => (await import("./commands/report.ts")).report,
  },
];

const usage = [
  "bantin: bulletins for the border provinces",
  "",
  "usage: bantin <command> [arguments] [options]",
  "       bantin <command> --help     the command's own arguments and options",
  "",
  "commands:",
  ...commands.map((command) => `  ${command.name.padEnd(19)} ${command.summary}`),
  "",
  "Configuration comes from the environment (DATABASE_URL, REDIS_URL, HOST, PORT, PUBLIC_URL, ...): see README.md.",
].join("\n");

/** The command named by the first one or two words, and the arguments after them. */
const findCommand = (argv: string[]) => {
  for (const words of [2, 1]) {
    const entry = commands.find((command) => command.name === argv.slice(0, words).join(" "));
    if (entry) return { entry, args: argv.slice(words) };
  }
  return undefined;
};

const unknownCommand = (argv: string[]): never => {
  const [first = "", second] = argv;
  const similar = commands.filter((command) => command.name.split(" ")[0] === first).map((command) => `bantin ${command.name}`);
  const words = similar.length > 0 && second && !second.startsWith("-") ? [first, second] : [first];
  return fail(`unknown command "${words.join(" ")}"${similar.length > 0 ? `: did you mean ${similar.join(" or ")}?` : ""}\n(bantin --help lists the commands)`);
};

const main = async (argv: string[]) => {
  // `bantin help user add` is `bantin user add --help`
  const helpFor = argv[0] === "help" ? argv.slice(1) : undefined;
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || helpFor?.length === 0) return console.log(usage);
  const words = helpFor ?? argv;
  const found = findCommand(words);
  if (!found || (helpFor && found.args.length > 0)) return unknownCommand(words);
  const command = await found.entry.load();
  await command.run(helpFor ? ["--help"] : found.args, { name: found.entry.name, summary: found.entry.summary });
};

// `bantin places unreviewed | head`: a closed pipe ends the command quietly
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AppError) fail(error.message);
  console.error(error);
  process.exit(1);
});
