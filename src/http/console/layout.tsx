// The frame of every console page: language, navigation by role, who is signed in, sign-out; and the error page.
// hono/jsx escapes every text and attribute it renders, so markup typed into a bulletin shows as text.
import type { Child } from "hono/jsx";
import type { TFunction } from "i18next";
import { consoleLanguages, type Role } from "../../domain/index.ts";
import type { ConsoleContext } from "./session.ts";
import { WaitingBanner } from "./waiting-banner.tsx";

export const stylesheet = "/console/assets/console.css";

type NavItem = { href: string; key: string; roles?: readonly Role[] };
/** Pages in the navigation, each shown only to the roles that may open it (the page itself checks again). */
const nav: NavItem[] = [
  { href: "/", key: "nav.bulletins" },
  { href: "/reports", key: "nav.reports", roles: ["admin", "reporter"] },
  { href: "/endpoints", key: "nav.endpoints", roles: ["admin", "reporter"] },
  { href: "/users", key: "admin.users", roles: ["admin"] },
  { href: "/places", key: "admin.places", roles: ["admin"] },
  { href: "/admin/queues", key: "delivery.queues", roles: ["admin"] },
];

const Document = (props: { language: string; title: string; t: TFunction; scripts?: readonly string[] | undefined; children: Child }) => (
  <html lang={props.language}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${props.title} · ${props.t("app.title")}`}</title>
      <link rel="stylesheet" href={stylesheet} />
      {props.scripts?.map((src) => (
        <script src={src} defer></script>
      ))}
    </head>
    <body>
      <a class="skip" href="#main">
        {props.t("layout.skip")}
      </a>
      {props.children}
    </body>
  </html>
);

export const CsrfField = (props: { console: ConsoleContext }) => <input type="hidden" name="_csrf" value={props.console.csrfToken} />;

/** A signed-in page. */
export const Page = (props: { console: ConsoleContext; title: string; current?: string; scripts?: readonly string[]; children: Child }) => {
  const { t, user, language } = props.console;
  const roles = user.roles.map((role) => t(`roles.${role}`)).join(", ");
  return (
    <Document language={language} title={props.title} t={t} scripts={props.scripts}>
      <header class="top">
        <a class="brand" href="/">
          {t("app.title")}
        </a>
        <nav aria-label={t("layout.mainNav")}>
          <ul>
            {nav
              .filter((item) => !item.roles || item.roles.some((role) => user.roles.includes(role)))
              .map((item) => (
                <li>
                  <a href={item.href} aria-current={props.current === item.href ? "page" : undefined}>
                    {t(item.key)}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <div class="who">
          <span>
            {t("layout.signedInAs", { name: user.displayName })} <small>({roles})</small>
          </span>
          <form method="post" action="/language" class="inline">
            <CsrfField console={props.console} />
            <label for="console-language">{t("layout.language")}</label>{" "}
            <select id="console-language" name="language">
              {consoleLanguages.map((code) => (
                <option value={code} selected={code === language}>
                  {t(`languages.${code}`)}
                </option>
              ))}
            </select>{" "}
            <button type="submit">{t("layout.change")}</button>
          </form>
          <form method="post" action="/logout" class="inline">
            <CsrfField console={props.console} />
            <button type="submit">{t("nav.logOut")}</button>
          </form>
        </div>
      </header>
      <main id="main">
        <WaitingBanner console={props.console} />
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </Document>
  );
};

/** A page for someone not signed in (sign-in, errors before a session). */
export const BarePage = (props: { language: string; t: TFunction; title: string; children: Child }) => (
  <Document language={props.language} title={props.title} t={props.t}>
    <main id="main" class="narrow">
      <p class="brand">{props.t("app.title")}</p>
      <h1>{props.title}</h1>
      {props.children}
    </main>
  </Document>
);
