import { z } from "zod";
import { needsTranslation, templateNames, templateSchemas } from "../../localize/templates/index.ts";
import { defineCommand } from "../define-command.ts";

export const templates = defineCommand({
  synopsis: "bantin templates",
  about: "Lists the bulletin templates and their fields (with the values an enumerated field takes). No database needed.",
  options: {},
  run: () => {
    for (const name of templateNames) {
      const schema = z.toJSONSchema(templateSchemas[name], { io: "input", unrepresentable: "any" }) as {
        properties?: Record<string, { enum?: string[] }>;
        required?: string[];
      };
      console.log(`${name}${needsTranslation(name) ? " (free text needs translation)" : ""}`);
      for (const [field, definition] of Object.entries(schema.properties ?? {})) {
        const required = schema.required?.includes(field) ? "" : " (optional)";
        console.log(`  ${field}${required}${definition.enum ? `: ${definition.enum.join(" | ")}` : ""}`);
      }
    }
  },
});
