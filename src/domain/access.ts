// Who may do what: the roles of people, and the kinds of token (people, partners, screens, stations).
export const roles = ["editor", "translator", "approver", "admin"] as const;
export type Role = (typeof roles)[number];
export const tokenKinds = ["user", "partner", "screen", "station"] as const;
export type TokenKind = (typeof tokenKinds)[number];
