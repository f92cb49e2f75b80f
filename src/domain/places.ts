// The gazetteer's words: kinds of place and of border gate.
export const placeKinds = ["country", "province", "district", "commune", "gate"] as const;
export type PlaceKind = (typeof placeKinds)[number];
export const gateTypes = ["international", "main", "secondary"] as const;
export type GateType = (typeof gateTypes)[number];
