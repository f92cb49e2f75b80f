// Seeds the demo when the database is empty: places, one user per role, two telecom partners,
// a screen per gate and a radio station. Returns the credentials, which exist in clear only here.
import { count } from "drizzle-orm";
import { createUser } from "../access/users.ts";
import { createPartner, createScreen, createStation } from "../endpoints/create-endpoint.ts";
import type { Db } from "./client.ts";
import { gazetteerPlaces } from "../localize/gazetteer/gazetteer.ts";
import { places, users } from "./schema/index.ts";
import { type Role } from "../domain/index.ts";

export type DemoCredentials = {
  users: { username: string; roles: Role[]; password: string }[];
  partners: { name: string; id: string; token: string }[];
  screens: { name: string; id: string; token: string }[];
  stations: { name: string; id: string; token: string }[];
};

export const isEmpty = async (db: Db) => {
  const [row] = await db.select({ users: count() }).from(users);
  return (row?.users ?? 0) === 0;
};

/** Loads the gazetteer; places already in the database (perhaps edited through the API) are left as they are. */
export const seedPlaces = async (db: Db) => {
  const added = await db.insert(places).values(gazetteerPlaces()).onConflictDoNothing().returning({ code: places.code });
  return added.length;
};

export const seedDemo = async (db: Db, now: Date): Promise<DemoCredentials> => {
  await seedPlaces(db);
  const demoUsers: { username: string; displayName: string; roles: Role[] }[] = [
    { username: "editor", displayName: "Biên tập viên (demo)", roles: ["editor"] },
    { username: "translator", displayName: "Biên dịch viên (demo)", roles: ["translator"] },
    { username: "approver", displayName: "Lãnh đạo Sở (demo)", roles: ["approver"] },
    { username: "admin", displayName: "Quản trị (demo)", roles: ["admin"] },
  ];
  const credentials: DemoCredentials = { users: [], partners: [], screens: [], stations: [] };
  for (const user of demoUsers) {
    const { password } = await createUser(db, user);
    credentials.users.push({ username: user.username, roles: user.roles, password });
  }
  const partners = [
    // sends Vietnamese without diacritics (GSM-7: cheaper, fits basic phones)
    { name: "VinaTel", areas: ["VN-HT", "VN-TN"], languages: ["vi", "lo", "en", "km"] as const, kinds: ["sms"] as const, smsPolicy: { sender: "BANTIN", maxParts: 4, stripDiacritics: true } },
    // sends Vietnamese with diacritics (UCS-2), and voice messages (calls subscribers and plays the audio)
    { name: "MekongMobile", areas: ["VN-HT", "VN-TN"], languages: ["vi", "lo", "en", "km"] as const, kinds: ["sms", "voice"] as const, smsPolicy: { sender: "TT-BIENGIOI", maxParts: 6, stripDiacritics: false } },
  ];
  for (const partner of partners) {
    const created = await createPartner(db, { ...partner, languages: [...partner.languages], kinds: [...partner.kinds] }, now);
    credentials.partners.push({ name: partner.name, id: created.partner.id, token: created.token });
  }
  const screens = [
    { name: "Cầu Treo gate screen", gateCode: "VN-HT-CAUTREO", languages: ["vi", "lo", "en"] as const, width: 1920, height: 1080 },
    { name: "Mộc Bài gate screen", gateCode: "VN-TN-MOCBAI", languages: ["vi", "km", "en"] as const, width: 1080, height: 1920 },
    { name: "Xa Mát gate LED panel", gateCode: "VN-TN-XAMAT", languages: ["vi", "km", "en"] as const, width: 768, height: 384 },
  ];
  for (const screen of screens) {
    const created = await createScreen(db, { ...screen, languages: [...screen.languages] }, now);
    credentials.screens.push({ name: screen.name, id: created.screen.id, token: created.token });
  }
  const station = await createStation(db, { name: "Hương Sơn district radio", areaCode: "VN-HT-HUONGSON", languages: ["vi", "lo", "en"] }, now);
  credentials.stations.push({ name: "Hương Sơn district radio", id: station.station.id, token: station.token });
  return credentials;
};
