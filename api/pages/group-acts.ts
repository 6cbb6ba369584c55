// GET /groups/:groupId/acts: the group's issued acts, newest first (8.1: the results are public). Drafts are never
// listed; nothing of the object but the name written in the act is shown (no contact e-mails).
import { findGroupById } from '../../db/groups';
import type { App, AppDeps } from '../app-types';
import { msg } from '../i18n/messages';
import { dmy } from '../../domain/messages';
import { html } from './html';
import { layout, scrollBox } from './layout';
import { pageRequest, sendNotFound, sendPage } from './respond';
import { actHref, PUBLIC_ACT_STATUSES, readObjectName } from './act-page';

export function groupActsPage(app: App, deps: AppDeps): void {
  app.get('/groups/:groupId/acts', { schema: { hide: true }, config: { access: ['public'], page: true } }, async (request, reply) => {
    const { groupId } = request.params as { groupId: string };
    const page = pageRequest(request, `/groups/${encodeURIComponent(groupId)}/acts`);
    if (!(await findGroupById(deps.db, groupId))) return sendNotFound(reply, page);
    const lang = page.lang;
    const acts = await deps.db
      .selectFrom('acts')
      .select(['id', 'number', 'status', 'issued_on', 'content'])
      .where('group_id', '=', groupId)
      .where('status', 'in', PUBLIC_ACT_STATUSES)
      .orderBy('issued_on', 'desc')
      .orderBy('number', 'desc')
      .execute();
    const body =
      acts.length === 0
        ? html`<p>${msg(lang, 'acts.empty')}</p>`
        : scrollBox(msg(lang, 'acts.title'), html`<table>
<thead><tr><th scope="col">${msg(lang, 'acts.number')}</th><th scope="col">${msg(lang, 'acts.issuedOn')}</th><th scope="col">${msg(lang, 'acts.object')}</th><th scope="col">${msg(lang, 'acts.subject')}</th><th scope="col">${msg(lang, 'acts.status')}</th></tr></thead>
<tbody>
${acts.map((a) => {
  const subject = typeof a.content.subject === 'string' ? a.content.subject : '';
  return html`<tr><td><a href="${actHref(a.id, lang)}">${a.number ?? ''}</a></td><td>${a.issued_on ? dmy(a.issued_on) : ''}</td><td>${readObjectName(a.content)}</td><td>${subject}</td><td>${msg(lang, `actStatus.${a.status as (typeof PUBLIC_ACT_STATUSES)[number]}`)}</td></tr>\n`;
})}
</tbody>
</table>`);
    return sendPage(reply, page, 200, layout(page, msg(lang, 'acts.title'), body));
  });
}
