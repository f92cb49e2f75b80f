import { describe, expect, it } from "vitest";
import { BulletinListQuerySchema } from "../../../src/http/api/bulletin-list-query.ts";
import { openApiDocument } from "../../../src/http/openapi.ts";

describe("the OpenAPI document of the bulletin list", () => {
  it("documents every query parameter the route accepts, and no other", () => {
    const parameters = (openApiDocument().paths["/api/v1/bulletins"].get as { parameters: { name: string }[] }).parameters.map((parameter) => parameter.name);
    expect(parameters.sort()).toEqual(Object.keys(BulletinListQuerySchema.shape).sort());
  });
});
