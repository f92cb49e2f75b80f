// bantin: the operators' command line. Entry point only: it wires dependencies and calls commands.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { revokeToken } from "./access/issue-token.ts";
import { createUser } from "./access/users.ts";
import { loadConfig } from "./config.ts";
import { seedDemo, type DemoCredentials } from "./demo/seed-demo.ts";
import { seedDemoBulletins } from "./demo/demo-bulletins.ts";
import { isFreshDatabase as isEmpty } from "./db/queries/fresh-database.ts";
import { loadGazetteer as seedPlaces } from "./localize/gazetteer/load-gazetteer.ts";
import { CreatePartnerSchema, CreateScreenSchema, CreateStationSchema } from "./endpoints/endpoint-schemas.ts";
import { createPartner, createScreen, createStation } from "./endpoints/create-endpoint.ts";
import { CreateUserSchema } from "./access/users.ts";
import { AppError } from "./errors.ts";
import { createLogger } from "./logger.ts";
import { openRuntime, shutdownOnSignal, startServer, startWorkers, type Runtime } from "./runtime.ts";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { LanguageSchema } from "./domain/field-schemas.ts";
import { plainTextProblem } from "./domain/plain-text.ts";
import { places, translationMemory } from "./db/schema/index.ts";
import { gazetteerPlaces } from "./localize/gazetteer/gazetteer.ts";
import { areasOf, assertTemplatePlaces, languagesOf, needsTranslation, renderTemplate, TemplateInputSchema, templateNames, templateSchemas } from "./localize/templates/index.ts";
import { learnTranslation } from "./localize/translation-memory/memory.ts";

const usage = `bantin: bulletins for the border provinces

usage: bantin <command> [options]

  start                     embedded all-in-one: migrate, seed the demo when empty, serve API and run workers
  migrate                   apply database migrations
  seed                      seed the demo data when the database is empty (prints credentials once)
  serve                     run the HTTP API (with REDIS_URL unset, runs the workers in-process too)
  worker                    run the job workers (needs DATABASE_URL and REDIS_URL)
  user add --username U --name "Full Name" --roles editor,translator,approver,admin [--password P]
  partner add --name N --areas VN-HT,VN-TN --languages vi,lo,en,km --sender LABEL [--max-parts 4] [--strip-diacritics] [--kinds sms]
  screen add --name N --gate VN-HT-CAUTREO --languages vi,lo,en --width 1920 --height 1080
  station add --name N --area VN-HT-HUONGSON --languages vi,lo
  token revoke <token-id>
  templates                 list the templates and their fields
  template render <name> --fields fields.json [--languages vi,lo,en]
                            render a template in every language (no database needed)
  places unreviewed         list places whose Lao or Khmer names no native speaker has checked
  memory import <file.tsv> --source vi --target km
                            add sentence pairs (one "source<TAB>target" per line) to the translation memory
  memory export --source vi --target km
                            print the memory for a language pair as TSV

Configuration comes from the environment: see README.md.`;

const list = (value: string | undefined) => (value ? value.split(",").map((item) => item.trim()).filter(Boolean) : []);

const fail = (message: string): never => {
  console.error(`bantin: ${message}`);
  process.exit(2);
};

const parseInput = <T>(schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T => {
  const result = schema.safeParse(value);
  if (!result.success) fail(result.error.issues.map((issue) => `${issue.path.map(String).join(".")}: ${issue.message}`).join("\n  "));
  return (result as { data: T }).data;
};

const credentialsFile = (runtime: Runtime) => path.join(runtime.config.dataDir, "demo-credentials.json");

const printCredentials = (credentials: DemoCredentials, url: string, options: { running: boolean }) => {
  const lines = [
    "",
    ...(options.running ? [`bantin is running: ${url}`, `  API docs:       ${url}/api/docs`, ""] : [`Demo data seeded; start the API with \`bantin serve\` (it will answer at ${url}).`, ""]),
    "Demo users (username / password):",
    ...credentials.users.map((user) => `  ${user.username.padEnd(11)} ${user.password}   (${user.roles.join(", ")})`),
    "Telecom partner tokens (Authorization: Bearer ...):",
    ...credentials.partners.map((partner) => `  ${partner.name.padEnd(13)} ${partner.token}`),
    "Screen tokens:",
    ...credentials.screens.map((screen) => `  ${screen.name.padEnd(24)} ${screen.token}\n    player: ${url}/play/${screen.id}#token=${screen.token}`),
    "Radio station tokens:",
    ...credentials.stations.map((station) => `  ${station.name.padEnd(24)} ${station.token}`),
    "",
    "These are demo credentials: do not use them in production.",
    "",
  ];
  console.log(lines.join("\n"));
};

const withRuntime = async <T>(work: (runtime: Runtime) => Promise<T>) => {
  const config = loadConfig();
  const runtime = await openRuntime(config, createLogger(config.logLevel === "info" ? "warn" : config.logLevel));
  try {
    await runtime.database.migrate();
    return await work(runtime);
  } finally {
    await runtime.queue.close(1_000);
    await runtime.database.close();
  }
};

const main = async (argv: string[]) => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: "string" },
      name: { type: "string" },
      roles: { type: "string" },
      password: { type: "string" },
      areas: { type: "string" },
      area: { type: "string" },
      gate: { type: "string" },
      languages: { type: "string" },
      sender: { type: "string" },
      "max-parts": { type: "string" },
      "strip-diacritics": { type: "boolean" },
      kinds: { type: "string" },
      width: { type: "string" },
      height: { type: "string" },
      fields: { type: "string" },
      source: { type: "string" },
      target: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, subcommand, argument] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return;
  }
  const now = new Date();
  switch (`${command}${subcommand && ["add", "revoke", "render", "unreviewed", "import", "export"].includes(subcommand) ? ` ${subcommand}` : ""}`) {
    case "templates":
      for (const name of templateNames) {
        const schema = z.toJSONSchema(templateSchemas[name], { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { enum?: string[] }>; required?: string[] };
        console.log(`${name}${needsTranslation(name) ? " (free text needs translation)" : ""}`);
        for (const [field, definition] of Object.entries(schema.properties ?? {})) {
          const required = schema.required?.includes(field) ? "" : " (optional)";
          console.log(`  ${field}${required}${definition.enum ? `: ${definition.enum.join(" | ")}` : ""}`);
        }
      }
      return;
    case "template render": {
      if (!argument || !values.fields) fail("template render needs a template name and --fields <file.json>");
      const template = parseInput(TemplateInputSchema, { name: argument, fields: JSON.parse(readFileSync(values.fields!, "utf8")) });
      const places = new Map(gazetteerPlaces().map((place) => [place.code, place]));
      assertTemplatePlaces(template, places);
      const languages = values.languages ? parseInput(z.array(LanguageSchema), list(values.languages)) : languagesOf(areasOf(template), places);
      for (const language of languages) {
        const text = renderTemplate(template, language, places);
        console.log(`[${language}] ${text.headline}\n  summary: ${text.summary}\n  body:    ${text.body}\n`);
      }
      return;
    }
    case "places unreviewed":
      await withRuntime(async (runtime) => {
        const rows = await runtime.database.db.select().from(places).where(eq(places.reviewed, false)).orderBy(asc(places.code));
        for (const place of rows) console.log(`${place.code.padEnd(26)} ${place.kind.padEnd(8)} lo: ${place.names.lo}   km: ${place.names.km}`);
        console.log(`${rows.length} places wait for a native speaker's review (PATCH /api/v1/places/{code} with reviewed: true)`);
      });
      return;
    case "memory import": {
      if (!argument) fail("memory import needs a TSV file: one source<TAB>target pair per line");
      const pair = parseInput(z.object({ source: LanguageSchema, target: LanguageSchema }), { source: values.source, target: values.target });
      const lines = readFileSync(argument!, "utf8").split(/\r?\n/).filter((line) => line.trim());
      const rows = lines.map((line, index) => {
        const [source, target, extra] = line.split("\t");
        if (!source?.trim() || !target?.trim() || extra !== undefined) fail(`${argument}:${index + 1}: expected "source<TAB>target"`);
        const problem = plainTextProblem(source!) ?? plainTextProblem(target!);
        if (problem) fail(`${argument}:${index + 1}: ${problem}`);
        return { source: source!.trim(), target: target!.trim() };
      });
      await withRuntime(async (runtime) => {
        let stored = 0;
        await runtime.database.db.transaction(async (tx) => {
          for (const row of rows) {
            stored += await learnTranslation(tx, {
              sourceLanguage: pair.source,
              targetLanguage: pair.target,
              source: { headline: "", summary: "", body: row.source },
              target: { headline: "", summary: "", body: row.target },
              at: now,
            });
          }
        });
        console.log(`${stored} sentence pairs stored (${pair.source} -> ${pair.target}) from ${rows.length} lines`);
      });
      return;
    }
    case "memory export": {
      const pair = parseInput(z.object({ source: LanguageSchema, target: LanguageSchema }), { source: values.source, target: values.target });
      await withRuntime(async (runtime) => {
        const rows = await runtime.database.db
          .select()
          .from(translationMemory)
          .where(and(eq(translationMemory.sourceLanguage, pair.source), eq(translationMemory.targetLanguage, pair.target)))
          .orderBy(asc(translationMemory.sourceKey));
        for (const row of rows) console.log(`${row.source.replace(/\s+/g, " ")}\t${row.target.replace(/\s+/g, " ")}`);
      });
      return;
    }
    case "migrate":
      await withRuntime(async (runtime) => console.log(`migrated ${runtime.database.description}`));
      return;
    case "seed":
      await withRuntime(async (runtime) => {
        // the gazetteer always: places missing from the database are added, edited ones are left alone
        const added = await seedPlaces(runtime.database.db);
        console.log(`gazetteer: ${added} places added`);
        if (!(await isEmpty(runtime.database.db))) return console.log("the database has users already: no demo users, endpoints or bulletins seeded");
        const credentials = await seedDemo(runtime.database.db, now);
        await seedDemoBulletins({ db: runtime.database.db, queue: runtime.queue, clock: () => new Date(), logger: runtime.logger }, credentials);
        printCredentials(credentials, runtime.config.publicUrl, { running: false });
      });
      return;
    case "user add":
      await withRuntime(async (runtime) => {
        const input = parseInput(CreateUserSchema, { username: values.username, displayName: values.name ?? values.username, roles: list(values.roles), password: values.password });
        const { user, password } = await createUser(runtime.database.db, input);
        console.log(`user ${user.username} (${user.roles.join(", ")}) id ${user.id}\npassword (shown once): ${password}`);
      });
      return;
    case "partner add":
      await withRuntime(async (runtime) => {
        const input = parseInput(CreatePartnerSchema, {
          name: values.name,
          areas: list(values.areas),
          languages: list(values.languages),
          kinds: values.kinds ? list(values.kinds) : undefined,
          smsPolicy: { sender: values.sender, maxParts: values["max-parts"] ? Number(values["max-parts"]) : undefined, stripDiacritics: values["strip-diacritics"] ?? false },
        });
        const { partner, token } = await createPartner(runtime.database.db, input, now);
        console.log(`partner ${partner.name} id ${partner.id}\ntoken (shown once): ${token}`);
      });
      return;
    case "screen add":
      await withRuntime(async (runtime) => {
        const input = parseInput(CreateScreenSchema, { name: values.name, gateCode: values.gate, languages: list(values.languages), width: Number(values.width), height: Number(values.height) });
        const { screen, token } = await createScreen(runtime.database.db, input, now);
        console.log(`screen ${screen.name} id ${screen.id}\ntoken (shown once): ${token}`);
      });
      return;
    case "station add":
      await withRuntime(async (runtime) => {
        const input = parseInput(CreateStationSchema, { name: values.name, areaCode: values.area, languages: list(values.languages) });
        const { station, token } = await createStation(runtime.database.db, input, now);
        console.log(`station ${station.name} id ${station.id}\ntoken (shown once): ${token}`);
      });
      return;
    case "token revoke":
      if (!argument) fail("token revoke needs the token id (bantin token revoke <id>)");
      await withRuntime(async (runtime) => {
        const revoked = await revokeToken(runtime.database.db, { id: argument!, now });
        console.log(`token ${revoked.id} revoked at ${revoked.revokedAt?.toISOString()}`);
      });
      return;
    case "start":
    case "serve": {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const runtime = await openRuntime(config, logger);
      if (command === "start" || runtime.database.kind === "pglite") await runtime.database.migrate();
      let credentials: DemoCredentials | undefined;
      if (command === "start") {
        if (await isEmpty(runtime.database.db)) {
          credentials = await seedDemo(runtime.database.db, now);
          await seedDemoBulletins({ db: runtime.database.db, queue: runtime.queue, clock: () => new Date(), logger }, credentials);
          if (runtime.database.kind === "pglite") writeFileSync(credentialsFile(runtime), JSON.stringify(credentials, null, 2), { mode: 0o600 });
        } else if (existsSync(credentialsFile(runtime))) {
          credentials = JSON.parse(readFileSync(credentialsFile(runtime), "utf8")) as DemoCredentials;
        }
      }
      const server = await startServer(runtime);
      // the in-process queue lives in this process, so its workers must too
      const worker = command === "start" || runtime.queue.kind === "in-process" ? startWorkers(runtime) : undefined;
      shutdownOnSignal(runtime, { server, worker });
      logger.info({ url: config.publicUrl, workers: worker ? config.workerConcurrency : 0 }, "listening");
      if (credentials) printCredentials(credentials, config.publicUrl, { running: true });
      else console.log(`bantin is running: ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs)`);
      return;
    }
    case "worker": {
      const config = loadConfig();
      if (!config.redisUrl || !config.databaseUrl) {
        fail("`bantin worker` runs beside `bantin serve` on a shared PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (embedded mode: use `bantin start`)");
      }
      const logger = createLogger(config.logLevel);
      const runtime = await openRuntime(config, logger);
      await runtime.database.migrate();
      const worker = startWorkers(runtime);
      shutdownOnSignal(runtime, { worker });
      logger.info({ concurrency: config.workerConcurrency }, "worker running");
      return;
    }
    default:
      fail(`unknown command "${positionals.join(" ")}"\n\n${usage}`);
  }
};

// `bantin places unreviewed | head`: a closed pipe ends the command quietly
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AppError) fail(`${error.message}`);
  console.error(error);
  process.exit(1);
});
