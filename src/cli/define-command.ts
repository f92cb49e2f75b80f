// One `bantin` command: its own arguments and options (any other option is refused), its own usage, `--help`.
import { parseArgs } from "node:util";
import { fail } from "./cli-helpers.ts";

type OptionSpec = {
  type: "string" | "boolean";
  short?: string;
  /** the value's placeholder in the usage ("U", "LIST") */
  value?: string;
  description: string;
};

type OptionValues<O extends Record<string, OptionSpec>> = { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string };

/** How the dispatcher names a command: its words ("user add") and its line in `bantin --help`. */
export type CommandContext = { name: string; summary: string };

export type CliCommand = {
  /** the command's own help: synopsis, what it does, arguments and options */
  usage: string;
  run: (args: string[], context: CommandContext) => Promise<void>;
};

const helpOption = { flags: "-h, --help", description: "show this help" };

const table = (rows: { left: string; right: string }[]) => {
  const width = Math.max(...rows.map((row) => row.left.length)) + 3;
  return rows.map((row) => `  ${row.left.padEnd(width)}${row.right}`);
};

export const defineCommand = <const O extends Record<string, OptionSpec>>(command: {
  /** "bantin user add --username U ...": how it is called */
  synopsis: string;
  /** what it does, when the summary line is not enough */
  about?: string;
  /** its positional arguments, in order, with what they are; none unless listed */
  arguments?: Record<string, string>;
  options: O;
  run: (input: { values: OptionValues<O>; positionals: string[] }) => Promise<void> | void;
}): CliCommand => {
  const argumentNames = Object.keys(command.arguments ?? {});
  const optionRows = Object.entries(command.options).map(([name, option]) => ({
    left: `${option.short ? `-${option.short}, ` : ""}--${name}${option.value ? ` ${option.value}` : ""}`,
    right: option.description,
  }));
  const usage = [
    `usage: ${command.synopsis}`,
    ...(command.about ? ["", command.about] : []),
    ...(argumentNames.length > 0 ? ["", "arguments:", ...table(Object.entries(command.arguments ?? {}).map(([left, right]) => ({ left, right })))] : []),
    "",
    "options:",
    ...table([...optionRows, { left: helpOption.flags, right: helpOption.description }]),
  ].join("\n");
  const parseOptions = Object.fromEntries(
    Object.entries(command.options).map(([name, option]) => [name, option.short ? { type: option.type, short: option.short } : { type: option.type }]),
  );
  return {
    usage,
    run: async (args, { name, summary }) => {
      const beforeTerminator = args.includes("--") ? args.slice(0, args.indexOf("--")) : args;
      if (beforeTerminator.some((arg) => arg === "--help" || arg === "-h")) {
        console.log(`bantin ${name}: ${summary}\n\n${usage}`);
        return;
      }
      let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
      try {
        parsed = parseArgs({ args, options: parseOptions, allowPositionals: true, strict: true }) as typeof parsed;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const unknown = /^Unknown option '([^']+)'/.exec(message);
        return fail(`${name}: ${unknown ? `unknown option ${unknown[1]}` : message}\n(bantin ${name} --help lists its options)`);
      }
      const extra = parsed.positionals.slice(argumentNames.length);
      if (extra.length > 0) fail(`${name}: unexpected argument "${extra.join(" ")}"\n(bantin ${name} --help lists its arguments)`);
      await command.run({ values: parsed.values as OptionValues<O>, positionals: parsed.positionals });
    },
  };
};
