#!/usr/bin/env node
// The `bantin` command. It runs the compiled JavaScript in dist/ (src/build.mjs), plain Node without a TypeScript
// loader: less memory and a faster start than compiling on the fly. In a checkout with the TypeScript compiler
// installed, sources changed since the last build are compiled first (a second or two after a fresh clone, nothing
// when nothing changed), so `npm install && npm start` and an edited file both just work. Without the compiler
// (a production install, `npm ci --omit=dev`) dist/ is run as it was built. BANTIN_TYPESCRIPT=1 runs the sources
// through tsx instead (a development dependency), as the tests do.
import { existsSync } from "node:fs";
import v8 from "node:v8";

// V8's young generation starts at 1 MB per semi-space and, under allocation, grows to 16 MB (32 MB resident, never
// given back): a quarter of an idle API process. Held at its starting size, collections of it are more frequent
// but each takes a fraction of a millisecond (docs/performance.md). A --max-semi-space-size given in NODE_OPTIONS
// or on the command line wins.
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((option) => option.includes("semi-space")))
  v8.setFlagsFromString("--semi-space-growth-factor=1");

const compiled = new URL("../dist/src/cli/main.js", import.meta.url);

const canBuild = async () => {
  try {
    await import.meta.resolve?.("typescript");
    return existsSync(new URL("./build.mjs", import.meta.url));
  } catch {
    return false;
  }
};

if (process.env.BANTIN_TYPESCRIPT === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./cli/main.ts");
} else {
  if (await canBuild()) {
    const { build } = await import("./build.mjs");
    await build({ quiet: !process.stderr.isTTY });
  }
  if (!existsSync(compiled)) {
    console.error("bantin: dist/ is missing; run `npm run build` (needs the development dependencies) first");
    process.exit(1);
  }
  await import(compiled.href);
}
