import { createPartner } from "../../endpoints/create-endpoint.ts";
import { CreatePartnerSchema } from "../../endpoints/endpoint-schemas.ts";
import { listOption, parseInput } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const partnerAdd = defineCommand({
  synopsis:
    "bantin partner add --name N --areas LIST --languages LIST --sender LABEL [--kinds sms,voice] [--max-parts 4] [--strip-diacritics] [--lease-seconds 300]",
  about: "Adds a telecom partner and prints its API token once.",
  options: {
    name: { type: "string", value: "N", description: "the partner's name" },
    areas: { type: "string", value: "LIST", description: "comma-separated place codes it serves, e.g. VN-HT,VN-TN" },
    languages: { type: "string", value: "LIST", description: "comma-separated languages it sends, e.g. vi,lo,en,km" },
    sender: { type: "string", value: "LABEL", description: "the SMS sender label" },
    kinds: { type: "string", value: "LIST", description: "what it takes: sms, voice (default: sms)" },
    "max-parts": { type: "string", value: "N", description: "the most SMS parts a message may take" },
    "strip-diacritics": { type: "boolean", description: "send Vietnamese without diacritics (GSM-7)" },
    "lease-seconds": {
      type: "string",
      value: "N",
      description: "how long it holds a claimed batch before unacknowledged messages are offered again, 30 to 3600 (default 300)",
    },
  },
  run: ({ values }) =>
    withRuntime(async (runtime) => {
      const input = parseInput(CreatePartnerSchema, {
        name: values.name,
        areas: listOption(values.areas),
        languages: listOption(values.languages),
        kinds: values.kinds ? listOption(values.kinds) : undefined,
        smsPolicy: {
          sender: values.sender,
          maxParts: values["max-parts"] ? Number(values["max-parts"]) : undefined,
          stripDiacritics: values["strip-diacritics"] ?? false,
        },
        leaseSeconds: values["lease-seconds"] ? Number(values["lease-seconds"]) : undefined,
      });
      const { partner, token } = await createPartner(runtime.database.db, input, new Date());
      console.log(`partner ${partner.name} id ${partner.id} lease ${partner.leaseSeconds} s\ntoken (shown once): ${token}`);
    }),
});
