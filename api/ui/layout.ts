// The frame of every public page: lang attribute, viewport for 360 px phones, the site's stylesheet (a served file:
// the Content-Security-Policy allows no inline style) and the language switch (ky/ru/en links to the same path, keeping the other query parameters).
import { LANGS, type Lang } from '../../domain/i18n';
import { msg } from './messages';
import { Html, html } from './html';
import { SITE_STYLE, type Stylesheet } from './stylesheets';

const LANG_NAMES: Readonly<Record<Lang, string>> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

/** Who is signed in, for the header (email, the logout form's CSRF token). */
export interface PageAuth {
  email: string;
  role: string;
  csrfToken: string;
}

export interface PageRequest {
  lang: Lang;
  /** The signed-in account; null or absent on a public visit. */
  auth?: PageAuth | null;
  /** The path without query, e.g. /deadline. */
  path: string;
  /** Query parameters to keep in the language links (never `lang`). */
  query?: Readonly<Record<string, string>>;
}

export function langHref(page: PageRequest, lang: Lang): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(page.query ?? {})) if (k !== 'lang') params.set(k, v);
  params.set('lang', lang);
  return `${page.path}?${params.toString()}`;
}

export function languageSwitch(page: PageRequest): Html {
  return html`<nav aria-label="${msg(page.lang, 'lang.switch')}">${msg(page.lang, 'lang.switch')}: ${LANGS.map((l) =>
    l === page.lang
      ? html`<a href="${langHref(page, l)}" hreflang="${l}" lang="${l}" aria-current="true">${LANG_NAMES[l]}</a>`
      : html`<a href="${langHref(page, l)}" hreflang="${l}" lang="${l}">${LANG_NAMES[l]}</a>`,
  )}</nav>`;
}

/** The signed-in header: who, a link home, and logout (a POST form with the CSRF token); a login link otherwise. */
export function accountNav(page: PageRequest): Html {
  const auth = page.auth;
  if (!auth)
    return html`<nav class="account"><a href="/login?lang=${page.lang}">${msg(page.lang, 'nav.login')}</a></nav>`;
  return html`<nav class="account"><span class="muted">${msg(page.lang, 'nav.signedInAs', { email: auth.email })}</span> <a href="/home?lang=${page.lang}">${msg(page.lang, 'nav.home')}</a>
<form method="post" action="/logout?lang=${page.lang}" class="inline"><input type="hidden" name="_csrf" value="${auth.csrfToken}"><button type="submit" class="link">${msg(page.lang, 'nav.logout')}</button></form></nav>`;
}

/**
 * A wide table that scrolls sideways inside its own box on a 360 px phone (the page itself never does). The box takes
 * keyboard focus so it can be scrolled without a mouse (WCAG 2.1.1; axe-core's scrollable-region-focusable), and is
 * a region named `label` so that a screen reader says what the focused box holds.
 */
export function scrollBox(label: string, content: Html): Html {
  return html`<div class="scroll" role="region" aria-label="${label}" tabindex="0">${content}</div>`;
}

/** A form's hidden CSRF field (every POST form of a signed-in page needs it). */
export function csrfField(page: PageRequest): Html {
  return page.auth ? html`<input type="hidden" name="_csrf" value="${page.auth.csrfToken}">` : html``;
}

export interface LayoutExtras {
  /** A stylesheet after the site's (the print page's @page rule). */
  stylesheet?: Stylesheet;
  /** Extra elements in <head> (the feed link). */
  head?: Html;
}

/** A whole document with the page's title, body and the language switch. */
export function layout(page: PageRequest, title: string, body: Html, extras: LayoutExtras = {}): string {
  return `<!doctype html>\n${
    html`<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${msg(page.lang, 'site.name')}</title>
<link rel="stylesheet" href="${SITE_STYLE.path}">
${extras.stylesheet ? html`<link rel="stylesheet" href="${extras.stylesheet.path}">` : ''}
${extras.head}
</head>
<body${page.auth ? new Html(' class="signed-in"') : ''}>
<header><span class="muted">${msg(page.lang, 'site.name')}</span>${accountNav(page)}${languageSwitch(page)}</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value
  }`;
}
