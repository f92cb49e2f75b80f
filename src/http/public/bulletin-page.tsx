// The public page of a bulletin, /b/{id}?lang=lo: no login, in each language it went out in, with its slide as the
// Open Graph image, so the department's websites and social pages can link it. CAP <web> and the Atom entries
// point here. Test and exercise bulletins, drafts and unknown ids answer 404; one no longer in force says so (410).
import { Hono } from "hono";
import { z } from "zod";
import { publicCapUrl } from "../../delivery/cap-feed.ts";
import { publicPagePath, readPublicBulletin, type PublicBulletin } from "../../delivery/public-page.ts";
import { languages, type Language } from "../../domain/index.ts";
import { fixedT } from "../../localize/i18n.ts";
import type { AppEnv } from "../app-env.ts";
import { stylesheet } from "../console/layout.tsx";
import { formatDateTime } from "../console/format.ts";

const LanguageQuerySchema = z.enum(languages).optional().catch(undefined);

const Page = (props: { page: PublicBulletin; language: Language; publicUrl: string }) => {
  const { bulletin, texts, slides, areas, state } = props.page;
  const text = texts.find((entry) => entry.language === props.language) ?? texts[0]!;
  const t = fixedT(text.language, "console");
  const url = `${props.publicUrl}${publicPagePath(bulletin.id, text.language)}`;
  const slide = slides[text.language];
  const ended = state !== "in_force" && state !== "not_yet_valid";
  return (
    <html lang={text.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{text.headline}</title>
        <meta name="description" content={text.summary} />
        <link rel="canonical" href={url} />
        {texts.map((entry) => (
          <link rel="alternate" hreflang={entry.language} href={`${props.publicUrl}${publicPagePath(bulletin.id, entry.language)}`} />
        ))}
        <link rel="alternate" type="application/cap+xml" href={publicCapUrl(props.publicUrl, bulletin.id)} />
        <meta property="og:type" content="article" />
        <meta property="og:title" content={text.headline} />
        <meta property="og:description" content={text.summary} />
        <meta property="og:url" content={url} />
        <meta property="og:locale" content={text.language} />
        {slide && <meta property="og:image" content={slide.url} />}
        {slide && <meta property="og:image:width" content={String(slide.width)} />}
        {slide && <meta property="og:image:height" content={String(slide.height)} />}
        {slide && <meta name="twitter:card" content="summary_large_image" />}
        {ended && <meta name="robots" content="noindex" />}
        <link rel="stylesheet" href={stylesheet} />
      </head>
      <body>
        <main id="main" class="public">
          {bulletin.urgency === "urgent" && <p class="badge urgency-urgent">{t("publicPage.urgent")}</p>}
          <h1>{text.headline}</h1>
          {ended ? (
            <>
              <p class="notice" role="status">
                {t(`publicPage.${state}`)}
              </p>
              {props.page.latestId && (
                <p>
                  <a href={publicPagePath(props.page.latestId, text.language)}>{t("publicPage.latest")}</a>
                </p>
              )}
            </>
          ) : (
            <>
              {state === "not_yet_valid" && <p class="notice">{t("publicPage.notYetValid", { from: formatDateTime(bulletin.validFrom) })}</p>}
              <p class="headline">{text.summary}</p>
              {slide && (
                <img class="slide" src={slide.url} width={slide.width} height={slide.height} alt={t("publicPage.slideAlt", { headline: text.headline })} />
              )}
              <p class="body">{text.body}</p>
              <p>{t("publicPage.validity", { from: formatDateTime(bulletin.validFrom), until: formatDateTime(bulletin.validUntil) })}</p>
              <p>{t("publicPage.areas", { areas: areas.map((area) => area.names[text.language] ?? area.code).join(", ") })}</p>
            </>
          )}
          {texts.length > 1 && (
            <nav aria-label={t("publicPage.otherLanguages")}>
              <h2>{t("publicPage.otherLanguages")}</h2>
              <ul class="plain">
                {texts
                  .filter((entry) => entry.language !== text.language)
                  .map((entry) => (
                    <li lang={entry.language}>
                      <a href={publicPagePath(bulletin.id, entry.language)} hreflang={entry.language}>
                        {fixedT(entry.language, "console")(`languages.${entry.language}`)}: {entry.headline}
                      </a>
                    </li>
                  ))}
              </ul>
            </nav>
          )}
          <p>
            <small>
              <a href={publicCapUrl(props.publicUrl, bulletin.id)}>{t("publicPage.cap")}</a>
            </small>
          </p>
        </main>
      </body>
    </html>
  );
};

export const publicPageRoutes = new Hono<AppEnv>().get("/:id", async (c) => {
  const { db, clock, publicUrl } = c.get("deps");
  const id = c.req.param("id");
  const page = z.uuid().safeParse(id).success ? await readPublicBulletin(db, { id, now: clock(), publicUrl }) : undefined;
  if (!page || page.texts.length === 0) {
    const t = fixedT("vi", "console");
    const en = fixedT("en", "console");
    return c.html(
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${t("errors.notFoundTitle")} · ${en("errors.notFoundTitle")}`}</title>
          <link rel="stylesheet" href={stylesheet} />
        </head>
        <body>
          <main id="main" class="public">
            <h1>
              {t("errors.notFoundTitle")} <span lang="en">/ {en("errors.notFoundTitle")}</span>
            </h1>
          </main>
        </body>
      </html>,
      404,
    );
  }
  const asked = LanguageQuerySchema.parse(c.req.query("lang"));
  const language = asked && page.texts.some((text) => text.language === asked) ? asked : page.bulletin.sourceLanguage;
  const status = page.state === "in_force" || page.state === "not_yet_valid" ? 200 : 410;
  return c.html(<Page page={page} language={language} publicUrl={publicUrl} />, status, { "cache-control": "public, max-age=60" });
});
