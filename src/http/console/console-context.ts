// What every console page knows about the person looking at it (set by requireSession, read by the pages).
import type { TFunction } from "i18next";
import type { User } from "../../db/queries/users.ts";
import type { ConsoleLanguage } from "../../domain/index.ts";
import type { WaitingWork } from "./waiting-work.ts";

export type ConsoleContext = {
  user: Pick<User, "id" | "username" | "displayName" | "roles">;
  language: ConsoleLanguage;
  t: TFunction;
  /** the hidden `_csrf` value of every form on the page */
  csrfToken: string;
  /** the languages waiting for this translator or editor (the banner on every page) */
  waiting?: WaitingWork;
};
