// A translator adds a pair to the translation memory by hand (e.g. a glossary entry).
import { requireRole, type Actor } from "../../access/actor.ts";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../db/queries/audit.ts";
import type { Language } from "../../domain/index.ts";
import { AppError } from "../../errors.ts";
import { learnTranslation } from "./memory.ts";

export type MemoryEntryInput = { sourceLanguage: Language; targetLanguage: Language; source: string; target: string };

/** Stores the pair like any approved sentence, and audits it. */
export const addMemoryEntry = async (db: Db, options: { actor: Actor; input: MemoryEntryInput; at: Date }) => {
  const { actor, input, at } = options;
  requireRole(actor, "translator");
  if (input.sourceLanguage === input.targetLanguage) throw new AppError("validation_failed", "source and target language must differ");
  const empty = { headline: "", summary: "" };
  await db.transaction(async (tx) => {
    await learnTranslation(tx, { ...input, source: { ...empty, body: input.source }, target: { ...empty, body: input.target }, approvedBy: actor.id, at });
    await recordAudit(tx, { at, actorId: actor.id, entity: "translation_memory", entityId: `${input.sourceLanguage}-${input.targetLanguage}`, action: "add" });
  });
};
