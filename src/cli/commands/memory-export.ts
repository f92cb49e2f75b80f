import { z } from "zod";
import { listMemoryPairs } from "../../db/queries/translation-memory.ts";
import { LanguageSchema } from "../../domain/field-schemas.ts";
import { formatMemoryTsv } from "../../localize/translation-memory/memory-tsv.ts";
import { parseInput } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const memoryExport = defineCommand({
  synopsis: "bantin memory export --source LANG --target LANG",
  about: 'Prints the translation memory of a language pair as TSV, one "source<TAB>target" pair a line (what memory import reads).',
  options: {
    source: { type: "string", value: "LANG", description: "the source language: vi, lo, en or km" },
    target: { type: "string", value: "LANG", description: "the target language" },
  },
  run: ({ values }) => {
    const pair = parseInput(z.object({ source: LanguageSchema, target: LanguageSchema }), { source: values.source, target: values.target });
    return withRuntime(async (runtime) => {
      process.stdout.write(formatMemoryTsv(await listMemoryPairs(runtime.database.db, pair)));
    });
  },
});
