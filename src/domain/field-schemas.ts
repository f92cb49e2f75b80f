// Field schemas shared by bulletins and templates.
import { z } from "zod";
import { channels } from "./bulletin.ts";
import { languages } from "./languages.ts";

// Every schema here is imported by the API and the CLI: a missing field reads "required", not
// "expected string, received undefined". A schema's own message (e.g. unknown language) still wins.
z.config({
  customError: (issue) => (issue.input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value") ? "required" : undefined),
});

export const LanguageSchema = z.enum(languages, { error: () => `unknown language: use one of ${languages.join(", ")}` });
export const ChannelSchema = z.enum(channels, { error: () => `unknown channel: use one of ${channels.join(", ")}` });
export const PlaceCodeSchema = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,40}$/, "a place code such as VN-HT or VN-HT-CAUTREO");
