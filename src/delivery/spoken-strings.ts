// The locale strings the spoken channels need, filled in for one bulletin and language: who speaks (the province's
// Department of Information and Communications), the urgent lead-in, the test or exercise notice, the station's name.
import type { Bulletin } from "../db/queries/bulletins.ts";
import { ancestry, type Place } from "../db/queries/places.ts";
import type { Language } from "../domain/index.ts";
import type { RadioStrings } from "../channels/radio/index.ts";
import type { VoiceStrings } from "../channels/voice/index.ts";
import { fixedT } from "../localize/i18n.ts";

/** The province the bulletin's first area lies in, named in the language. */
const provinceName = (bulletin: Pick<Bulletin, "areas">, places: ReadonlyMap<string, Place>, language: Language) => {
  const chain = bulletin.areas[0] ? ancestry(places, bulletin.areas[0]) : [];
  const province = chain.map((code) => places.get(code)).find((place) => place?.kind === "province") ?? places.get(chain.at(-1) ?? "");
  return province?.names[language] ?? province?.names.vi ?? "";
};

export const senderName = (bulletin: Pick<Bulletin, "areas">, places: ReadonlyMap<string, Place>, language: Language) =>
  fixedT(language, "channels")("voice.sender", { province: provinceName(bulletin, places, language) });

const modeNotice = (bulletin: Pick<Bulletin, "mode">, language: Language) => {
  const t = fixedT(language, "channels");
  return bulletin.mode === "test" ? t("voice.testNotice") : bulletin.mode === "exercise" ? t("voice.exerciseNotice") : undefined;
};

export const voiceStrings = (bulletin: Pick<Bulletin, "areas" | "urgency" | "mode">, places: ReadonlyMap<string, Place>, language: Language): VoiceStrings => {
  const t = fixedT(language, "channels");
  const sender = senderName(bulletin, places, language);
  return {
    leadIn: t(bulletin.urgency === "urgent" ? "voice.leadInUrgent" : "voice.leadIn", { sender }),
    modeNotice: modeNotice(bulletin, language),
    repeat: t("voice.repeat"),
    closing: t("voice.closing"),
  };
};

/** The name a station goes by on air in a language: its own name there, else the name it was registered with. */
export const stationNameIn = (station: { name: string; names: Partial<Record<Language, string>> }, language: Language) =>
  station.names[language] ?? station.name;

export const radioStrings = (
  bulletin: Pick<Bulletin, "areas" | "urgency" | "mode">,
  places: ReadonlyMap<string, Place>,
  options: { language: Language; stationName: string },
): RadioStrings => {
  const { language, stationName } = options;
  const t = fixedT(language, "channels");
  const urgent = bulletin.urgency === "urgent";
  const marks = [
    urgent ? t("labels.urgent") : "",
    bulletin.mode === "test" ? t("labels.test") : bulletin.mode === "exercise" ? t("labels.exercise") : "",
  ].filter(Boolean);
  return {
    intro: t(urgent ? "radio.introUrgent" : "radio.intro", { station: stationName }),
    outro: t("radio.outro", { sender: senderName(bulletin, places, language) }),
    marking: marks.length ? `*** ${marks.join(" · ")} ***` : undefined,
    modeNotice: modeNotice(bulletin, language),
    cueUrgentTone: t("radio.cueUrgentTone"),
    cueRead: t(urgent ? "radio.cueReadUrgent" : "radio.cueRead"),
    cuePause: t("radio.cuePause"),
    cueRepeat: t("radio.cueRepeat"),
    cueEnd: t("radio.cueEnd"),
  };
};
