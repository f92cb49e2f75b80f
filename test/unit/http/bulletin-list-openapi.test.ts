import { describe, expect, it } from "vitest";
import { BulletinListQuerySchema, bulletinListParameters } from "../../../src/http/api/bulletin-list-query.ts";
import { openApiDocument } from "../../../src/http/openapi.ts";

describe("the OpenAPI document of the bulletin list", () => {
  const parameters = () => (openApiDocument().paths["/api/v1/bulletins"]!.get as { parameters: { name: string; description?: string }[] }).parameters;

  it("documents every query parameter the route accepts, and no other", () => {
    expect(
      parameters()
        .map((parameter) => parameter.name)
        .sort(),
    ).toEqual(Object.keys(BulletinListQuerySchema.shape).sort());
  });

  it("says what each one means (all but limit, whose schema says it all)", () => {
    const undescribed = parameters()
      .filter((parameter) => !parameter.description)
      .map((parameter) => parameter.name);
    expect(undescribed).toEqual(["limit"]);
    expect(parameters().find((parameter) => parameter.name === "status")!.description).toBe(bulletinListParameters.status.description);
  });
});
