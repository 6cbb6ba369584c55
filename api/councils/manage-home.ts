// /manage: where staff and deputies start. The councils the account may see (staff without a council: every
// council), each with its groups and their status, and links to every area: the formation, acts, the chair's
// dashboard and the public composition of each group; objects, calendar and accounts of each council.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { listCouncils } from '../../db/councils';
import { calendarReminderNotice } from '../calendar/edit-page';
import { executiveBodyHint, manageCouncilsIntro } from './new-page';
import { listGroups } from '../../db/groups';
import { bishkekDateOf } from '../../domain/dates';
import { dmy } from '../../domain/messages';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { mayAccessCouncil } from '../auth/require-role';
import { unavailableEngine } from '../../procedures/engine';
import { msg } from '../ui/messages';
import { formationPath } from '../formation/page';
import { retentionPath } from './retention-page';
import { cadencePath } from './cadence';
import { groupPersonsPath } from '../persons/pages';
import { newFormationPath } from '../formation/start-page';
import { adoptPath } from '../groups/adopt-page';
import { html, type Html } from '../ui/html';
import { layout, scrollBox } from '../ui/layout';
import { pageRequest, sendPage } from '../ui/respond';

/** Staff and deputies only (chairs and members start at their group's dashboard). */
function staffOrDeputy(request: FastifyRequest): Promise<void> {
  if (!request.auth) throw new AppError('not-authenticated', 'log in first');
  const role = request.auth.account.role;
  if (role !== 'staff' && role !== 'deputy') throw new AppError('forbidden', 'not allowed');
  return Promise.resolve();
}

export function manageHomePage(app: App, deps: AppDeps): void {
  const engine = deps.engine ?? unavailableEngine;
  app.get(
    '/manage',
    {
      schema: { hide: true, querystring: Type.Object({ lang: Type.Optional(Type.String()) }) },
      config: { access: ['staff', 'deputy'], page: true },
      preValidation: staffOrDeputy,
    },
    async (request, reply) => {
      const page = pageRequest(request, '/manage');
      const account = request.auth!.account;
      const staff = account.role === 'staff';
      const everyCouncil = staff && account.council_id === null;
      const lang = page.lang;
      const q = `?lang=${lang}`;
      const councils = (await listCouncils(deps.db)).filter((c) =>
        mayAccessCouncil(account, ['staff', 'deputy'], c.id),
      );
      const sections: Html[] = [];
      for (const council of councils) {
        const c = encodeURIComponent(council.id);
        const groups = await listGroups(deps.db, council.id);
        const councilName = lang === 'ky' ? council.name_ky : council.name_ru;
        const councilLinks: Html[] = [
          ...(staff
            ? [html`<a href="${newFormationPath(council.id)}${q}">${msg(lang, 'manage.link.startFormation')}</a>`]
            : []),
          ...(staff ? [html`<a href="${adoptPath(council.id)}${q}">${msg(lang, 'groups.adopt.title')}</a>`] : []),
          html`<a href="/manage/councils/${c}/objects${q}">${msg(lang, 'manage.link.objects')}</a>`,
          html`<a href="/manage/councils/${c}/calendar${q}">${msg(lang, 'manage.link.calendar')}</a>`,
          ...(staff
            ? [html`<a href="/manage/councils/${c}/accounts${q}">${msg(lang, 'manage.link.accounts')}</a>`]
            : []),
          ...(staff ? [html`<a href="${retentionPath(council.id)}${q}">${msg(lang, 'retention.link')}</a>`] : []),
          ...(staff ? [html`<a href="${cadencePath(council.id)}${q}">${msg(lang, 'cadence.link')}</a>`] : []),
          ...(staff
            ? [
                html`<a href="/manage/councils/${encodeURIComponent(council.id)}/consideration-days${q}">${msg(lang, 'consideration.daysTitle')}</a>`,
              ]
            : []),
          html`<a href="/councils/${c}/notices${q}">${msg(lang, 'manage.link.notices')}</a>`,
        ];
        const groupRows = groups.map((g) => {
          const id = encodeURIComponent(g.id);
          const opened = bishkekDateOf(new Date(g.opened_at).getTime());
          const when = g.created_on
            ? msg(lang, 'manage.group.created', { date: dmy(g.created_on) })
            : msg(lang, 'manage.group.opened', { date: dmy(opened) });
          return html`<tr><td>${when}${g.resolution_number ? html`<br><span class="muted">№ ${g.resolution_number}</span>` : ''}</td><td>${msg(lang, `manage.status.${g.status}`)}</td><td><a href="${formationPath(g.id)}${q}">${msg(lang, 'manage.link.formation')}</a> · <a href="/manage/groups/${id}/acts${q}">${msg(lang, 'manage.link.acts')}</a> · <a href="/manage/groups/${id}/dashboard${q}">${msg(lang, 'manage.link.dashboard')}</a> · <a href="/groups/${id}/composition${q}">${msg(lang, 'manage.link.composition')}</a>${everyCouncil ? html` · <a href="${groupPersonsPath(g.id)}${q}">${msg(lang, 'persons.link')}</a>` : ''}</td></tr>`;
        });
        sections.push(html`<section aria-labelledby="council-${council.id}">
<h2 id="council-${council.id}">${councilName}</h2>
<nav aria-label="${msg(lang, 'manage.councilLinks', { council: councilName })}">${councilLinks.map((l, i) => html`${i > 0 ? ' · ' : ''}${l}`)}</nav>
${staff ? await executiveBodyHint(deps, page, council.id) : ''}
${staff ? await calendarReminderNotice(deps, page, council.id) : ''}
${
  groups.length === 0
    ? html`<p>${msg(lang, 'manage.groups.none')}</p>`
    : scrollBox(
        msg(lang, 'manage.groups.table', { council: councilName }),
        html`<table><thead><tr><th scope="col">${msg(lang, 'manage.col.group')}</th><th scope="col">${msg(lang, 'manage.col.status')}</th><th scope="col">${msg(lang, 'manage.col.links')}</th></tr></thead>
<tbody>${groupRows}</tbody></table>`,
      )
}
</section>`);
      }
      const body = html`${engine.available() ? '' : html`<div class="notice" role="status"><p>${msg(lang, 'engine.unavailable')}</p></div>`}
<p class="muted">${msg(lang, staff ? 'manage.intro.staff' : 'manage.intro.deputy')}</p>
${manageCouncilsIntro(request, page, account, councils)}
${sections.length === 0 ? (staff && account.council_id === null ? '' : html`<p>${msg(lang, 'manage.councils.none')}</p>`) : sections}`;
      return sendPage(reply, page, 200, layout(page, msg(lang, 'manage.title'), body));
    },
  );
}
