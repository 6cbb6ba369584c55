// GET /groups/:groupId/composition: the group's members with category and role, chair first. Read only through
// listPublicMembers, which selects no phone, e-mail or birth date (Law 58: names, roles and categories only). A group
// taken on (api/groups/) shows its resolution and, when the council adopted a composition that breaks 5.2, a banner
// naming the clauses and the findings kept on its record (words without personal data, domain/adoption.ts).
import { findGroupAdoption, findGroupById } from '../../db/groups';
import { brokenClauses } from '../../domain/adoption';
import { dmy } from '../../domain/messages';
import { findingItem } from '../groups/adopt-page';
import { listPublicMembers } from '../../db/members';
import type { App, AppDeps } from '../app-types';
import { msg } from '../ui/messages';
import { html } from '../ui/html';
import { layout, scrollBox } from '../ui/layout';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { groupSite } from './site-context';
import { formationDecisionNote } from './composition-decision';
import { compositionCureNote } from '../membership/composition-cure-view';
import { bishkekDateOf } from '../../domain/dates';
import { procedureDeps } from '../procedure-deps';
import { conflictStandingAside } from '../conflicts/routes';
import { NEXT_FORMATION } from '../formation/start-page';

export function groupCompositionPage(app: App, deps: AppDeps): void {
  app.get(
    '/groups/:groupId/composition',
    { schema: { hide: true }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const { groupId } = request.params as { groupId: string };
      const page = pageRequest(request, `/groups/${encodeURIComponent(groupId)}/composition`);
      const group = await findGroupById(deps.db, groupId);
      if (!group) return sendNotFound(reply, page);
      const lang = page.lang;
      const members = await listPublicMembers(deps.db, groupId);
      const chair = members.find((m) => m.role === 'chair');
      const adoption = await findGroupAdoption(deps.db, groupId);
      const clauses = adoption ? brokenClauses(adoption.findings) : [];
      const adopted = adoption
        ? html`<p>${msg(lang, 'groups.banner.resolution', { number: adoption.resolution_number, date: dmy(adoption.decided_on), published: dmy(adoption.published_on), end: dmy(adoption.term_end) })}</p>
${clauses.length > 0 ? html`<div class="notice" role="note"><p><strong>${msg(lang, 'groups.banner.violations', { clauses: clauses.join(', ') })}</strong></p><ul>${adoption.findings.filter((f) => f.severity === 'violation').map((f) => findingItem(lang, f))}</ul></div>` : ''}`
        : '';
      const list =
        members.length === 0
          ? html`<p>${msg(lang, 'composition.empty')}</p>`
          : html`${chair ? html`<p>${msg(lang, 'role.chair')}: <strong>${chair.fullName}</strong></p>` : ''}
${scrollBox(
  msg(lang, 'composition.title'),
  html`<table>
<thead><tr><th scope="col">${msg(lang, 'composition.name')}</th><th scope="col">${msg(lang, 'composition.category')}</th><th scope="col">${msg(lang, 'composition.role')}</th><th scope="col">${msg(lang, 'composition.village')}</th></tr></thead>
<tbody>
${members.map((m) => html`<tr><td>${m.fullName}</td><td>${msg(lang, `category.${m.category}`)}</td><td>${msg(lang, `role.${m.role}`)}</td><td>${m.village ?? ''}</td></tr>\n`)}
</tbody>
</table>`,
)}`;
      const today = bishkekDateOf(procedureDeps(deps, request.log).now());
      const cure = await compositionCureNote(deps.db, groupId, lang, today, { staff: false, link: false });
      const body = html`${adopted}${await formationDecisionNote(deps.db, groupId, lang)}${cure}${list}${await conflictStandingAside(deps.db, groupId, lang)}${
        // 5.3.1: the composition this one follows, once a term ended and the next formation began.
        group.previous_group_id
          ? html`<p><a href="/groups/${encodeURIComponent(group.previous_group_id)}/composition?lang=${lang}">${NEXT_FORMATION.follows[lang]}</a></p>`
          : ''
      }`;
      return sendPage(
        reply,
        page,
        200,
        layout(page, msg(lang, 'composition.title'), body, { site: await groupSite(deps.db, lang, group) }),
      );
    },
  );
}
