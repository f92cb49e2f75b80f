// Demo bulletins for `npm start`: two made from templates (every language rendered, no translator needed), one
// free-text bulletin translated and approved by the demo translator (its sentences go into the memory), and one
// still waiting for its Lao text, so the console has each state to show.
import { approveBulletinText } from "../bulletins/approve-bulletin-text.ts";
import { approveBulletin } from "../bulletins/approve-bulletin.ts";
import { CreateBulletinSchema } from "../bulletins/bulletin-schemas.ts";
import type { CommandDeps } from "../bulletins/command-deps.ts";
import { createBulletin } from "../bulletins/create-bulletin.ts";
import { putBulletinText } from "../bulletins/put-bulletin-text.ts";
import { submitBulletin } from "../bulletins/submit-bulletin.ts";
import { demoActor, type DemoCredentials } from "./seed-demo.ts";

const atHour = (now: Date, days: number, hour: number) => {
  // a wall-clock hour in Viet Nam (UTC+7), `days` from today
  const day = new Date(now.getTime() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, "0")}:00:00+07:00`;
};

/** Creates the demo bulletins as the demo's editor, translator and approver (from `seedDemo`'s credentials). */
export const seedDemoBulletins = async (deps: CommandDeps, credentials: Pick<DemoCredentials, "users">) => {
  const editor = demoActor(credentials, "editor");
  const translator = demoActor(credentials, "translator");
  const approver = demoActor(credentials, "approver");
  const now = deps.clock();
  const validUntil = new Date(now.getTime() + 14 * 86_400_000).toISOString();
  const create = (input: unknown) => createBulletin(deps, editor, CreateBulletinSchema.parse(input));
  const publish = async (id: string) => {
    await submitBulletin(deps, editor, id);
    await approveBulletin(deps, approver, id);
  };

  const hours = await create({
    sourceLanguage: "vi",
    channels: ["sms", "display", "radio"],
    validUntil,
    template: {
      name: "gate-hours-change",
      fields: { gate: "VN-HT-CAUTREO", from: atHour(now, 1, 0).slice(0, 10), opens: "06:00", closes: "22:00", reason: "high_traffic" },
    },
  });
  await publish(hours.id);

  const dengue = await create({
    sourceLanguage: "vi",
    channels: ["sms", "display", "radio"],
    urgency: "priority",
    validUntil,
    template: {
      name: "health-advisory",
      fields: { disease: "dengue", areas: ["VN-TN"], actions: ["remove_standing_water", "use_mosquito_nets", "see_doctor_fever"] },
    },
  });
  await publish(dengue.id);

  const passports = await create({
    sourceLanguage: "vi",
    targetLanguages: ["vi", "km"],
    channels: ["sms", "display"],
    areas: ["VN-TN-XAMAT"],
    validUntil,
    text: {
      headline: "Thủ tục qua cửa khẩu Xa Mát",
      summary: "Người qua cửa khẩu Xa Mát cần mang hộ chiếu hoặc giấy thông hành còn hạn.",
      body: "Người qua cửa khẩu Xa Mát cần mang hộ chiếu hoặc giấy thông hành còn hạn. Cư dân biên giới xuất trình giấy thông hành biên giới. Xin cảm ơn.",
    },
  });
  await putBulletinText(deps, translator, {
    id: passports.id,
    language: "km",
    text: {
      headline: "នីតិវិធីឆ្លងកាត់ច្រកទ្វារសាម៉ាត",
      summary: "អ្នកឆ្លងកាត់ច្រកទ្វារសាម៉ាតត្រូវយកលិខិតឆ្លងដែន ឬលិខិតអនុញ្ញាតឆ្លងដែនដែលនៅមានសុពលភាព។",
      body: "អ្នកឆ្លងកាត់ច្រកទ្វារសាម៉ាតត្រូវយកលិខិតឆ្លងដែន ឬលិខិតអនុញ្ញាតឆ្លងដែនដែលនៅមានសុពលភាព។ ប្រជាជនតំបន់ព្រំដែនត្រូវបង្ហាញលិខិតអនុញ្ញាតឆ្លងដែនតំបន់ព្រំដែន។ សូមអរគុណ។",
    },
  });
  await approveBulletinText(deps, translator, { id: passports.id, language: "km" });
  await publish(passports.id);

  // waits for its Lao text: the bulletin's languages say so
  const fair = await create({
    sourceLanguage: "vi",
    targetLanguages: ["vi", "lo", "en"],
    channels: ["sms", "display"],
    areas: ["VN-HT-CAUTREO"],
    validUntil,
    text: {
      headline: "Hội chợ thương mại biên giới Cầu Treo",
      summary: "Hội chợ thương mại biên giới diễn ra tại khu kinh tế cửa khẩu Cầu Treo từ 10/12 đến 14/12.",
      body: "Hội chợ thương mại biên giới Việt Nam - Lào diễn ra tại khu kinh tế cửa khẩu Cầu Treo từ 10/12 đến 14/12. Vào cửa tự do.",
    },
  });
  await putBulletinText(deps, translator, {
    id: fair.id,
    language: "en",
    text: {
      headline: "Cau Treo border trade fair",
      summary: "A border trade fair takes place in the Cau Treo border-gate economic zone from 10 to 14 December.",
      body: "The Viet Nam - Laos border trade fair takes place in the Cau Treo border-gate economic zone from 10 to 14 December. Free entry.",
    },
  });
  await approveBulletinText(deps, translator, { id: fair.id, language: "en" });

  return { published: [hours.id, dengue.id, passports.id], waiting: [fair.id] };
};
