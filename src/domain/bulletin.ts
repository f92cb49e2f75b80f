// The words of a bulletin: its channels, urgencies, modes, statuses, categories, and its texts' states and origins.
import type { Language } from "./languages.ts";

export const channels = ["sms", "voice", "radio", "display"] as const;
export type Channel = (typeof channels)[number];
export const urgencies = ["routine", "priority", "urgent"] as const;
export type Urgency = (typeof urgencies)[number];
export const bulletinModes = ["actual", "test", "exercise"] as const;
export type BulletinMode = (typeof bulletinModes)[number];
export const bulletinStatuses = ["draft", "submitted", "rejected", "approved", "localized", "published", "expired", "withdrawn", "superseded"] as const;
export type BulletinStatus = (typeof bulletinStatuses)[number];
export const categories = [
  "gate_hours",
  "gate_closure",
  "weather",
  "disaster",
  "health",
  "animal_disease",
  "trade",
  "tourism",
  "policy",
  "correction",
  "notice",
] as const;
export type Category = (typeof categories)[number];

/** A target language the editor dropped, with why; shown in the bulletin and its delivery log. */
export type DroppedLanguage = { language: Language; reason: string; by: string; at: string };
/** Why a language is still waiting for text (e.g. the machine-translation provider timed out). */
export type WaitingNote = { code: string; detail: string; at: string };
/** Something an editor should know about a bulletin, e.g. what a CAP import left out ("cap_language_skipped", "fr-CA"). */
export type BulletinNote = { code: string; detail: string; at: string };

export const textStates = ["draft", "approved"] as const;
export type TextState = (typeof textStates)[number];
/** Where a text came from: the editor's source text, a template, a translator, the translation memory or a machine. */
export const textOrigins = ["source", "template", "translator", "memory", "machine"] as const;
export type TextOrigin = (typeof textOrigins)[number];
/** How an automatic draft was made: segments from memory, from the machine, left untranslated; fuzzy proposals. */
export type TextOriginDetail = {
  segments?: { memory: number; machine: number; untranslated: number };
  provider?: string;
  proposals?: { source: string; target: string; score: number }[];
  /** the source text's updatedAt this draft was made from */
  sourceVersion?: string;
};

/** A delivery message's states; they only move forward. */
export const messageStatuses = ["pending", "claimed", "sent", "rejected", "cancelled"] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** A radio script as stored and served: what the presenter reads, with its reading time. */
export type RadioScriptContent = {
  headline: string;
  /** the script as the presenter reads it: intro, marking, headline, body, outro, with cue lines */
  script: string;
  /** `text` as written, with the spoken form beside what is easy to misread ("02/12/2026 [say: 2 December 2026]");
   *  `spoken`, on speech sections, the whole section as it is said */
  sections: { kind: "cue" | "speech"; text: string; spoken?: string }[];
  readingSec: number;
  rate: { unitsPerMinute: number; unit: string; estimate: boolean };
};
