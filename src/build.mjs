#!/usr/bin/env node
// The production build: src/ and workers/ compiled to JavaScript in dist/ (same layout: dist/src, dist/workers), so
// that `bantin` runs plain Node without a TypeScript loader. Each file is transpiled on its own by the TypeScript
// compiler (`transpileModule`: types erased, `.ts` imports rewritten to `.js`, hono/jsx compiled), without type
// checking (`npm run typecheck` does that), which takes a second or two where a full `tsc` build takes about half a
// minute. Incremental: only sources newer than their output are transpiled again, and outputs whose source is gone
// are removed. Every other file beside the sources (console.css, the player's assets, places.json, the migrations)
// and the folders read at run time from the repository root (locales/, infra/) are symbolic links into the
// checkout, so paths computed from `import.meta.url` resolve from dist/ as they do from the sources, and an edited
// locale or report-settings file needs no build.
//   node src/build.mjs            build what changed, print a line when something was built
//   node src/build.mjs --clean    start from an empty dist/
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const distDir = path.join(root, "dist");
const sourceDirs = ["src", "workers"];
const linkedDirs = ["locales", "infra"];
const isSource = (file) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts");
const outputOf = (relative) => path.join(distDir, isSource(relative) ? relative.replace(/\.tsx?$/, ".js") : relative);

const walk = (dir, relative = "", files = []) => {
  for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) walk(dir, child, files);
    else files.push(child);
  }
  return files;
};

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

/** What is out of date: sources to transpile, files to link, outputs to remove. Reads only file times. */
export const plan = () => {
  const transpile = [];
  const link = [];
  const expected = new Set();
  for (const dir of sourceDirs) {
    for (const file of walk(root, dir)) {
      if (file.endsWith(".md")) continue;
      const output = outputOf(file);
      expected.add(output);
      if (isSource(file)) {
        if (mtime(output) < mtime(path.join(root, file))) transpile.push(file);
      } else if (!isLink(output)) link.push(file);
    }
  }
  for (const dir of linkedDirs) {
    expected.add(path.join(distDir, dir));
    if (!isLink(path.join(distDir, dir))) link.push(dir);
  }
  const remove = [];
  if (existsSync(distDir)) {
    for (const dir of sourceDirs) {
      if (!existsSync(path.join(distDir, dir))) continue;
      for (const file of walk(distDir, dir)) if (!expected.has(path.join(distDir, file))) remove.push(file);
    }
  }
  return { transpile, link, remove };
};

const isLink = (file) => {
  try {
    return lstatSync(file).isSymbolicLink() && existsSync(file);
  } catch {
    return false;
  }
};

/** Brings dist/ up to date; returns how many files it changed. Needs the `typescript` package only when a source changed. */
export const build = async ({ clean = false, quiet = false } = {}) => {
  if (clean) rmSync(distDir, { recursive: true, force: true });
  const { transpile, link, remove } = plan();
  if (transpile.length + link.length + remove.length === 0) return 0;
  const started = performance.now();
  if (transpile.length > 0) {
    const { default: ts } = await import("typescript");
    const compilerOptions = {
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true,
      rewriteRelativeImportExtensions: true,
      jsx: ts.JsxEmit.ReactJSX,
      jsxImportSource: "hono/jsx",
      sourceMap: false,
    };
    for (const file of transpile) {
      const source = readFileSync(path.join(root, file), "utf8");
      const { outputText, diagnostics } = ts.transpileModule(source, { compilerOptions, fileName: file, reportDiagnostics: true });
      if (diagnostics?.length) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n")}`);
      const output = outputOf(file);
      mkdirSync(path.dirname(output), { recursive: true });
      // written aside and renamed: two processes starting at once never read a half-written module
      const temporary = `${output}.${process.pid}.tmp`;
      writeFileSync(temporary, outputText);
      renameSync(temporary, output);
    }
  }
  for (const file of link) {
    const output = path.join(distDir, file);
    mkdirSync(path.dirname(output), { recursive: true });
    try {
      if (lstatSync(output)) unlinkSync(output);
    } catch {}
    const target = path.relative(path.dirname(output), path.join(root, file));
    try {
      symlinkSync(target, output);
    } catch (error) {
      // another process made the same link a moment ago
      if (error.code !== "EEXIST" || readlinkSync(output) !== target) throw error;
    }
  }
  for (const file of remove) rmSync(path.join(distDir, file), { force: true });
  if (!quiet) {
    const ms = Math.round(performance.now() - started);
    console.error(`build: ${transpile.length} compiled, ${link.length} linked, ${remove.length} removed in dist/ (${ms} ms)`);
  }
  return transpile.length + link.length + remove.length;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await build({ clean: process.argv.includes("--clean") });
}
