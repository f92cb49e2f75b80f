// The architecture document points at real files: a path it names that no longer exists fails here, so the map
// and the house-style examples move with the code.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/** Every `path` in backticks that names a file or folder of the repository (no placeholders such as <audience>). */
const pathsIn = (markdown: string) =>
  [...markdown.matchAll(/`((?:src|workers|test|bench|locales|infra|docs|\.ci)\/[\w./-]*)`/g)].map((match) => match[1]!).filter((path) => !/[<>{}*]/.test(path));

describe("docs/architecture.md", () => {
  const markdown = readFileSync(`${repo}docs/architecture.md`, "utf8");

  it("names paths", () => {
    expect(pathsIn(markdown).length).toBeGreaterThan(40);
  });

  it("names only paths that exist", () => {
    const missing = pathsIn(markdown).filter((path) => !existsSync(`${repo}${path}`));
    expect(missing, `named in docs/architecture.md but not in the repository: ${missing.join(", ")}`).toEqual([]);
  });
});
