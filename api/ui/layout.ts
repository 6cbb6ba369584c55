// The frame of every page: lang attribute, viewport for 360 px phones, the site's stylesheet (a served file: the
// Content-Security-Policy allows no inline style), a header naming the product and, on public pages, the council and
// the group the page is about with links to their other pages; the account's links (each role only the pages it may
// open) and the language switch (ky/ru/en links to the same path, keeping the other query parameters).
import { LANGS, type Lang } from '../../domain/i18n';
import { msg } from './messages';
import { Html, html } from './html';
import { ICON, SITE_STYLE, type Stylesheet } from './stylesheets';

const LANG_NAMES: Readonly<Record<Lang, string>> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

/** Who is signed in, for the header (email, the logout form's CSRF token). */
export interface PageAuth {
  email: string;
  role: string;
  csrfToken: string;
}

/** The council and group a public page is about: named in the header, with links to their other public pages. */
export interface SiteContext {
  council: { id: string; name: { ky: string; ru: string } } | null;
  /** The group (groups have no name: `label` says which, e.g. "Group created on 01.03.2026"). */
  group: { id: string; label: string } | null;
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

/** The council's name in the page's language (Kyrgyz on ky pages, Russian otherwise: councils have no English name). */
export function councilNameIn(lang: Lang, name: { ky: string; ru: string }): string {
  return lang === 'ky' ? name.ky : name.ru;
}

/**
 * The signed-in account's start page as a link: /manage for staff and deputies, the group's dashboard (/home sends
 * there) for the chair and members, who may not open /manage.
 */
export function roleHomeLink(page: PageRequest): Html {
  const role = page.auth?.role;
  if (role === 'staff' || role === 'deputy')
    return html`<a href="/manage?lang=${page.lang}">${msg(page.lang, 'public.nav.manage')}</a>`;
  return html`<a href="/home?lang=${page.lang}">${msg(page.lang, 'public.nav.dashboard')}</a>`;
}

/** A link to /manage and a separator for staff and deputies; nothing for the roles that may not open it (chair, member). */
export function manageLink(page: PageRequest): Html {
  const role = page.auth?.role;
  return role === 'staff' || role === 'deputy'
    ? html`<a href="/manage?lang=${page.lang}">${msg(page.lang, 'public.nav.manage')}</a> · `
    : html``;
}

/** The signed-in header: who, the role's start page, and logout (a POST form with the CSRF token); a login link otherwise. */
export function accountNav(page: PageRequest): Html {
  const auth = page.auth;
  if (!auth)
    return html`<nav class="account" aria-label="${msg(page.lang, 'nav.login')}"><a href="/login?lang=${page.lang}">${msg(page.lang, 'nav.login')}</a></nav>`;
  return html`<nav class="account" aria-label="${msg(page.lang, 'nav.signedInAs', { email: auth.email })}"><span class="muted">${msg(page.lang, 'nav.signedInAs', { email: auth.email })}</span> ${roleHomeLink(page)}
<form method="post" action="/logout?lang=${page.lang}" class="inline"><input type="hidden" name="_csrf" value="${auth.csrfToken}"><button type="submit" class="link">${msg(page.lang, 'nav.logout')}</button></form></nav>`;
}

/** The public pages of the context's council and group (and the calculator), the current one marked. */
export function siteNav(page: PageRequest, site: SiteContext): Html {
  const l = page.lang;
  const links: [string, string][] = [[`/`, msg(l, 'public.nav.home')]];
  if (site.council)
    links.push([`/councils/${encodeURIComponent(site.council.id)}/notices`, msg(l, 'public.nav.notices')]);
  if (site.group) {
    const g = encodeURIComponent(site.group.id);
    links.push([`/groups/${g}/composition`, msg(l, 'public.nav.composition')]);
    links.push([`/groups/${g}/acts`, msg(l, 'public.nav.acts')]);
  }
  links.push(['/deadline', msg(l, 'public.nav.deadline')]);
  return html`<nav class="site" aria-label="${msg(l, 'public.nav.label')}"><ul>${links.map(([path, label]) =>
    path === page.path
      ? html`<li><a href="${path}?lang=${l}" aria-current="page">${label}</a></li>`
      : html`<li><a href="${path}?lang=${l}">${label}</a></li>`,
  )}</ul></nav>`;
}

/** Text of an HTML fragment we rendered (tags dropped, entities kept: it goes back into an attribute). */
function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A table with column headers as a table that stacks on a phone: each body cell gets its column's header as
 * `data-label` (the stylesheet shows it before the cell's content when the table is stacked) and the table the class
 * `stack`. Cells that have a data-label keep it; a table without a header row is returned as it is.
 */
export function stackable(table: Html): Html {
  const source = table.value;
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(source);
  if (!head) return table;
  const labels = [...head[1]!.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1]!));
  if (labels.length === 0) return table;
  const bodyStart = source.indexOf('<tbody', head.index);
  if (bodyStart < 0) return table;
  const body = source.slice(bodyStart).replace(/<tr\b[^>]*>[\s\S]*?<\/tr>/g, (row) => {
    let column = 0;
    return row.replace(/<(td|th)\b([^>]*)>/g, (cell, tag: string, attributes: string) => {
      const label = labels[column++];
      if (label === undefined || label === '' || attributes.includes('data-label=')) return cell;
      return `<${tag}${attributes} data-label="${label}">`;
    });
  });
  const opened = /^(\s*<table)\b([^>]*)>/.exec(source.slice(0, head.index));
  if (!opened) return table;
  const classed = /class="([^"]*)"/.test(opened[2]!)
    ? opened[0].replace(/class="([^"]*)"/, 'class="$1 stack"')
    : `${opened[1]} class="stack"${opened[2]}>`;
  return new Html(classed + source.slice(opened[0].length, bodyStart) + body);
}

/**
 * A wide table: on a 360 px phone it stacks (each row a card, each cell with its column's name: stackable) so that
 * due dates, days left and statuses are on screen; a table without column headers scrolls sideways inside its own box
 * (the page itself never does). The box takes keyboard focus so it can be scrolled without a mouse (WCAG 2.1.1;
 * axe-core's scrollable-region-focusable), and is a region named `label` so that a screen reader says what it holds.
 */
export function scrollBox(label: string, content: Html): Html {
  return html`<div class="scroll" role="region" aria-label="${label}" tabindex="0">${stackable(content)}</div>`;
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
  /** The council and group a public page is about. */
  site?: SiteContext;
}

/** The header: the product's name (a link home), the council and group of a public page, account and language. */
function siteHeader(page: PageRequest, site: SiteContext | undefined): Html {
  const l = page.lang;
  const council = site?.council ? councilNameIn(l, site.council.name) : null;
  return html`<header class="top">
<div class="brand"><a href="/?lang=${l}" class="product">${msg(l, 'site.name')}</a>${council ? html`<span class="council">${council}</span>` : ''}${site?.group ? html`<span class="group">${site.group.label}</span>` : ''}</div>
<div class="tools">${accountNav(page)}${languageSwitch(page)}</div>
</header>
${page.auth ? '' : siteNav(page, site ?? { council: null, group: null })}`;
}

/** A whole document with the page's title, body, the header and the language switch. */
export function layout(page: PageRequest, title: string, body: Html, extras: LayoutExtras = {}): string {
  return `<!doctype html>\n${
    html`<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${msg(page.lang, 'site.name')}</title>
<link rel="icon" href="${ICON.path}" type="image/svg+xml">
<link rel="stylesheet" href="${SITE_STYLE.path}">
${extras.stylesheet ? html`<link rel="stylesheet" href="${extras.stylesheet.path}">` : ''}
${extras.head}
</head>
<body${page.auth ? new Html(' class="signed-in"') : ''}>
${siteHeader(page, extras.site)}
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value
  }`;
}
