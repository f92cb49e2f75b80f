import { createStation } from "../../endpoints/create-endpoint.ts";
import { CreateStationSchema } from "../../endpoints/endpoint-schemas.ts";
import { listOption, parseInput } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const stationAdd = defineCommand({
  synopsis: "bantin station add --name N --area CODE --languages LIST",
  about: "Adds a radio station and prints its token once. A worker gives it the scripts of everything in force in its area.",
  options: {
    name: { type: "string", value: "N", description: "the station's name" },
    area: { type: "string", value: "CODE", description: "the area it broadcasts to, e.g. VN-HT-HUONGSON" },
    languages: { type: "string", value: "LIST", description: "comma-separated languages it broadcasts, e.g. vi,lo" },
  },
  run: ({ values }) =>
    withRuntime(async (runtime) => {
      const input = parseInput(CreateStationSchema, { name: values.name, areaCode: values.area, languages: listOption(values.languages) });
      const { station, token } = await createStation({ db: runtime.database.db, queue: runtime.queue, logger: runtime.logger }, input, new Date());
      console.log(`station ${station.name} id ${station.id}\ntoken (shown once): ${token}`);
    }),
});
