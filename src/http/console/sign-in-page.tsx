// The sign-in page and the console's error page (403, 404, an out-of-date form), in the reader's language.
import type { TFunction } from "i18next";
import { BarePage, Page } from "./layout.tsx";
import type { ConsoleContext } from "./session.ts";

export const SignInPage = (props: { t: TFunction; language: string; next: string; message?: { kind: "error" | "info"; text: string }; username?: string }) => {
  const { t } = props;
  return (
    <BarePage language={props.language} t={t} title={t("login.title")}>
      {props.message && (
        <p class={props.message.kind === "error" ? "error" : "notice"} role={props.message.kind === "error" ? "alert" : "status"}>
          {props.message.text}
        </p>
      )}
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="next" value={props.next} />
        <p class="field">
          <label for="username">{t("login.username")}</label>
          <input id="username" name="username" autocomplete="username" required value={props.username ?? ""} autofocus />
        </p>
        <p class="field">
          <label for="password">{t("login.password")}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p>
          <button type="submit">{t("login.submit")}</button>
        </p>
      </form>
    </BarePage>
  );
};

export const ErrorPage = (props: { console?: ConsoleContext; t: TFunction; language: string; title: string; text: string }) => {
  const body = (
    <>
      <p class="error" role="alert">
        {props.text}
      </p>
      <p>
        <a href="/">{props.t("errors.back")}</a>
      </p>
    </>
  );
  return props.console ? (
    <Page console={props.console} title={props.title}>
      {body}
    </Page>
  ) : (
    <BarePage language={props.language} t={props.t} title={props.title}>
      {body}
    </BarePage>
  );
};
