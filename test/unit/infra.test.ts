// infra/compose.yaml as written: the app runs from its image (no host node_modules mounted), and the API and the
// workers start only once the migrations have finished.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const compose = parse(readFileSync(new URL("../../infra/compose.yaml", import.meta.url), "utf8"), { merge: true });
const appServices = ["migrate", "api", "worker"] as const;

describe("infra/compose.yaml", () => {
  it("runs the app from the image infra/Dockerfile builds, mounting nothing of the host's into /app", () => {
    for (const name of appServices) {
      const service = compose.services[name];
      expect(service.build, name).toMatchObject({ context: "..", dockerfile: "infra/Dockerfile" });
      const mounts: string[] = (service.volumes ?? []).map((volume: unknown) => (typeof volume === "string" ? volume : JSON.stringify(volume)));
      expect(
        mounts.filter((mount) => mount.includes("/app") || mount.includes("node_modules")),
        name,
      ).toEqual([]);
    }
    const dockerfile = readFileSync(new URL("../../infra/Dockerfile", import.meta.url), "utf8");
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(readFileSync(new URL("../../infra/Dockerfile.dockerignore", import.meta.url), "utf8")).toMatch(/^node_modules$/m);
  });

  it("starts the API and the workers after the migrations completed, and the migrations after PostgreSQL is healthy", () => {
    for (const name of ["api", "worker"]) {
      expect(compose.services[name].depends_on.migrate, name).toEqual({ condition: "service_completed_successfully" });
    }
    expect(compose.services.migrate.depends_on.postgres).toEqual({ condition: "service_healthy" });
    expect(compose.services.migrate.command).toEqual(["node", "src/bin.mjs", "migrate"]);
  });
});
