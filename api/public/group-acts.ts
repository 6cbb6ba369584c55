// GET /groups/:groupId/acts: the group's issued acts, newest first (8.1: the results are public), 50 a page
// (?page=2 ...), so a group with years of acts stays a light page on a phone. Drafts are never listed; nothing of the
// object but the name written in the act is shown (no contact e-mails), and only that and the subject are read.
import { sql } from 'kysely';
import { Type } from 'typebox';
import { findGroupById } from '../../db/groups';
import type { App, AppDeps } from '../app-types';
import { msg } from '../ui/messages';
import { dmy } from '../../domain/messages';
import { html } from '../ui/html';
import { layout, scrollBox } from '../ui/layout';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { actHref, PUBLIC_ACT_STATUSES, readObjectName } from '../acts/public-page';
import { groupSite } from './site-context';
import { OPEN_DATA_LINK } from './open-data';
import { loc } from '../../domain/i18n';

/** The group's other public records, linked under its acts. */
const GROUP_WORK_LINKS = {
  plan: loc('Иш планы', 'План работы', 'Work plan'),
  reports: loc('Отчеттор', 'Отчёты', 'Reports'),
  requests: loc('Маалымат суроо-талаптары', 'Запросы информации', 'Information requests'),
};

/** Acts a page: a year of a busy group's acts on two or three pages. */
export const ACTS_PER_PAGE = 50;

const Query = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

export function groupActsPage(app: App, deps: AppDeps): void {
  app.get(
    '/groups/:groupId/acts',
    { schema: { hide: true, querystring: Query }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const { groupId } = request.params as { groupId: string };
      const pageNo = request.query.page ?? 1;
      const page = pageRequest(
        request,
        `/groups/${encodeURIComponent(groupId)}/acts`,
        pageNo > 1 ? { page: String(pageNo) } : {},
      );
      const group = await findGroupById(deps.db, groupId);
      if (!group) return sendNotFound(reply, page);
      const lang = page.lang;
      const issued = deps.db
        .selectFrom('acts')
        .where('group_id', '=', groupId)
        .where('status', 'in', PUBLIC_ACT_STATUSES);
      const [{ total }] = (await issued.select((eb) => eb.fn.countAll<string>().as('total')).execute()) as [
        { total: string | number },
      ];
      const pages = Math.max(1, Math.ceil(Number(total) / ACTS_PER_PAGE));
      if (pageNo > pages) return sendNotFound(reply, page);
      const rows = await issued
        .select(['id', 'number', 'status', 'issued_on'])
        .select(sql<unknown>`content->'subject'`.as('subject'))
        .select(sql<unknown>`content->'object'`.as('object'))
        .orderBy('issued_on', 'desc')
        .orderBy('number', 'desc')
        .limit(ACTS_PER_PAGE)
        .offset((pageNo - 1) * ACTS_PER_PAGE)
        .execute();
      const acts = rows.map((r) => ({ ...r, content: { subject: r.subject, object: r.object } }));
      const pageHref = (n: number) =>
        `${page.path}?${new URLSearchParams({ lang, ...(n > 1 ? { page: String(n) } : {}) }).toString()}`;
      const nav =
        pages <= 1
          ? html``
          : html`<nav aria-label="${msg(lang, 'acts.pageOf', { page: String(pageNo), pages: String(pages) })}"><p>${pageNo > 1 ? html`<a href="${pageHref(pageNo - 1)}" rel="prev">${msg(lang, 'acts.newer')}</a> ` : ''}<span class="muted">${msg(lang, 'acts.pageOf', { page: String(pageNo), pages: String(pages) })}</span>${pageNo < pages ? html` <a href="${pageHref(pageNo + 1)}" rel="next">${msg(lang, 'acts.older')}</a>` : ''}</p></nav>`;
      const body =
        acts.length === 0
          ? html`<p>${msg(lang, 'acts.empty')}</p>`
          : scrollBox(
              msg(lang, 'acts.title'),
              html`<table>
<thead><tr><th scope="col">${msg(lang, 'acts.number')}</th><th scope="col">${msg(lang, 'acts.issuedOn')}</th><th scope="col">${msg(lang, 'acts.object')}</th><th scope="col">${msg(lang, 'acts.subject')}</th><th scope="col">${msg(lang, 'acts.status')}</th></tr></thead>
<tbody>
${acts.map((a) => {
  const subject = typeof a.content.subject === 'string' ? a.content.subject : '';
  return html`<tr><td><a href="${actHref(a.id, lang)}">${a.number ?? ''}</a></td><td>${a.issued_on ? dmy(a.issued_on) : ''}</td><td>${readObjectName(a.content)}</td><td>${subject}</td><td>${msg(lang, `actStatus.${a.status as (typeof PUBLIC_ACT_STATUSES)[number]}`)}</td></tr>\n`;
})}
</tbody>
</table>`,
            );
      return sendPage(
        reply,
        page,
        200,
        layout(
          page,
          msg(lang, 'acts.title'),
          html`${body}${nav}<p><a href="/groups/${encodeURIComponent(groupId)}/plan?lang=${lang}">${GROUP_WORK_LINKS.plan[lang]}</a> · <a href="/groups/${encodeURIComponent(groupId)}/reports?lang=${lang}">${GROUP_WORK_LINKS.reports[lang]}</a> · <a href="/groups/${encodeURIComponent(groupId)}/requests?lang=${lang}">${GROUP_WORK_LINKS.requests[lang]}</a> · <a href="/groups/${encodeURIComponent(groupId)}/data?lang=${lang}">${OPEN_DATA_LINK[lang]}</a></p>`,
          { site: await groupSite(deps.db, lang, group) },
        ),
      );
    },
  );
}
