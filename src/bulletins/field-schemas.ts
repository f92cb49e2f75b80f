// Field schemas shared by bulletins and templates.
import { z } from "zod";
import { channels, languages } from "../db/schema/index.ts";

export const LanguageSchema = z.enum(languages, { error: () => `unknown language: use one of ${languages.join(", ")}` });
export const ChannelSchema = z.enum(channels, { error: () => `unknown channel: use one of ${channels.join(", ")}` });
export const PlaceCodeSchema = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,40}$/, "a place code such as VN-HT or VN-HT-CAUTREO");
