// What several commands share: failing with exit status 2, list options, input files, input checked by a zod
// schema, and the demo credentials' printout.
import { readFileSync } from "node:fs";
import type { DemoCredentials } from "../demo/seed-demo.ts";

/** A usage or input error: the message on stderr, exit status 2. */
export const fail = (message: string): never => {
  console.error(`bantin: ${message}`);
  process.exit(2);
};

/** A comma-separated option ("vi,lo, en") as a list; unset is empty. */
export const listOption = (value: string | undefined) =>
  value
    ? value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)
    : [];

/** A file named on the command line, as UTF-8 text; one that cannot be read fails with the reason. */
export const readInputFile = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
};

/** A JSON file named on the command line; one that is not JSON fails with the parser's message. */
export const readJsonFile = (file: string): unknown => {
  const text = readInputFile(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
};

type SafeParser<T> = {
  safeParse: (value: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

/** `value` checked by `schema`; otherwise fails with every problem, each on its own line. */
export const parseInput = <T>(schema: SafeParser<T>, value: unknown): T => {
  const result = schema.safeParse(value);
  if (!result.success) return fail(result.error.issues.map((issue) => `${issue.path.map(String).join(".")}: ${issue.message}`).join("\n  "));
  return result.data;
};

/** The demo's passwords and tokens, with the URL the server answers at (`running`) or will answer at. */
export const printCredentials = (credentials: DemoCredentials, url: string, options: { running: boolean }) => {
  const lines = [
    "",
    ...(options.running
      ? [`bantin is running: ${url}`, `  console:        ${url}/  (sign in with a demo user below)`, `  API docs:       ${url}/api/docs`, ""]
      : [
          "Demo data seeded; start the API with `bantin serve`.",
          `With the current PUBLIC_URL, HOST and PORT it will answer at ${url} (the links below use it).`,
          "",
        ]),
    "Demo users, for the console and POST /api/v1/auth/login (username / password):",
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
