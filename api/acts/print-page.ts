// GET /acts/:actId/print: an issued act on A4 sheets (issue 12, point 7), as the notice print page does for notices:
// the council and the group, the act's number, title and date, the object, the 8.1 content (findings,
// recommendations, the list of annexes) and the chair's signature line. Every label is in Kyrgyz and Russian side by
// side (the state and the official language); the act's own text is printed as the group wrote it. The page's own
// heading follows the visitor's language. Names and roles only: no phone, e-mail or birth date of anyone, and not
// the object's addresses. A draft is not public: 404 like an unknown act (public-page.ts).
import { createHash } from 'node:crypto';
import { findAct } from '../../db/acts';
import { findCouncilById } from '../../db/councils';
import { findGroupById } from '../../db/groups';
import { listPublicMembers } from '../../db/members';
import { findObjectById } from '../../db/objects';
import { FINDING_METHODS, MONITORED_OBJECT_KINDS } from '../../domain/act';
import type { Localized } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import type { App, AppDeps } from '../app-types';
import { groupLabel, groupSiteById } from '../public/site-context';
import { html, type Html } from '../ui/html';
import { layout } from '../ui/layout';
import { msg, type MessageKey } from '../ui/messages';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import type { Stylesheet } from '../ui/stylesheets';
import { PUBLIC_ACT_STATUSES } from './public-page';

/** The print page's own words (the act's labels come from the acts' catalogue, in both languages). */
const T = {
  pageTitle: {
    ky: '№ {n} актыны басып чыгаруу',
    ru: 'Акт № {n} для печати',
    en: 'Act No. {n} for printing',
  },
  hint: {
    ky: 'Бул баракты A4 форматында басып чыгарыңыз (браузердин «Басып чыгаруу» буйругу, Ctrl+P).',
    ru: 'Распечатайте эту страницу на листе A4 (команда браузера «Печать», Ctrl+P).',
    en: 'Print this page on A4 paper (the browser’s Print command, Ctrl+P).',
  },
  back: { ky: 'Актыга кайтуу', ru: 'Вернуться к акту', en: 'Back to the act' },
} as const satisfies Record<string, Localized>;

/** The sheet's own labels, always in both state languages. */
const L = {
  council: { ky: 'Айылдык кеңеш', ru: 'Айылный кенеш' },
  group: { ky: 'Топ', ru: 'Группа' },
  title: { ky: 'Аталышы', ru: 'Название' },
  chair: { ky: 'БМжБ тобунун төрагасы', ru: 'Председатель группы СМиО' },
  signature: { ky: 'колу', ru: 'подпись' },
  date: { ky: 'Датасы', ru: 'Дата' },
} as const;

const fill = (text: string, n: string): string => text.replace('{n}', n);

/** The A4 sheet: 20 mm margins, serif type at 11 pt, the two languages' labels in one cell, the signature at the end. */
const CSS = `
@page{size:A4;margin:18mm 20mm}
.act-sheet{max-width:170mm;margin:0 auto}
.act-sheet .councils{text-align:center;margin:0}
.act-sheet .sheet-title{text-align:center;font-size:1.3rem;margin:.6rem 0 .2rem}
.act-sheet .act-title{text-align:center;font-weight:600;margin:0 0 1rem}
.act-sheet table.facts{width:100%;border-collapse:collapse;margin:.5rem 0 1rem}
.act-sheet table.facts th,.act-sheet table.facts td{border:1px solid #555;padding:.3rem .5rem;vertical-align:top;text-align:left}
.act-sheet table.facts th{width:34%;font-weight:600}
.act-sheet h2{font-size:1.05rem;margin:1rem 0 .3rem;border-bottom:1px solid #555}
.act-sheet .ru{color:#333}
.act-sheet .signature{margin-top:2.5rem;display:grid;grid-template-columns:1fr 1fr;gap:1rem;align-items:end}
.act-sheet .line{border-bottom:1px solid #000;height:2rem}
.act-sheet .under{font-size:.85em;text-align:center}
@media print{
body{font:11pt/1.4 "Times New Roman","Liberation Serif",serif;max-width:none;padding:0}
header,nav,footer,.noprint,main>h1{display:none!important}
.act-sheet{max-width:none}
.act-sheet h2{page-break-after:avoid}
.act-sheet .signature{page-break-inside:avoid}
}
`;

/** The act sheet's stylesheet, served under /assets like the site's (the pages load styles only from there). */
export const ACT_PRINT_STYLE: Stylesheet = {
  path: `/assets/act-print.${createHash('sha256').update(CSS).digest('hex').slice(0, 12)}.css`,
  css: CSS,
};

/** «Кыргызча / Русский» in one cell, each part marked with its language. */
const both = (text: { ky: string; ru: string }): Html =>
  html`<span lang="ky">${text.ky}</span> / <span lang="ru" class="ru">${text.ru}</span>`;
const label = (key: MessageKey): Html => both({ ky: msg('ky', key), ru: msg('ru', key) });
const row = (th: Html, value: Html | string): Html => html`<tr><th scope="row">${th}</th><td>${value}</td></tr>\n`;

export function actPrintPage(app: App, deps: AppDeps): void {
  app.get(ACT_PRINT_STYLE.path, { schema: { hide: true }, config: { access: ['public'] } }, (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('text/css; charset=utf-8')
      .send(ACT_PRINT_STYLE.css),
  );

  app.get(
    '/acts/:actId/print',
    { schema: { hide: true }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const { actId } = request.params as { actId: string };
      const page = pageRequest(request, `/acts/${encodeURIComponent(actId)}/print`);
      const act = await findAct(deps.db, actId);
      if (!act || act.number === null || !(PUBLIC_ACT_STATUSES as readonly string[]).includes(act.status))
        return sendNotFound(reply, page);
      const group = await findGroupById(deps.db, act.groupId);
      const council = group && (await findCouncilById(deps.db, group.council_id));
      if (!group || !council) return sendNotFound(reply, page);
      const object = await findObjectById(deps.db, act.objectId);
      // Names and roles only (Law 58): listPublicMembers selects no phone, e-mail or birth date.
      const chair = (await listPublicMembers(deps.db, act.groupId)).find((m) => m.role === 'chair');
      const lang = page.lang;
      const d = act.draft;
      const kind = d.object?.kind ?? object?.kind;
      const objectName = object ? both(object.name) : html`${d.object?.name ?? '—'}`;
      const period =
        d.periodStart || d.periodEnd
          ? [d.periodStart, d.periodEnd]
              .map((x) => (x ? (/^\d{4}-\d{2}-\d{2}$/.test(x) ? dmy(x) : x) : '…'))
              .join(' – ')
          : '—';
      const none = html`<p>${label('act.none')}</p>`;
      const findings = (d.findings ?? []).filter((f) => (f.text ?? '').trim() !== '');
      const recommendations = (d.recommendations ?? []).filter((r) => r.trim() !== '');
      const annexes = d.annexes ?? [];
      const issued = act.issuedOn ? dmy(act.issuedOn) : '';
      const body = html`<p class="noprint muted">${T.hint[lang]} <a href="/acts/${encodeURIComponent(act.id)}?lang=${lang}">${T.back[lang]}</a></p>
<article class="act-sheet">
<p class="councils"><strong lang="ky">${council.name_ky}</strong><br><strong lang="ru" class="ru">${council.name_ru}</strong></p>
<p class="councils">${both({ ky: groupLabel('ky', group), ru: groupLabel('ru', group) })}</p>
<p class="sheet-title"><strong>${both({ ky: msg('ky', 'act.title', { number: act.number }), ru: msg('ru', 'act.title', { number: act.number }) })}</strong></p>
<p class="act-title">«${act.title}»</p>
<table class="facts"><tbody>
${row(both(L.council), both({ ky: council.name_ky, ru: council.name_ru }))}${row(both(L.group), both({ ky: groupLabel('ky', group), ru: groupLabel('ru', group) }))}${row(both(L.title), act.title)}${row(label('acts.issuedOn'), issued)}${row(label('acts.object'), objectName)}${kind ? row(label('act.objectKind'), both({ ky: MONITORED_OBJECT_KINDS[kind].ky, ru: MONITORED_OBJECT_KINDS[kind].ru })) : ''}${row(label('act.purpose'), d.purpose ?? '—')}${row(label('acts.subject'), d.subject ?? '—')}${row(label('act.place'), d.place ?? '—')}${row(label('act.period'), period)}</tbody></table>
${d.resultsSummary ? html`<h2>${label('act.summary')}</h2>\n<p>${d.resultsSummary}</p>\n` : ''}<h2>${label('act.findings')}</h2>
${
  findings.length === 0
    ? none
    : html`<ol class="findings">
${findings.map((f) => {
  const method = f.method
    ? [
        html`${FINDING_METHODS[f.method]?.ky ?? f.method} / <span lang="ru">${FINDING_METHODS[f.method]?.ru ?? f.method}</span>`,
        f.methodNote ? html`: ${f.methodNote}` : '',
      ]
    : null;
  return html`<li><strong>${label(f.kind === 'fact' ? 'act.fact' : 'act.evaluation')}.</strong> ${f.text ?? ''}${method ? html` <em>(${label('act.method')}: ${method})</em>` : ''}</li>\n`;
})}</ol>`
}
<h2>${label('act.recommendations')}</h2>
${recommendations.length === 0 ? none : html`<ol>\n${recommendations.map((r) => html`<li>${r}</li>\n`)}</ol>`}
<h2>${label('act.annexes')}</h2>
${annexes.length === 0 ? none : html`<ol>\n${annexes.map((a) => html`<li>${a.title}</li>\n`)}</ol>`}
<div class="signature">
<div>${both(L.chair)}<br><strong>${chair?.fullName ?? ''}</strong></div>
<div><div class="line"></div><div class="under">${both(L.signature)}</div></div>
<div>${both(L.date)}: ${issued}</div><div></div>
</div>
</article>`;
      return sendPage(
        reply,
        page,
        200,
        layout(page, fill(T.pageTitle[lang], act.number), body, {
          stylesheet: ACT_PRINT_STYLE,
          site: await groupSiteById(deps.db, lang, act.groupId),
        }),
      );
    },
  );
}
