// The banner on every console page of a translator or editor: how many languages wait for them, with links.
import type { ConsoleContext } from "./console-context.ts";

const shown = 5;

export const WaitingBanner = (props: { console: ConsoleContext }) => {
  const { t, waiting } = props.console;
  if (!waiting || waiting.count === 0) return null;
  return (
    <aside class="waiting-banner" aria-labelledby="waiting-banner-title">
      <p id="waiting-banner-title">
        <strong>{t(waiting.translate ? "translate.banner.forTranslator" : "translate.banner.forEditor", { count: waiting.count })}</strong>
      </p>
      <ul>
        {waiting.bulletins.slice(0, shown).map((bulletin) => (
          <li>
            <a href={`/bulletins/${bulletin.id}`} lang={bulletin.sourceLanguage}>
              {bulletin.headline}
            </a>
            {": "}
            {bulletin.languages.map((language, index) => (
              <>
                {index > 0 && ", "}
                {waiting.translate ? <a href={`/bulletins/${bulletin.id}/texts/${language}`}>{t(`languages.${language}`)}</a> : t(`languages.${language}`)}
              </>
            ))}
          </li>
        ))}
      </ul>
      {waiting.bulletins.length > shown && (
        <p>
          <a href="/">{t("translate.banner.more", { count: waiting.bulletins.length - shown })}</a>
        </p>
      )}
    </aside>
  );
};
