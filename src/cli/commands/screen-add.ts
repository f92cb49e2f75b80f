import { createScreen } from "../../endpoints/create-endpoint.ts";
import { CreateScreenSchema } from "../../endpoints/endpoint-schemas.ts";
import { listOption, parseInput } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const screenAdd = defineCommand({
  synopsis: "bantin screen add --name N --gate CODE --languages LIST --width PX --height PX",
  about:
    "Adds a border-gate screen and prints its token once (the player link is /play/<id>#token=<token>). A worker gives it the slides of everything in force at its gate.",
  options: {
    name: { type: "string", value: "N", description: "the screen's name" },
    gate: { type: "string", value: "CODE", description: "the gate it stands at, e.g. VN-HT-CAUTREO" },
    languages: { type: "string", value: "LIST", description: "comma-separated languages it shows, e.g. vi,lo,en" },
    width: { type: "string", value: "PX", description: "its width in pixels (64 to 7680)" },
    height: { type: "string", value: "PX", description: "its height in pixels (64 to 7680)" },
  },
  run: ({ values }) =>
    withRuntime(async (runtime) => {
      const input = parseInput(CreateScreenSchema, {
        name: values.name,
        gateCode: values.gate,
        languages: listOption(values.languages),
        width: Number(values.width),
        height: Number(values.height),
      });
      const { screen, token } = await createScreen({ db: runtime.database.db, queue: runtime.queue, logger: runtime.logger }, input, new Date());
      console.log(`screen ${screen.name} id ${screen.id}\ntoken (shown once): ${token}`);
    }),
});
