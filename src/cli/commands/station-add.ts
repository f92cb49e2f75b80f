import { languages } from "../../domain/index.ts";
import { createStation } from "../../endpoints/create-endpoint.ts";
import { CreateStationSchema } from "../../endpoints/endpoint-schemas.ts";
import { listOption, parseInput } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const stationAdd = defineCommand({
  synopsis: "bantin station add --name N --area CODE --languages LIST [--name-vi N] [--name-lo N] [--name-en N] [--name-km N] [--names-reviewed]",
  about:
    "Adds a radio station and prints its token once; a worker gives it the scripts of everything in force in its area. --name-<language> is what the intro calls it in that language (else --name); Lao and Khmer names are marked for a native speaker's review unless --names-reviewed.",
  options: {
    name: { type: "string", value: "N", description: "the station's name" },
    area: { type: "string", value: "CODE", description: "the area it broadcasts to, e.g. VN-HT-HUONGSON" },
    languages: { type: "string", value: "LIST", description: "comma-separated languages it broadcasts, e.g. vi,lo" },
    "name-vi": { type: "string", value: "N", description: "its on-air name in Vietnamese, e.g. Đài truyền thanh huyện Hương Sơn" },
    "name-lo": { type: "string", value: "N", description: "its on-air name in Lao" },
    "name-en": { type: "string", value: "N", description: "its on-air name in English" },
    "name-km": { type: "string", value: "N", description: "its on-air name in Khmer" },
    "names-reviewed": { type: "boolean", description: "a native speaker has checked the Lao and Khmer names" },
  },
  run: ({ values }) =>
    withRuntime(async (runtime) => {
      const names = Object.fromEntries(
        languages.flatMap((language) => (values[`name-${language}`] === undefined ? [] : [[language, values[`name-${language}`]]])),
      );
      const input = parseInput(CreateStationSchema, {
        name: values.name,
        areaCode: values.area,
        languages: listOption(values.languages),
        names,
        ...(values["names-reviewed"] ? { namesReviewed: true } : {}),
      });
      const { station, token } = await createStation({ db: runtime.database.db, queue: runtime.queue, logger: runtime.logger }, input, new Date());
      const onAir = station.languages.flatMap((language) => (station.names[language] === undefined ? [] : [`  ${language}: ${station.names[language]}`]));
      const review = station.namesReviewed ? "" : " (Lao/Khmer names to be checked by a native speaker)";
      console.log(
        [`station ${station.name} id ${station.id}`, ...(onAir.length ? [`on-air names${review}:`, ...onAir] : []), `token (shown once): ${token}`].join("\n"),
      );
    }),
});
