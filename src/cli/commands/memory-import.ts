import { z } from "zod";
import { LanguageSchema } from "../../domain/field-schemas.ts";
import { parseMemoryTsv } from "../../localize/translation-memory/memory-tsv.ts";
import { learnTranslation } from "../../localize/translation-memory/memory.ts";
import { fail, parseInput, readInputFile } from "../cli-helpers.ts";
import { defineCommand } from "../define-command.ts";
import { withRuntime } from "../with-runtime.ts";

export const memoryImport = defineCommand({
  synopsis: "bantin memory import <file.tsv> --source LANG --target LANG",
  about: "Adds sentence pairs to the translation memory in one transaction; a source sentence already there takes the new target.",
  arguments: { "<file.tsv>": 'one "source<TAB>target" pair a line, UTF-8 plain text' },
  options: {
    source: { type: "string", value: "LANG", description: "the language of the first column: vi, lo, en or km" },
    target: { type: "string", value: "LANG", description: "the language of the second column" },
  },
  run: ({ values, positionals: [file] }) => {
    if (!file) return fail("memory import needs a TSV file: one source<TAB>target pair per line");
    const pair = parseInput(z.object({ source: LanguageSchema, target: LanguageSchema }), { source: values.source, target: values.target });
    const { pairs, problems } = parseMemoryTsv(readInputFile(file));
    if (problems.length > 0) fail(problems.map((problem) => `${file}:${problem.line}: ${problem.message}`).join("\n  "));
    return withRuntime(async (runtime) => {
      const at = new Date();
      let stored = 0;
      await runtime.database.db.transaction(async (tx) => {
        for (const row of pairs) {
          stored += await learnTranslation(tx, {
            sourceLanguage: pair.source,
            targetLanguage: pair.target,
            source: { headline: "", summary: "", body: row.source },
            target: { headline: "", summary: "", body: row.target },
            at,
          });
        }
      });
      console.log(`${stored} sentence pairs stored (${pair.source} -> ${pair.target}) from ${pairs.length} lines`);
    });
  },
});
