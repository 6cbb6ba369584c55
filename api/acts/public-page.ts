// GET /acts/:actId: one issued act with its 8.1 content (purpose, subject, object, place, period, findings with their
// method, recommendations, annex titles). A draft is not public: it answers 404 like an unknown act.
import { findAct } from '../../db/acts';
import { annexUrl } from './view';
import { actPrintHref } from './print-link';
import { FINDING_METHODS, MONITORED_OBJECT_KINDS } from '../../domain/act';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import type { App, AppDeps } from '../app-types';
import { considerationSection } from '../recommendations/routes';
import { msg } from '../ui/messages';
import { html, type Html } from '../ui/html';
import { layout } from '../ui/layout';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { groupSiteById } from '../public/site-context';

/** 8.1: an act is public once issued, and stays public when received or closed. */
export const PUBLIC_ACT_STATUSES = ['issued', 'received', 'closed'] as const;

export function actHref(actId: string, lang: Lang): string {
  return `/acts/${encodeURIComponent(actId)}?lang=${lang}`;
}

/** The object's name as written in the act's content (never its contacts). */
export function readObjectName(content: Readonly<Record<string, unknown>>): string {
  const object = content.object as { name?: unknown } | null | undefined;
  return typeof object?.name === 'string' ? object.name : '';
}

const row = (label: string, value: Html | string): Html =>
  html`<tr><th scope="row">${label}</th><td>${value}</td></tr>\n`;

export function actPage(app: App, deps: AppDeps): void {
  app.get(
    '/acts/:actId',
    { schema: { hide: true }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const { actId } = request.params as { actId: string };
      const page = pageRequest(request, `/acts/${encodeURIComponent(actId)}`);
      const act = await findAct(deps.db, actId);
      if (!act || !(PUBLIC_ACT_STATUSES as readonly string[]).includes(act.status)) return sendNotFound(reply, page);
      const lang = page.lang;
      const d = act.draft;
      const status = act.status as (typeof PUBLIC_ACT_STATUSES)[number];
      const period = [d.periodStart, d.periodEnd].map((x) => (x ? dmy(x) : '…')).join(' – ');
      const none = html`<p>${msg(lang, 'act.none')}</p>`;
      const findings = d.findings ?? [];
      const recommendations = d.recommendations ?? [];
      const annexes = d.annexes ?? [];
      const body = html`<table class="act">
<tbody>
${row(msg(lang, 'acts.issuedOn'), act.issuedOn ? dmy(act.issuedOn) : '')}${act.receivedOn ? row(msg(lang, 'act.receivedOn'), dmy(act.receivedOn)) : ''}${row(msg(lang, 'acts.status'), msg(lang, `actStatus.${status}`))}${row(msg(lang, 'acts.object'), d.object?.name ?? '')}${d.object?.kind ? row(msg(lang, 'act.objectKind'), MONITORED_OBJECT_KINDS[d.object.kind][lang]) : ''}${row(msg(lang, 'act.purpose'), d.purpose ?? '')}${row(msg(lang, 'acts.subject'), d.subject ?? '')}${row(msg(lang, 'act.place'), d.place ?? '')}${row(msg(lang, 'act.period'), period)}</tbody>
</table>
${d.resultsSummary ? html`<h2>${msg(lang, 'act.summary')}</h2>\n<p>${d.resultsSummary}</p>\n` : ''}<h2>${msg(lang, 'act.findings')}</h2>
${
  findings.length === 0
    ? none
    : html`<ol class="findings">
${findings.map((f) => {
  const method = f.method ? [FINDING_METHODS[f.method][lang], f.methodNote ?? ''].filter(Boolean).join(': ') : '';
  return html`<li><strong>${msg(lang, f.kind === 'fact' ? 'act.fact' : 'act.evaluation')}.</strong> ${f.text ?? ''}${method ? html` <em>(${msg(lang, 'act.method')}: ${method})</em>` : ''}</li>\n`;
})}</ol>`
}
<h2>${msg(lang, 'act.recommendations')}</h2>
${
  recommendations.length === 0
    ? none
    : html`<ol>
${recommendations.map((r) => html`<li>${r}</li>\n`)}</ol>`
}
<h2>${msg(lang, 'act.annexes')}</h2>
${
  annexes.length === 0
    ? none
    : html`<ol>
${annexes.map((a) => {
  // An annex named after an attached file links to the file (issued acts' annexes are public: annex-download.ts).
  const file = act.annexes.find((f) => f.fileName.toLowerCase() === a.title.trim().toLowerCase());
  return html`<li>${file ? html`<a href="${annexUrl(act.id, file.id)}" download>${a.title}</a>` : a.title}</li>\n`;
})}</ol>`
}
${await considerationSection(deps.db, act, lang)}
<p class="noprint"><a href="${actPrintHref(act.id, lang)}">${msg(lang, 'notices.print')}</a></p>
<p><a href="/groups/${encodeURIComponent(act.groupId)}/acts?lang=${lang}">${msg(lang, 'act.back')}</a></p>`;
      return sendPage(
        reply,
        page,
        200,
        layout(page, msg(lang, 'act.title', { number: act.number ?? '' }), body, {
          site: await groupSiteById(deps.db, lang, act.groupId),
        }),
      );
    },
  );
}
