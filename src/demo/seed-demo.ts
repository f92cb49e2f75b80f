// Seeds the demo into an empty database: places, one user per role, two telecom partners, a screen per gate and a
// radio station, made through the same use cases as the API's. Returns the credentials, which exist in clear only here.
import type { Actor } from "../access/actor.ts";
import { createUser } from "../access/users.ts";
import type { Db } from "../db/client.ts";
import type { Role } from "../domain/index.ts";
import { createPartner, createScreen, createStation } from "../endpoints/create-endpoint.ts";
import { loadGazetteer } from "../localize/gazetteer/load-gazetteer.ts";

export type DemoCredentials = {
  users: { id: string; username: string; roles: Role[]; password: string }[];
  partners: { name: string; id: string; token: string }[];
  screens: { name: string; id: string; token: string }[];
  stations: { name: string; id: string; token: string }[];
};

/** A demo user as the actor of commands (the demo bulletins, the benchmarks). */
export const demoActor = (credentials: Pick<DemoCredentials, "users">, username: string): Actor => {
  const user = credentials.users.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`demo user ${username} is missing`);
  return { id: user.id, username: user.username, roles: user.roles };
};

export const seedDemo = async (db: Db, now: Date): Promise<DemoCredentials> => {
  await loadGazetteer(db);
  const demoUsers: { username: string; displayName: string; roles: Role[] }[] = [
    { username: "editor", displayName: "Biên tập viên (demo)", roles: ["editor"] },
    { username: "translator", displayName: "Biên dịch viên (demo)", roles: ["translator"] },
    { username: "approver", displayName: "Lãnh đạo Sở (demo)", roles: ["approver"] },
    { username: "admin", displayName: "Quản trị (demo)", roles: ["admin"] },
    { username: "reporter", displayName: "Cán bộ báo cáo (demo)", roles: ["reporter"] },
  ];
  const credentials: DemoCredentials = { users: [], partners: [], screens: [], stations: [] };
  for (const user of demoUsers) {
    const created = await createUser(db, user);
    credentials.users.push({ id: created.user.id, username: user.username, roles: user.roles, password: created.password });
  }
  const partners = [
    // sends Vietnamese without diacritics (GSM-7: cheaper, fits basic phones)
    {
      name: "VinaTel",
      areas: ["VN-HT", "VN-TN"],
      languages: ["vi", "lo", "en", "km"] as const,
      kinds: ["sms"] as const,
      smsPolicy: { sender: "BANTIN", maxParts: 4, stripDiacritics: true },
    },
    // sends Vietnamese with diacritics (UCS-2), and voice messages (calls subscribers and plays the audio)
    {
      name: "MekongMobile",
      areas: ["VN-HT", "VN-TN"],
      languages: ["vi", "lo", "en", "km"] as const,
      kinds: ["sms", "voice"] as const,
      smsPolicy: { sender: "TT-BIENGIOI", maxParts: 6, stripDiacritics: false },
    },
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
    const created = await createScreen({ db }, { ...screen, languages: [...screen.languages] }, now);
    credentials.screens.push({ name: screen.name, id: created.screen.id, token: created.token });
  }
  // its on-air name per language; the Lao one waits for a native speaker (namesReviewed: false)
  const names = { vi: "Đài truyền thanh huyện Hương Sơn", lo: "ສະຖານີວິທະຍຸເມືອງເຫືອງເຊີນ", en: "Huong Son district radio" };
  const station = await createStation({ db }, { name: "Hương Sơn district radio", areaCode: "VN-HT-HUONGSON", languages: ["vi", "lo", "en"], names }, now);
  credentials.stations.push({ name: "Hương Sơn district radio", id: station.station.id, token: station.token });
  return credentials;
};
