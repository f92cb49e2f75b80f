// Who may do what: the roles of people, and the kinds of token (people, partners, screens, stations).
/** reporter: a reporting officer, who reads bulletins, the delivery and audit logs, the endpoints' status and the
 *  reports, and changes nothing (an admin reads all of that too). */
export const roles = ["editor", "translator", "approver", "admin", "reporter"] as const;
export type Role = (typeof roles)[number];
export const tokenKinds = ["user", "partner", "screen", "station"] as const;
export type TokenKind = (typeof tokenKinds)[number];

/** How long a partner holds a claimed batch before unacknowledged messages are offered again, per partner:
 *  long enough for its slowest send, short enough that a crashed partner's messages come back soon. */
export const partnerLease = { defaultSeconds: 300, minSeconds: 30, maxSeconds: 3_600 } as const;

/** The languages the console speaks: Vietnamese by default, English for whoever chooses it. */
export const consoleLanguages = ["vi", "en"] as const;
export type ConsoleLanguage = (typeof consoleLanguages)[number];
